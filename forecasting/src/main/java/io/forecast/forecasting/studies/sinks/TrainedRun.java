package io.forecast.forecasting.studies.sinks;

import java.util.List;
import java.util.Objects;

/**
 * One trained encoder of the study and what its probe measured.
 *
 * @param dataset {@code synthetic} or the file's name
 * @param architecture how its layers were stacked
 * @param variant its attention operator
 * @param testMse MSE on the probed test windows (z-scored scale)
 * @param epochs epochs trained
 * @param seconds wall time of training and probing
 * @param layers the metrics of layer 0 (the embedded input) to the last layer
 */
public record TrainedRun(String dataset, Architecture architecture, SinkVariant variant, double testMse, int epochs,
    double seconds, List<LayerMetrics> layers) {
  public TrainedRun {
    Objects.requireNonNull(dataset, "dataset");
    layers = List.copyOf(layers);
  }

  /** The last layer's metrics. */
  public LayerMetrics last() {
    return layers.get(layers.size() - 1);
  }
}
