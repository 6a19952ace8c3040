package io.forecast.forecasting.olinear;

import io.forecast.forecasting.training.LearningRateSchedule;
import io.forecast.forecasting.training.TrainingConfig;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.InvalidSettingsException;
import java.util.Collections;
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
 * @param mixer the variate mixer's name ({@link OLinearMixer#NAMES}; {@code null}, as in a
 *     {@code model.json} written before mixers existed: {@code normlin})
 * @param nHeads heads of an attention mixer ({@code null}: {@link OLinearMixer#DEFAULT_HEADS} for an
 *     attention mixer, none for the NormLin mixers)
 * @param mixerParameters the mixer's operator parameters, effective values by name ({@code null}: none;
 *     empty for {@code normlin})
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
    boolean rank1Shortcut,
    String mixer,
    Integer nHeads,
    Map<String, Object> mixerParameters) {

  /**
   * @throws IllegalArgumentException for an invalid value (an {@link
   *     io.forecast.forecasting.InvalidSettingsException} for an unusable mixer)
   */
  public OLinearSettings {
    Objects.requireNonNull(preset, "preset");
    mixer = mixer == null ? OLinearMixer.NORMLIN : mixer;
    mixerParameters = mixerParameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(
        mixerParameters));
    Objects.requireNonNull(schedule, "schedule");
    if (qRatio != null && !(qRatio > 0 && qRatio <= 1)) {
      throw new IllegalArgumentException("qRatio must be in (0, 1], got " + qRatio);
    }
    // the records below validate the rest with precise messages
    new OLinearConfig(2, 1, 1, embedSize, dModel, dFf, eLayers, dropout, rank1Shortcut);
    new TrainingConfig(epochs, batchSize, learningRate, schedule, patience, seed);
    mixer(mixer, nHeads, mixerParameters);
  }

  /** Settings with the NormLin mixer. */
  public OLinearSettings(String preset, int dModel, int dFf, int eLayers, int embedSize, double dropout, int epochs,
      int batchSize, double learningRate, LearningRateSchedule schedule, int patience, long seed, Double qRatio,
      boolean rank1Shortcut) {
    this(preset, dModel, dFf, eLayers, embedSize, dropout, epochs, batchSize, learningRate, schedule, patience, seed,
        qRatio, rank1Shortcut, OLinearMixer.NORMLIN, null, Map.of());
  }

  private static OLinearMixer mixer(String name, Integer heads, Map<String, Object> parameters) {
    if (!OLinearMixer.NAMES.contains(name)) {
      throw new InvalidSettingsException("unknown mixer '" + name + "' of model type 'olinear'; known: "
          + String.join(", ", OLinearMixer.NAMES));
    }
    String operator = OLinearMixer.OPERATORS.get(name);
    if (operator == null && !parameters.isEmpty()) {
      throw new InvalidSettingsException("mixer 'normlin' of model type 'olinear' has no operator parameters, got "
          + parameters.keySet());
    }
    OperatorParams params;
    try {
      params = operator == null ? null : AttentionOperators.spec(operator).params(parameters);
    } catch (InvalidOperatorParameterException e) {
      throw new InvalidSettingsException("mixer '" + name + "' of model type 'olinear': " + e.getMessage(), e);
    }
    return new OLinearMixer(name, heads == null ? OLinearMixer.DEFAULT_HEADS : heads, params);
  }

  /** The variate mixer these settings ask for. */
  public OLinearMixer variateMixer() {
    return mixer(mixer, nHeads, mixerParameters);
  }

  /** The network configuration for given lengths and variate count. */
  public OLinearConfig modelConfig(int seqLen, int predLen, int variates) {
    return new OLinearConfig(seqLen, predLen, variates, embedSize, dModel, dFf, eLayers, dropout, rank1Shortcut,
        variateMixer());
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
    m.put("mixer", mixer);
    m.put("nHeads", nHeads);
    m.put("mixerParameters", mixerParameters);
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
    private String mixer;
    private Integer nHeads;
    private Map<String, Object> mixerParameters;

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
      mixer = s.mixer;
      nHeads = s.nHeads;
      mixerParameters = s.mixerParameters;
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
    public Builder mixer(String v) { mixer = v; return this; }
    public Builder nHeads(Integer v) { nHeads = v; return this; }
    public Builder mixerParameters(Map<String, Object> v) { mixerParameters = v; return this; }

    public OLinearSettings build() {
      return new OLinearSettings(preset, dModel, dFf, eLayers, embedSize, dropout, epochs, batchSize,
          learningRate, schedule, patience, seed, qRatio, rank1Shortcut, mixer, nHeads, mixerParameters);
    }
  }
}
