package io.forecast.forecasting.olinear;

import io.forecast.forecasting.training.LearningRateSchedule;
import io.forecast.forecasting.training.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides an OLinear training run apart from the data and the window lengths:
 * architecture, optimisation, seed and where the OrthoTrans bases come from. Immutable; start from
 * {@link OLinearPresets} and override fields with {@link #toBuilder()}.
 *
 * @param preset the preset these settings came from ({@code paper}, {@code fast}, or {@code custom})
 * @param dModel hidden width
 * @param dFf FFN width (the paper uses {@code dFf = dModel})
 * @param eLayers encoder layers
 * @param embedSize dimension-extension size D
 * @param dropout dropout probability
 * @param epochs maximum epochs
 * @param batchSize training batch size
 * @param learningRate initial learning rate
 * @param schedule learning-rate schedule
 * @param patience early-stopping patience (epochs)
 * @param seed random seed (weights, dropout, shuffling)
 * @param qRatio {@code null} to build Q from the training split (leak-free default); otherwise the
 *     first {@code int(qRatio · n)} rows, as the official files (0.6 for ETT, 0.7 otherwise)
 * @param rank1Shortcut whether to use the exact rank-1 shortcut for the first linear layer
 */
public record OLinearSettings(
    String preset,
    int dModel,
    int dFf,
    int eLayers,
    int embedSize,
    double dropout,
    int epochs,
    int batchSize,
    double learningRate,
    LearningRateSchedule schedule,
    int patience,
    long seed,
    Double qRatio,
    boolean rank1Shortcut) {

  public OLinearSettings {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(schedule, "schedule");
    if (qRatio != null && !(qRatio > 0 && qRatio <= 1)) {
      throw new IllegalArgumentException("qRatio must be in (0, 1], got " + qRatio);
    }
    // the records below validate the rest with precise messages
    new OLinearConfig(2, 1, 1, embedSize, dModel, dFf, eLayers, dropout, rank1Shortcut);
    new TrainingConfig(epochs, batchSize, learningRate, schedule, patience, seed);
  }

  /** The network configuration for given lengths and variate count. */
  public OLinearConfig modelConfig(int seqLen, int predLen, int variates) {
    return new OLinearConfig(seqLen, predLen, variates, embedSize, dModel, dFf, eLayers, dropout, rank1Shortcut);
  }

  /** The trainer configuration. */
  public TrainingConfig trainingConfig() {
    return new TrainingConfig(epochs, batchSize, learningRate, schedule, patience, seed);
  }

  /** The settings as an ordered map (for provenance and JSON output). */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("preset", preset);
    m.put("dModel", dModel);
    m.put("dFf", dFf);
    m.put("eLayers", eLayers);
    m.put("embedSize", embedSize);
    m.put("dropout", dropout);
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("learningRate", learningRate);
    m.put("schedule", schedule.scriptName());
    m.put("patience", patience);
    m.put("seed", seed);
    m.put("qRatio", qRatio);
    m.put("rank1Shortcut", rank1Shortcut);
    return m;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable builder for overriding preset fields. */
  public static final class Builder {
    private String preset;
    private int dModel;
    private int dFf;
    private int eLayers;
    private int embedSize;
    private double dropout;
    private int epochs;
    private int batchSize;
    private double learningRate;
    private LearningRateSchedule schedule;
    private int patience;
    private long seed;
    private Double qRatio;
    private boolean rank1Shortcut;

    private Builder(OLinearSettings s) {
      preset = s.preset;
      dModel = s.dModel;
      dFf = s.dFf;
      eLayers = s.eLayers;
      embedSize = s.embedSize;
      dropout = s.dropout;
      epochs = s.epochs;
      batchSize = s.batchSize;
      learningRate = s.learningRate;
      schedule = s.schedule;
      patience = s.patience;
      seed = s.seed;
      qRatio = s.qRatio;
      rank1Shortcut = s.rank1Shortcut;
    }

    public Builder preset(String v) { preset = v; return this; }
    public Builder dModel(int v) { dModel = v; return this; }
    public Builder dFf(int v) { dFf = v; return this; }
    public Builder eLayers(int v) { eLayers = v; return this; }
    public Builder embedSize(int v) { embedSize = v; return this; }
    public Builder dropout(double v) { dropout = v; return this; }
    public Builder epochs(int v) { epochs = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder learningRate(double v) { learningRate = v; return this; }
    public Builder schedule(LearningRateSchedule v) { schedule = v; return this; }
    public Builder patience(int v) { patience = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder qRatio(Double v) { qRatio = v; return this; }
    public Builder rank1Shortcut(boolean v) { rank1Shortcut = v; return this; }

    public OLinearSettings build() {
      return new OLinearSettings(preset, dModel, dFf, eLayers, embedSize, dropout, epochs, batchSize,
          learningRate, schedule, patience, seed, qRatio, rank1Shortcut);
    }
  }
}
