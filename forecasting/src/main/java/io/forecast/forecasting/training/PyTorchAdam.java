package io.forecast.forecasting.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as {@code torch.optim.Adam} computes it (no amsgrad), or {@code torch.optim.AdamW} with a
 * decoupled weight decay λ ({@code p ← p·(1 − lr·λ)} first, as PyTorch does): at step t,
 *
 * <pre>
 * m = β1·m + (1−β1)·g;   v = β2·v + (1−β2)·g²
 * p = p − lr/(1−β1^t) · m / (√v / √(1−β2^t) + ε)
 * </pre>
 *
 * <p>Runs DJL's fused native update ({@code NDArrayEx.adamUpdate}, which computes {@code p −=
 * c·m/(√v + ε')}) with {@code c = lr·√(1−β2^t)/(1−β1^t)} and {@code ε' = ε·√(1−β2^t)}, which is
 * algebraically the PyTorch rule (with β rounded to float32, as the kernel uses them). The moments live in this optimiser's own manager (a sub-manager
 * of the given one), freed by {@link #close()}. Gradients are zeroed after each step.
 */
public final class PyTorchAdam implements Optimizer {
  /** PyTorch's default β1. */
  public static final double DEFAULT_BETA1 = 0.9;
  /** PyTorch's default β2. */
  public static final double DEFAULT_BETA2 = 0.999;
  /** PyTorch's default ε. */
  public static final double DEFAULT_EPS = 1e-8;

  private final List<Parameter> parameters;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final NDManager manager;
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private int steps;

  /** Adam with PyTorch's defaults over {@code parameters}; state under {@code parent}. */
  public PyTorchAdam(NDManager parent, List<Parameter> parameters) {
    this(parent, parameters, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
  }

  /**
   * Adam over {@code parameters} with the given coefficients; state under {@code parent}.
   *
   * @throws IllegalArgumentException if a β is outside [0, 1) or ε is not positive
   */
  public PyTorchAdam(
      NDManager parent, List<Parameter> parameters, double beta1, double beta2, double eps) {
    this(parent, parameters, beta1, beta2, eps, 0);
  }

  /**
   * AdamW over {@code parameters}: Adam with decoupled weight decay {@code weightDecay}.
   *
   * @throws IllegalArgumentException if a β is outside [0, 1), ε is not positive or the weight
   *     decay is negative or not finite
   */
  public PyTorchAdam(NDManager parent, List<Parameter> parameters, double beta1, double beta2, double eps,
      double weightDecay) {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
    }
    this.weightDecay = weightDecay;
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "betas must be in [0, 1), got " + beta1 + " and " + beta2);
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("eps must be positive, got " + eps);
    }
    this.parameters = List.copyOf(parameters);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.manager = parent.newSubManager();
    for (Parameter p : this.parameters) {
      NDArray array = p.getArray();
      means.add(manager.zeros(array.getShape(), array.getDataType()));
      variances.add(manager.zeros(array.getShape(), array.getDataType()));
    }
  }

  /**
   * Applies one update with learning rate {@code learningRate} from the parameters' accumulated
   * gradients, then zeroes the gradients.
   *
   * @throws IllegalArgumentException if the learning rate is negative or not finite
   */
  @Override
  public void step(double learningRate) {
    if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + learningRate);
    }
    steps++;
    // The native kernel runs in float32 with float betas (and 1 − β computed in float, which is
    // exact): its moments are exact EMAs with β = (float) β, so the bias corrections use the
    // same float-rounded betas. Otherwise v̂ would be off by 1.3e-5 relative (1 − 0.999f ≠ 0.001).
    double correction1 = 1 - Math.pow((float) beta1, steps);
    double sqrtCorrection2 = Math.sqrt(1 - Math.pow((float) beta2, steps));
    float scaledRate = (float) (learningRate * sqrtCorrection2 / correction1);
    float scaledEps = (float) (eps * sqrtCorrection2);
    try (NDManager scope = manager.newSubManager()) {
      for (int i = 0; i < parameters.size(); i++) {
        NDArray weight = parameters.get(i).getArray();
        NDArray grad = weight.getGradient();
        if (weightDecay > 0) {
          try (io.forecast.forecasting.nn.GradMode off = io.forecast.forecasting.nn.GradMode.disabled()) {
            weight.muli((float) (1 - learningRate * weightDecay));
          }
        }
        grad.attach(scope);
        weight
            .getNDArrayInternal()
            .adamUpdate(
                new NDList(weight, grad, means.get(i), variances.get(i)),
                new NDList(weight),
                (float) learningRate,
                scaledRate,
                0f,
                1f,
                -1f,
                (float) beta1,
                (float) beta2,
                scaledEps,
                false,
                false);
      }
    }
  }

  /** Sets every parameter's gradient to zero (where one exists). */
  @Override
  public void zeroGradients() {
    for (Parameter p : parameters) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
  }

  /** Number of steps taken so far. */
  public int steps() {
    return steps;
  }

  @Override
  public void close() {
    manager.close();
  }
}
