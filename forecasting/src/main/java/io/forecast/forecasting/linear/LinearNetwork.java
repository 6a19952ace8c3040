package io.forecast.forecasting.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import io.forecast.forecasting.nn.Layers;
import io.forecast.forecasting.nn.RevIn;
import java.util.Objects;

/**
 * One DJL block for the whole linear family: input {@code [B, T, N]}, output {@code [B, τ, N]}.
 *
 * <ul>
 *   <li>{@link LinearVariant#LINEAR}: {@code Linear(x)}.
 *   <li>{@link LinearVariant#NLINEAR}: {@code last = x[:, -1:, :]}; {@code Linear(x − last) + last}.
 *   <li>{@link LinearVariant#DLINEAR}: {@code trend = movingAvg(x)}, {@code seasonal = x − trend};
 *       {@code Linear_s(seasonal) + Linear_t(trend)}, both weights starting at the constant 1/T.
 *   <li>{@link LinearVariant#RLINEAR}: {@code RevIN⁻¹(Linear(Dropout(RevIN(x))))}.
 * </ul>
 *
 * Every {@code Linear} is a {@link TimeLinear} (shared or one per variate).
 */
public final class LinearNetwork extends AbstractBlock {
  private final LinearConfig config;
  private final RevIn revIn;
  private final TimeLinear linear;
  private final TimeLinear trendLinear;

  /** Creates the (uninitialised) network. */
  public LinearNetwork(LinearConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    int t = config.seqLen();
    int tau = config.predLen();
    int n = config.variates();
    boolean individual = config.individual();
    this.revIn = config.variant() == LinearVariant.RLINEAR ? addChildBlock("revin", new RevIn(n)) : null;
    if (config.variant() == LinearVariant.DLINEAR) {
      // (1 / seq_len) * torch.ones([pred_len, seq_len]): the double quotient rounded to float32.
      ConstantInitializer average = new ConstantInitializer((float) (1.0 / t));
      this.linear = addChildBlock("linear_seasonal", new TimeLinear(t, tau, n, individual, average));
      this.trendLinear = addChildBlock("linear_trend", new TimeLinear(t, tau, n, individual, average));
    } else {
      this.linear = addChildBlock("linear", new TimeLinear(t, tau, n, individual, null));
      this.trendLinear = null;
    }
  }

  /** The architecture. */
  public LinearConfig config() {
    return config;
  }

  /**
   * The forecast {@code [B, τ, N]} of {@code x [B, T, N]}, in {@code x}'s manager; dropout (RLinear)
   * only with {@code training}.
   */
  public NDArray forecast(ParameterStore store, NDArray x, boolean training) {
    switch (config.variant()) {
      case LINEAR:
        return linear.apply(store, x, training);
      case NLINEAR: {
        NDArray last = x.get(new NDIndex(":, {}:, :", config.seqLen() - 1)).stopGradient();
        return linear.apply(store, x.sub(last), training).add(last);
      }
      case DLINEAR: {
        NDArray trend = SeriesDecomposition.trend(x, config.kernel());
        NDArray seasonal = SeriesDecomposition.seasonal(x, trend);
        return linear.apply(store, seasonal, training).add(trendLinear.apply(store, trend, training));
      }
      case RLINEAR: {
        RevIn.Statistics stats = revIn.statistics(x);
        NDArray z = revIn.normalize(store, x, stats, training);
        z = Layers.dropout(z, (float) config.dropout(), training);
        return revIn.denormalize(store, linear.apply(store, z, training), stats, training);
      }
      default:
        throw new IllegalStateException(config.variant().name());
    }
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(forecast(store, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.predLen(), config.variates())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }
}
