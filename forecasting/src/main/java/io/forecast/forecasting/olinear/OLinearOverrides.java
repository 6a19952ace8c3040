package io.forecast.forecasting.olinear;

import io.forecast.forecasting.training.LearningRateSchedule;

/**
 * User overrides of a preset's fields, as the CLI and the REST API take them: every field is
 * optional ({@code null} keeps the preset's value). Setting {@code dModel} also sets {@code dFf}
 * unless {@code dFf} is given too (the paper uses {@code dFf = dModel}).
 */
public record OLinearOverrides(
    Integer epochs,
    Long seed,
    Double learningRate,
    LearningRateSchedule schedule,
    Integer batchSize,
    Integer patience,
    Integer dModel,
    Integer dFf,
    Integer eLayers,
    Integer embedSize,
    Double dropout,
    Double qRatio,
    Boolean rank1Shortcut) {

  /** No overrides. */
  public static OLinearOverrides none() {
    return new OLinearOverrides(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The preset with these overrides applied.
   *
   * @throws IllegalArgumentException if an overridden value is invalid
   */
  public OLinearSettings applyTo(OLinearSettings preset) {
    OLinearSettings.Builder b = preset.toBuilder();
    if (epochs != null) b.epochs(epochs);
    if (seed != null) b.seed(seed);
    if (learningRate != null) b.learningRate(learningRate);
    if (schedule != null) b.schedule(schedule);
    if (batchSize != null) b.batchSize(batchSize);
    if (patience != null) b.patience(patience);
    if (dModel != null) b.dModel(dModel).dFf(dModel);
    if (dFf != null) b.dFf(dFf);
    if (eLayers != null) b.eLayers(eLayers);
    if (embedSize != null) b.embedSize(embedSize);
    if (dropout != null) b.dropout(dropout);
    if (qRatio != null) b.qRatio(qRatio);
    if (rank1Shortcut != null) b.rank1Shortcut(rank1Shortcut);
    return b.build();
  }
}
