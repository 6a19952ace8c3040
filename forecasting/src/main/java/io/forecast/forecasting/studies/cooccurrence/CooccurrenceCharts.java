package io.forecast.forecasting.studies.cooccurrence;

import io.forecast.forecasting.plot.Chart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The study's plots (as the paper's Fig. 1): scores, per-group losses and G values over epochs. */
public final class CooccurrenceCharts {
  private CooccurrenceCharts() {}

  /** The four scores of Theorem 3.2 over epochs. */
  public static Chart scores(CooccurrenceResult result) {
    List<Chart.Line> lines = new ArrayList<>();
    for (int i = 0; i < Snapshot.SCORE_NAMES.length; i++) {
      int k = i;
      lines.add(line(result, "score " + Snapshot.SCORE_NAMES[i], s -> s.scores()[k]));
    }
    return new Chart(title("Attention scores", result), "epoch", "score", lines, null);
  }

  /** The mean loss of each sample group over epochs. */
  public static Chart groupLosses(CooccurrenceResult result) {
    List<Chart.Line> lines = new ArrayList<>();
    for (CooccurrenceData.Group g : CooccurrenceData.Group.values()) {
      lines.add(line(result, g.label(), s -> s.groupLoss(g)));
    }
    return new Chart(title("Loss per sample group", result), "epoch", "logistic loss", lines, null);
  }

  /** G(μ₁), G(μ₂), G(μ₃) over epochs. */
  public static Chart gValues(CooccurrenceResult result) {
    List<Chart.Line> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int k = i;
      lines.add(line(result, "G(mu" + (i + 1) + ")", s -> s.g()[k]));
    }
    return new Chart(title("Linear readout G(mu)", result), "epoch", "G", lines, null);
  }

  private static String title(String what, CooccurrenceResult r) {
    return what + " (" + r.settings().init().label() + " init, " + r.settings().attention() + ", phase 1 ends at "
        + (r.phase1End() < 0 ? "-" : "epoch " + r.phase1End()) + ")";
  }

  private static Chart.Line line(CooccurrenceResult result, String name, ToDoubleFunction<Snapshot> f) {
    List<Snapshot> s = result.snapshots();
    double[] x = new double[s.size()];
    double[] y = new double[s.size()];
    for (int i = 0; i < s.size(); i++) {
      x[i] = s.get(i).epoch();
      y[i] = f.applyAsDouble(s.get(i));
    }
    return new Chart.Line(name, x, y);
  }
}
