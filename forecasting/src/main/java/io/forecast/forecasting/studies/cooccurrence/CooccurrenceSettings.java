package io.forecast.forecasting.studies.cooccurrence;

import io.forecast.attention.registry.AttentionOperators;
import java.util.Objects;

/**
 * Everything one run of the study depends on (spec §7.3 defaults: n = 60, L = 5, d = 64, m = 128,
 * m1 = 256, lr 0.01, 30,000 epochs, Kaiming-like init, softmax attention).
 *
 * @param samples n, a multiple of 6
 * @param length L
 * @param dim d
 * @param m the attention width (rows of W_Q, W_K, W_V)
 * @param m1 the number of linear readout units (rows of W)
 * @param epochs full-batch gradient-descent steps
 * @param lr the learning rate
 * @param init the initialisation
 * @param attention the registry name of the attention operator
 * @param seed seeds the data and the weights
 * @param denseUntil every epoch up to this one is stored
 * @param storeEvery after {@code denseUntil}, every {@code storeEvery}-th epoch is stored (plus the
 *     phase-1 end and the last)
 */
public record CooccurrenceSettings(int samples, int length, int dim, int m, int m1, int epochs, double lr, Init init,
    String attention, long seed, int denseUntil, int storeEvery) {
  public CooccurrenceSettings {
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(attention, "attention");
    if (samples <= 0 || samples % 6 != 0) {
      throw new IllegalArgumentException("samples must be a positive multiple of 6, got " + samples);
    }
    if (length < 3 || dim < 4) {
      throw new IllegalArgumentException("L must be at least 3 and d at least 4, got L = " + length + ", d = " + dim);
    }
    if (m < 1 || m1 < 1) {
      throw new IllegalArgumentException("m and m1 must be positive, got m = " + m + ", m1 = " + m1);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("the learning rate must be a finite number > 0, got " + lr);
    }
    if (denseUntil < 0 || storeEvery < 1) {
      throw new IllegalArgumentException("denseUntil must be >= 0 and storeEvery >= 1, got " + denseUntil + " and "
          + storeEvery);
    }
    AttentionOperators.spec(attention);
  }

  /** The paper's settings (§7.3) with softmax attention, Kaiming-like init and seed 0. */
  public static CooccurrenceSettings defaults() {
    return new CooccurrenceSettings(60, 5, 64, 128, 256, 30_000, 0.01, Init.KAIMING, "softmax", 0, 1000, 10);
  }

  /** These settings with {@code epochs}. */
  public CooccurrenceSettings withEpochs(int epochs) {
    return new CooccurrenceSettings(samples, length, dim, m, m1, epochs, lr, init, attention, seed, denseUntil,
        storeEvery);
  }

  /** These settings with widths {@code m} and {@code m1}. */
  public CooccurrenceSettings withWidths(int m, int m1) {
    return new CooccurrenceSettings(samples, length, dim, m, m1, epochs, lr, init, attention, seed, denseUntil,
        storeEvery);
  }

  /** These settings with {@code init}. */
  public CooccurrenceSettings withInit(Init init) {
    return new CooccurrenceSettings(samples, length, dim, m, m1, epochs, lr, init, attention, seed, denseUntil,
        storeEvery);
  }

  /** These settings with the attention operator {@code attention}. */
  public CooccurrenceSettings withAttention(String attention) {
    return new CooccurrenceSettings(samples, length, dim, m, m1, epochs, lr, init, attention, seed, denseUntil,
        storeEvery);
  }

  /** These settings with {@code seed}. */
  public CooccurrenceSettings withSeed(long seed) {
    return new CooccurrenceSettings(samples, length, dim, m, m1, epochs, lr, init, attention, seed, denseUntil,
        storeEvery);
  }

  /** These settings with learning rate {@code lr}. */
  public CooccurrenceSettings withLr(double lr) {
    return new CooccurrenceSettings(samples, length, dim, m, m1, epochs, lr, init, attention, seed, denseUntil,
        storeEvery);
  }

  /** Whether epoch {@code t} is stored by the schedule (the phase-1 end and the last are added anyway). */
  public boolean stores(int t) {
    return t <= denseUntil || t % storeEvery == 0;
  }
}
