package io.forecast.forecasting.variants;

import io.forecast.forecasting.compare.CompareSpec;
import io.forecast.forecasting.compare.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** {@code results.md} of an attention-variant comparison. */
final class AttentionMarkdown {
  private AttentionMarkdown() {}

  static String render(AttentionResults results) {
    CompareSpec spec = results.grid().spec();
    StringBuilder md = new StringBuilder();
    md.append("# Attention variants of ").append(results.model()).append(" on ").append(spec.dataFile())
        .append(" (protocol ").append(results.protocol()).append(")\n\n");
    md.append("seq_len ").append(spec.seqLen()).append(", horizon ").append(spec.horizons().get(0)).append(", split ")
        .append(spec.split().label()).append(", seeds ").append(spec.seeds()).append(", variant in setting '")
        .append(results.slot()).append("'");
    md.append(", common settings ").append(common(spec, results.slot()));
    md.append(". Test errors on the z-scored scale, every test window: mean ± sample std over the seeds.\n\n");
    md.append("| variant | MSE | MAE | runs | s/epoch | parameters | peak MiB |\n|---|---|---|---|---|---|---|\n");
    for (AttentionResults.VariantSummary v : results.variants()) {
      md.append("| ").append(v.variant()).append(" | ")
          .append(v.mseMean() == null ? "failed" : meanStd(v.mseMean(), v.mseStd())).append(" | ")
          .append(v.maeMean() == null ? "—" : meanStd(v.maeMean(), v.maeStd())).append(" | ").append(v.runs())
          .append(v.failed() > 0 ? " (" + v.failed() + " failed)" : "").append(" | ")
          .append(v.secondsPerEpoch() == null ? "—" : String.format(Locale.ROOT, "%.2f", v.secondsPerEpoch()))
          .append(" | ").append(v.parameters() == null ? "—" : String.valueOf(v.parameters())).append(" | ")
          .append(v.peakRssMiB() == null ? "—" : String.format(Locale.ROOT, "%.0f", v.peakRssMiB())).append(" |\n");
    }
    if (results.protocol() == Protocol.A) {
      diagnostics(md, results.variants());
    } else {
      swaps(md, results.swaps());
    }
    md.append("\nPeak memory: ").append(results.grid().memory()).append(". Validation-loss curves: ")
        .append(AttentionResults.VAL_LOSS_SVG).append(".\n");
    List<RunResult> failures = results.grid().failures();
    if (!failures.isEmpty()) {
      md.append("\n## Failures\n\n");
      for (RunResult r : failures) {
        md.append("- ").append(r.spec().fileName()).append(": ").append(r.error().replace('\n', ' ')).append('\n');
      }
    }
    return md.toString();
  }

  /** The settings every entry was given with the same value, the slot left out. */
  private static Map<String, Object> common(CompareSpec spec, String slot) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> first = spec.settings().get(spec.models().get(0));
    first.forEach((k, v) -> {
      if (!k.equals(slot) && spec.settings().values().stream().allMatch(s -> Objects.equals(s.get(k), v))) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static void diagnostics(StringBuilder md, List<AttentionResults.VariantSummary> variants) {
    md.append("\n## Attention diagnostics per layer\n\n");
    md.append("Measured after training on the first test windows (every window and head), averaged over the seeds: "
        + "row and column error = largest |row sum − 1| and |column sum − 1| of any mixing matrix (doubly "
        + "stochastic: both ≈ 0), entropy = mean row entropy (nats), sink = mean attention on each matrix's most "
        + "attended key, diagonal = mean A_ii, rank-1 = ‖H − 1·h̄ᵀ‖/‖H‖ of the layer's output tokens, eff. rank of "
        + "the same; n/a where the operator forms no mixing matrix.\n\n");
    md.append("| variant | windows | layer | row error | column error | entropy | sink | diagonal | rank-1 | eff. rank "
        + "|\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (AttentionResults.VariantSummary v : variants) {
      if (v.diagnostics().isEmpty()) {
        md.append("| ").append(v.variant()).append(" | — | — | ")
            .append(v.diagnosticsNote() == null ? "not measured (no successful run)" : v.diagnosticsNote())
            .append(" | | | | | | |\n");
        continue;
      }
      for (DiagnosticsProbe.LayerDiagnostics l : v.diagnostics()) {
        md.append("| ").append(v.variant()).append(" | ").append(v.diagnosticWindows()).append(" | ").append(l.layer())
            .append(" | ").append(sci(l.rowError())).append(" | ").append(sci(l.columnError())).append(" | ")
            .append(num(l.entropy())).append(" | ").append(num(l.sinkMass())).append(" | ")
            .append(num(l.diagonalMass())).append(" | ").append(num(l.rankOneDistance())).append(" | ")
            .append(num(l.effectiveRank())).append(" |\n");
      }
    }
  }

  private static void swaps(StringBuilder md, List<AttentionResults.SwapSummary> swaps) {
    md.append("\n## Zero-shot swaps into the softmax-trained model\n\n");
    md.append("Each variant replaces softmax in every layer at inference, same weights, every test window; ΔMSE = "
        + "variant − softmax by the same forward pass (mean ± std over the seeds); per layer, relative error "
        + "‖O − O_softmax‖/‖O_softmax‖ of the attention outputs and their mean cosine similarity per token (the "
        + "layers run in sequence, so later layers include the earlier layers' change).\n\n");
    md.append("| variant | softmax MSE | MSE | ΔMSE | layer | relative error | cosine |\n|---|---|---|---|---|---|---|\n");
    for (AttentionResults.SwapSummary s : swaps) {
      if (s.error() != null) {
        md.append("| ").append(s.variant()).append(" | ").append(num(s.softmaxMse())).append(" | refused: ")
            .append(s.error().replace('\n', ' ')).append(" | | | | |\n");
        continue;
      }
      for (SwapProbe.SwapLayer l : s.layers()) {
        md.append("| ").append(s.variant()).append(" | ").append(num(s.softmaxMse())).append(" | ")
            .append(num(s.mseMean())).append(" | ").append(l.layer() == 1 ? signed(s.deltaMseMean(), s.deltaMseStd())
                : "").append(" | ").append(l.layer()).append(" | ").append(sci(l.relativeError())).append(" | ")
            .append(String.format(Locale.ROOT, "%.6f", l.cosine())).append(" |\n");
      }
    }
  }

  private static String signed(double mean, Double std) {
    String m = String.format(Locale.ROOT, "%+.4f", mean);
    return std == null ? m : m + " ± " + String.format(Locale.ROOT, "%.4f", std);
  }

  private static String meanStd(double mean, Double std) {
    return std == null ? num(mean) : num(mean) + " ± " + num(std);
  }

  private static String num(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String sci(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.2e", v);
  }
}
