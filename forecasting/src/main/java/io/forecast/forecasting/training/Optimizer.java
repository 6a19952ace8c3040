package io.forecast.forecasting.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Locale;

/** Updates parameters from their accumulated gradients; owns its state, close it when done. */
public interface Optimizer extends AutoCloseable {
  /** One update with learning rate {@code learningRate}, then zeroes the gradients. */
  void step(double learningRate);

  /** Sets every parameter's gradient to zero. */
  void zeroGradients();

  @Override
  void close();

  /** The optimisers a model type can train with. */
  enum Kind {
    /** {@code torch.optim.Adam} (weight decay, if any, added to the gradient as Adam does). */
    ADAM,
    /** {@code torch.optim.AdamW}: decoupled weight decay {@code p ← p·(1 − lr·λ)} before the Adam step. */
    ADAMW;

    /** The setting value ({@code adam}, {@code adamw}). */
    public String settingName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #settingName()}. */
    public static Kind parse(String name) {
      for (Kind k : values()) {
        if (k.settingName().equals(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown optimizer '" + name + "', expected adam or adamw");
    }

    /** Creates the optimiser over {@code parameters}, its state under {@code parent}. */
    public Optimizer create(NDManager parent, List<Parameter> parameters, double weightDecay) {
      return switch (this) {
        case ADAM -> {
          if (weightDecay != 0) {
            throw new IllegalArgumentException("weight decay is supported with adamw only");
          }
          yield new PyTorchAdam(parent, parameters);
        }
        case ADAMW -> new PyTorchAdam(parent, parameters, PyTorchAdam.DEFAULT_BETA1, PyTorchAdam.DEFAULT_BETA2,
            PyTorchAdam.DEFAULT_EPS, weightDecay);
      };
    }
  }
}
