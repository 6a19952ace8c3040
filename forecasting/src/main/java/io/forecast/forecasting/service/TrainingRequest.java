package io.forecast.forecasting.service;

/**
 * What to train: the model id, the window lengths, a preset and optional overrides. A {@code null}
 * override keeps the preset's value.
 *
 * @param modelId id to save the model under
 * @param seqLen input length
 * @param predLen horizon
 * @param preset {@code fast} or {@code paper} (see {@code OLinearPresets}); {@code null} means fast
 * @param epochs maximum epochs
 * @param seed random seed
 * @param learningRate initial learning rate
 * @param batchSize batch size
 * @param patience early-stopping patience
 * @param dModel hidden width (d_ff follows)
 * @param embedSize dimension-extension size D
 * @param eLayers encoder layers
 * @param dropout dropout probability
 * @param split split rule ({@code auto}, {@code ett-hour}, {@code ett-minute}, {@code ratio}); {@code null} means auto
 * @param target target column, or {@code null} for the default
 * @param timestampColumn timestamp column, or {@code null} for the first
 * @param missing missing-value policy ({@code reject}, {@code keep}, {@code ffill}); {@code null} means reject
 * @param overwrite whether an existing model with the id may be replaced
 */
public record TrainingRequest(String modelId, int seqLen, int predLen, String preset, Integer epochs, Long seed,
    Double learningRate, Integer batchSize, Integer patience, Integer dModel, Integer embedSize, Integer eLayers,
    Double dropout, String split, String target, String timestampColumn, String missing, boolean overwrite) {

  /** A request with the preset's settings and the default split and columns. */
  public static TrainingRequest of(String modelId, int seqLen, int predLen, String preset) {
    return new TrainingRequest(modelId, seqLen, predLen, preset, null, null, null, null, null, null, null, null, null,
        null, null, null, null, false);
  }
}
