package io.forecast.forecasting.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/** A training criterion over predictions and targets {@code [B, τ, N]}; close it when done. */
public interface Loss extends AutoCloseable {
  /** The scalar loss, in {@code prediction}'s manager. */
  NDArray compute(NDArray prediction, NDArray target);

  @Override
  void close();

  /** The criteria a model type can train with. */
  enum Kind {
    /** OLinear's horizon-weighted L1: {@code mean |ŷ − y| · (t+1)^-0.5} ({@link WeightedL1Loss}). */
    WEIGHTED_L1,
    /** Mean squared error (the Time-Series-Library default, {@code nn.MSELoss}). */
    MSE,
    /** Mean absolute error ({@code nn.L1Loss}). */
    MAE;

    /** The setting value ({@code weighted-l1}, {@code mse}, {@code mae}). */
    public String settingName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #settingName()}. */
    public static Kind parse(String name) {
      for (Kind k : values()) {
        if (k.settingName().equals(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown loss '" + name + "', expected weighted-l1, mse or mae");
    }

    /** Creates the loss for horizon {@code predLen}, keeping any constants under {@code parent}. */
    public Loss create(NDManager parent, int predLen) {
      return switch (this) {
        case WEIGHTED_L1 -> new WeightedL1Loss(parent, predLen);
        case MSE -> new Elementwise(predLen, true);
        case MAE -> new Elementwise(predLen, false);
      };
    }
  }

  /** Plain mean of squared or absolute errors. */
  final class Elementwise implements Loss {
    private final int predLen;
    private final boolean squared;

    Elementwise(int predLen, boolean squared) {
      this.predLen = predLen;
      this.squared = squared;
    }

    @Override
    public NDArray compute(NDArray prediction, NDArray target) {
      Shape shape = prediction.getShape();
      if (shape.dimension() != 3 || shape.get(1) != predLen || !shape.equals(target.getShape())) {
        throw new IllegalArgumentException("expected prediction and target [B, " + predLen + ", N], got " + shape
            + " and " + target.getShape());
      }
      NDArray error = prediction.sub(target);
      return (squared ? error.square() : error.abs()).mean();
    }

    @Override
    public void close() {
      // holds no native memory
    }
  }
}
