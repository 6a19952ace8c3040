package io.forecast.forecasting.studies.sinks;

import java.util.List;
import java.util.Objects;

/**
 * Everything one run of the study depends on.
 *
 * @param seqLen input rows per window T (a multiple of {@code patch})
 * @param predLen horizon τ
 * @param patch rows per token (tokens N = T / patch)
 * @param dModel token width D
 * @param heads attention heads (divide D)
 * @param dFf MLP width of the residual-mlp layers
 * @param layers attention layers per encoder
 * @param epochs training epochs (Adam, MSE, the learning rate halved every epoch from the third)
 * @param batchSize windows per step
 * @param lr initial learning rate
 * @param seed seeds the weights, the shuffling and the synthetic series
 * @param maxTrainWindows training uses the last this-many windows of the train split (and the first
 *     quarter as many validation windows)
 * @param testWindows the first this-many test windows are scored and probed
 * @param window the largest distance |i − j| the window variant's queries see
 * @param logit the sink / null logit b of V1, V2 and V4 (scale of QKᵀ/√d)
 * @param diagonal the diagonal bias β of V3 and V4
 * @param sinkValue every entry of V1's sink value vector
 * @param learn whether the trained encoders learn b_h and β_h per head and layer (starting at {@code logit}
 *     and {@code diagonal}); otherwise they stay fixed there
 * @param syntheticRows rows of the synthetic series ({@code 0}: no synthetic dataset)
 * @param variants the operators compared
 * @param architectures the stacks compared
 */
public record SinksSettings(int seqLen, int predLen, int patch, int dModel, int heads, int dFf, int layers, int epochs,
    int batchSize, double lr, long seed, int maxTrainWindows, int testWindows, int window, double logit,
    double diagonal, double sinkValue, boolean learn, int syntheticRows, List<SinkVariant> variants,
    List<Architecture> architectures) {

  /** The constructed check's query/key weight scale (near-uniform attention). */
  public static final double CONSTRUCTED_QK_SCALE = 0.3;
  /** The constructed check's large null logit b and diagonal bias β (e^30 ≈ 1e13: a hard switch in float32). */
  public static final double CONSTRUCTED_LARGE = 30;
  /** The largest logit or bias accepted (the registry's bound). */
  static final double MAX_LOGIT = 1000;

  /** @throws IllegalArgumentException naming the first field out of range */
  public SinksSettings {
    variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
    architectures = List.copyOf(Objects.requireNonNull(architectures, "architectures"));
    if (patch < 1 || seqLen < patch || seqLen % patch != 0 || seqLen / patch < 2) {
      throw new IllegalArgumentException("the sequence length must be a multiple of the patch length giving at "
          + "least 2 tokens, got seq_len " + seqLen + " and patch " + patch);
    }
    if (predLen < 1) {
      throw new IllegalArgumentException("the horizon must be at least 1, got " + predLen);
    }
    if (dModel < 1 || heads < 1 || dModel % heads != 0 || dFf < 1) {
      throw new IllegalArgumentException("d_model must be a positive multiple of the heads and d_ff positive, got "
          + "d_model " + dModel + ", heads " + heads + ", d_ff " + dFf);
    }
    if (layers < 1 || epochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException("layers, epochs and the batch size must be at least 1, got " + layers + ", "
          + epochs + ", " + batchSize);
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("the learning rate must be a finite number > 0, got " + lr);
    }
    if (maxTrainWindows < 1 || testWindows < 1) {
      throw new IllegalArgumentException("the train and test window counts must be at least 1, got "
          + maxTrainWindows + " and " + testWindows);
    }
    if (window < 0) {
      throw new IllegalArgumentException("the window must be at least 0, got " + window);
    }
    for (double v : new double[] {logit, diagonal}) {
      if (!(Math.abs(v) <= MAX_LOGIT)) {
        throw new IllegalArgumentException("the logit and the diagonal bias must lie within ±" + (int) MAX_LOGIT
            + ", got " + v);
      }
    }
    if (!Double.isFinite(sinkValue)) {
      throw new IllegalArgumentException("the sink value must be finite, got " + sinkValue);
    }
    if (syntheticRows < 0) {
      throw new IllegalArgumentException("the synthetic rows must be >= 0, got " + syntheticRows);
    }
    if (variants.isEmpty() || architectures.isEmpty()) {
      throw new IllegalArgumentException("at least one variant and one architecture are needed");
    }
    if (variants.stream().distinct().count() != variants.size()
        || architectures.stream().distinct().count() != architectures.size()) {
      throw new IllegalArgumentException("variants and architectures must not repeat, got " + variants + " and "
          + architectures);
    }
  }

  /**
   * The defaults: 96-row windows cut into 24 tokens of 4 rows, horizon 24, D = 16 with 2 heads, d_ff 32,
   * 4 layers, 3 epochs of at most 2048 windows, batch 32, lr 1e-3, seed 0, 256 test windows, window 2,
   * b_h and β_h learned from 0 (spec §6.2: β "starts at 0"; b = 0 is the classic off-by-one softmax), V1
   * value 1, 4000 synthetic rows, every variant, all three stacks.
   */
  public static SinksSettings defaults() {
    return new SinksSettings(96, 24, 4, 16, 2, 32, 4, 3, 32, 1e-3, 0, 2048, 256, 2, 0, 0, 1, true, 4000,
        List.of(SinkVariant.values()), List.of(Architecture.values()));
  }

  /** Tokens per window. */
  public int tokens() {
    return seqLen / patch;
  }

  /** These settings with {@code epochs}, {@code layers} and {@code seed}. */
  public SinksSettings with(int epochs, int layers, long seed) {
    return new SinksSettings(seqLen, predLen, patch, dModel, heads, dFf, layers, epochs, batchSize, lr, seed,
        maxTrainWindows, testWindows, window, logit, diagonal, sinkValue, learn, syntheticRows, variants, architectures);
  }

  /** These settings with smaller data: {@code maxTrainWindows}, {@code testWindows} and {@code syntheticRows}. */
  public SinksSettings withData(int maxTrainWindows, int testWindows, int syntheticRows) {
    return new SinksSettings(seqLen, predLen, patch, dModel, heads, dFf, layers, epochs, batchSize, lr, seed,
        maxTrainWindows, testWindows, window, logit, diagonal, sinkValue, learn, syntheticRows, variants, architectures);
  }

  /** These settings comparing {@code variants} on {@code architectures}. */
  public SinksSettings comparing(List<SinkVariant> variants, List<Architecture> architectures) {
    return new SinksSettings(seqLen, predLen, patch, dModel, heads, dFf, layers, epochs, batchSize, lr, seed,
        maxTrainWindows, testWindows, window, logit, diagonal, sinkValue, learn, syntheticRows, variants, architectures);
  }
}
