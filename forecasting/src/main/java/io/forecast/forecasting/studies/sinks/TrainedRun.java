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
 * @param learnedLogits the trained b_h, {@code [layer][head]}, or {@code null} when not learned
 * @param learnedDiagonals the trained β_h, {@code [layer][head]}, or {@code null} when not learned
 */
public record TrainedRun(String dataset, Architecture architecture, SinkVariant variant, double testMse, int epochs,
    double seconds, List<LayerMetrics> layers, double[][] learnedLogits, double[][] learnedDiagonals) {
  public TrainedRun {
    Objects.requireNonNull(dataset, "dataset");
    layers = List.copyOf(layers);
  }

  /** The mean over heads of each layer's learned values ({@code null} when none). */
  public static double[] perLayer(double[][] learned) {
    if (learned == null) {
      return null;
    }
    double[] out = new double[learned.length];
    for (int l = 0; l < learned.length; l++) {
      out[l] = java.util.Arrays.stream(learned[l]).average().orElse(0);
    }
    return out;
  }

  /** The last layer's metrics. */
  public LayerMetrics last() {
    return layers.get(layers.size() - 1);
  }
}
