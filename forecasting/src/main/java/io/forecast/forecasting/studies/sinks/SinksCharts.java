package io.forecast.forecasting.studies.sinks;

import io.forecast.forecasting.plot.Chart;
import java.util.ArrayList;
import java.util.List;

/** The study's per-layer curves. */
public final class SinksCharts {
  private SinksCharts() {}

  /** r(H) per layer of the constructed check's stacks. */
  public static Chart constructed(SinksResult result) {
    List<Chart.Line> lines = new ArrayList<>();
    for (ConstructedRun r : result.constructed()) {
      lines.add(line(r.name(), r.rankOne()));
    }
    return new Chart("Constructed input: distance to rank one per layer (untrained, W_V = W_O = I)", "layer",
        "r(H) = ||H - 1 h^T|| / ||H||", lines, null, true);
  }

  /** r(H) per layer of every variant trained on {@code dataset} with {@code architecture}. */
  public static Chart rankOne(SinksResult result, String dataset, Architecture architecture) {
    List<Chart.Line> lines = new ArrayList<>();
    for (TrainedRun r : result.runs(dataset, architecture)) {
      lines.add(line(r.variant().label(), r.layers().stream().mapToDouble(LayerMetrics::rankOneDistance).toArray()));
    }
    return new Chart("Distance to rank one per layer: " + dataset + ", " + architecture.label() + " (trained)",
        "layer", "r(H) = ||H - 1 h^T|| / ||H||", lines, null, true);
  }

  private static Chart.Line line(String name, double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      x[i] = i;
    }
    return new Chart.Line(name, x, y);
  }
}
