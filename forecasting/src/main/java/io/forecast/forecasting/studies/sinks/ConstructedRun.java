package io.forecast.forecasting.studies.sinks;

import java.util.List;
import java.util.Objects;

/**
 * The untrained attention stack of the constructed check on its constructed input.
 *
 * @param name what was run, e.g. {@code attention-only softmax}
 * @param architecture the stack
 * @param variant the operator
 * @param logit the null logit b used
 * @param diagonal the diagonal bias β used
 * @param layers the metrics of the input (layer 0) and of each layer's output
 */
public record ConstructedRun(String name, Architecture architecture, SinkVariant variant, double logit,
    double diagonal, List<LayerMetrics> layers) {
  public ConstructedRun {
    Objects.requireNonNull(name, "name");
    layers = List.copyOf(layers);
  }

  /** r(H) per layer, input first. */
  public double[] rankOne() {
    return layers.stream().mapToDouble(LayerMetrics::rankOneDistance).toArray();
  }
}
