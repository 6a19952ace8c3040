package io.forecast.forecasting.compare;

import java.util.List;
import java.util.Locale;

/** {@code results.md}: the comparison table, the cost of each run and the failures. */
final class ResultsMarkdown {
  private ResultsMarkdown() {}

  static String render(CompareResults results) {
    CompareSpec spec = results.spec();
    StringBuilder md = new StringBuilder();
    md.append("# Comparison on ").append(spec.dataFile()).append("\n\n");
    md.append("seq_len ").append(spec.seqLen()).append(", split ").append(spec.split().label()).append(", seeds ")
        .append(spec.seeds()).append(". Test errors on the z-scored scale, every test window: ")
        .append("MSE mean ± std / MAE mean ± std over the seeds (sample std, n − 1; no ± for a single run).\n\n");
    md.append("| model |");
    spec.horizons().forEach(h -> md.append(" H=").append(h).append(" |"));
    md.append(" average |\n|---|");
    spec.horizons().forEach(h -> md.append("---|"));
    md.append("---|\n");
    for (CompareResults.ModelAverage avg : results.averages()) {
      md.append("| ").append(avg.model()).append(" |");
      for (int h : spec.horizons()) {
        CompareResults.Cell c = results.cell(avg.model(), h);
        md.append(' ').append(c.mseMean() == null ? "failed"
            : meanStd(c.mseMean(), c.mseStd()) + " / " + meanStd(c.maeMean(), c.maeStd())).append(" |");
      }
      md.append(' ').append(avg.mse() == null ? "—" : num(avg.mse()) + " / " + num(avg.mae())).append(" |\n");
    }
    md.append("\n## Cost\n\n");
    md.append("Per model and horizon: successful runs, median seconds per epoch (mean over the seeds; — for types "
        + "without training), parameters, peak resident memory of the process (").append(results.memory())
        .append(").\n\n");
    md.append("| model | horizon | runs | s/epoch | parameters | peak MiB |\n|---|---|---|---|---|---|\n");
    for (CompareResults.Cell c : results.cells()) {
      md.append("| ").append(c.model()).append(" | ").append(c.predLen()).append(" | ").append(c.runs())
          .append(c.failed() > 0 ? " (" + c.failed() + " failed)" : "").append(" | ")
          .append(c.secondsPerEpoch() == null ? "—" : String.format(Locale.ROOT, "%.2f", c.secondsPerEpoch()))
          .append(" | ").append(c.parameters() == null ? "—" : String.valueOf(c.parameters())).append(" | ")
          .append(c.peakRssMiB() == null ? "—" : String.format(Locale.ROOT, "%.0f", c.peakRssMiB())).append(" |\n");
    }
    List<RunResult> failures = results.failures();
    if (!failures.isEmpty()) {
      md.append("\n## Failures\n\n");
      for (RunResult r : failures) {
        md.append("- ").append(r.spec().fileName()).append(": ").append(r.error().replace('\n', ' ')).append('\n');
      }
    }
    return md.toString();
  }

  private static String meanStd(double mean, Double std) {
    return std == null ? num(mean) : num(mean) + " ± " + num(std);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
