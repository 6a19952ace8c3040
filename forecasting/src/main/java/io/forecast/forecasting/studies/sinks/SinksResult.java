package io.forecast.forecasting.studies.sinks;

import io.forecast.forecasting.studies.cooccurrence.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run of the study.
 *
 * @param settings what was run
 * @param constructed the constructed check's stacks
 * @param runs the trained encoders, dataset by dataset, architecture by architecture
 * @param verdicts one per claim
 * @param seconds wall time of the whole study
 */
public record SinksResult(SinksSettings settings, List<ConstructedRun> constructed, List<TrainedRun> runs,
    List<Verdict> verdicts, double seconds) {
  public SinksResult {
    Objects.requireNonNull(settings, "settings");
    constructed = List.copyOf(constructed);
    runs = List.copyOf(runs);
    verdicts = List.copyOf(verdicts);
  }

  /** The datasets trained on, in order. */
  public List<String> datasets() {
    Set<String> out = new LinkedHashSet<>();
    runs.forEach(r -> out.add(r.dataset()));
    return List.copyOf(out);
  }

  /** The runs on {@code dataset} with {@code architecture}, in variant order. */
  public List<TrainedRun> runs(String dataset, Architecture architecture) {
    return runs.stream().filter(r -> r.dataset().equals(dataset) && r.architecture() == architecture).toList();
  }

  /** "n of m". */
  public String verdictsHeld() {
    return verdicts.stream().filter(Verdict::holds).count() + " of " + verdicts.size();
  }

  /** The JSON-ready summary: settings, the constructed check, every run with its per-layer metrics, the verdicts. */
  public Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("seqLen", settings.seqLen());
    s.put("predLen", settings.predLen());
    s.put("patch", settings.patch());
    s.put("tokens", settings.tokens());
    s.put("dModel", settings.dModel());
    s.put("heads", settings.heads());
    s.put("dFf", settings.dFf());
    s.put("layers", settings.layers());
    s.put("epochs", settings.epochs());
    s.put("batchSize", settings.batchSize());
    s.put("lr", settings.lr());
    s.put("seed", settings.seed());
    s.put("maxTrainWindows", settings.maxTrainWindows());
    s.put("testWindows", settings.testWindows());
    s.put("window", settings.window());
    s.put("logit", settings.logit());
    s.put("diagonal", settings.diagonal());
    s.put("sinkValue", settings.sinkValue());
    s.put("learn", settings.learn());
    s.put("syntheticRows", settings.syntheticRows());
    s.put("variants", settings.variants().stream().map(SinkVariant::label).toList());
    s.put("architectures", settings.architectures().stream().map(Architecture::label).toList());
    out.put("settings", s);
    List<Map<String, Object>> c = new ArrayList<>();
    for (ConstructedRun r : constructed) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("architecture", r.architecture().label());
      m.put("variant", r.variant().label());
      m.put("logit", r.logit());
      m.put("diagonal", r.diagonal());
      m.put("layers", r.layers());
      c.add(m);
    }
    out.put("constructed", c);
    List<Map<String, Object>> t = new ArrayList<>();
    for (TrainedRun r : runs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", r.dataset());
      m.put("architecture", r.architecture().label());
      m.put("variant", r.variant().label());
      m.put("testMse", r.testMse());
      m.put("epochs", r.epochs());
      m.put("seconds", r.seconds());
      m.put("layers", r.layers());
      if (r.learnedLogits() != null) {
        m.put("learnedLogits", r.learnedLogits());
      }
      if (r.learnedDiagonals() != null) {
        m.put("learnedDiagonals", r.learnedDiagonals());
      }
      t.add(m);
    }
    out.put("runs", t);
    out.put("verdicts", verdicts.stream().map(Verdict::toMap).toList());
    out.put("verdictsHeld", verdictsHeld());
    out.put("wallSeconds", seconds);
    return out;
  }

  /** The report as Markdown: verdicts, the constructed check, and a table per dataset and architecture. */
  public String markdown() {
    StringBuilder md = new StringBuilder("# Sinks vs diagonal patterns: oversmoothing per layer\n\n");
    md.append(String.format(Locale.ROOT, "Settings: %d-row windows cut into %d tokens of %d rows, horizon %d; D = %d, "
        + "%d heads, d_ff %d, %d layers; %d epochs (Adam, MSE, lr %s), at most %d train windows, %d test windows "
        + "probed; seed %d; window ±%d; b_h = %s and β_h = %s %s; V1 value %s. Wall time %.0f s.%n%n", settings.seqLen(),
        settings.tokens(), settings.patch(), settings.predLen(), settings.dModel(), settings.heads(), settings.dFf(),
        settings.layers(), settings.epochs(), settings.lr(), settings.maxTrainWindows(), settings.testWindows(),
        settings.seed(), settings.window(), settings.logit(), settings.diagonal(),
        settings.learn() ? "at the start, learned per head and layer" : "fixed", settings.sinkValue(), seconds));
    md.append("r = ‖H − 1·h̄ᵀ‖_F/‖H‖_F (0: every token equal), eff. rank = exp(entropy of the normalised singular "
        + "values), cos = mean pairwise cosine; sink = mean attention on the most attended key, off = mean mass "
        + "sent to the null/sink column (V1, V2, V4), switch = share of (query, head) pairs with off > 0.9, diag = "
        + "mean A_ii, entropy in nats. Layer 0 is the embedded input.\n\n## Verdicts (" + verdictsHeld()
        + " hold)\n\n| claim | verdict | evidence |\n|---|---|---|\n");
    for (Verdict v : verdicts) {
      md.append("| ").append(v.claim()).append(" | ").append(v.status()).append(" | ").append(v.evidence())
          .append(" |\n");
    }
    md.append("\n## Constructed input (untrained, W_V = W_O = I)\n\n| stack | r per layer |\n|---|---|\n");
    for (ConstructedRun r : constructed) {
      md.append("| ").append(r.name()).append(" | ").append(joined(r.rankOne())).append(" |\n");
    }
    for (String ds : datasets()) {
      for (Architecture arch : settings.architectures()) {
        List<TrainedRun> rs = runs(ds, arch);
        if (rs.isEmpty()) {
          continue;
        }
        md.append("\n## ").append(ds).append(", ").append(arch.label()).append("\n\n| variant | test MSE | r per "
            + "layer | last eff. rank | last cos | mean sink | mean off | mean switch | mean diag | mean entropy "
            + "| learned b_h, β_h per layer (mean over heads) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (TrainedRun r : rs) {
          LayerMetrics last = r.last();
          md.append("| ").append(r.variant().label()).append(" | ").append(num(r.testMse())).append(" | ")
              .append(joined(r.layers().stream().mapToDouble(LayerMetrics::rankOneDistance).toArray())).append(" | ")
              .append(num(last.effectiveRank())).append(" | ").append(num(last.meanCosine())).append(" | ")
              .append(num(mean(r, LayerMetrics::sinkMass))).append(" | ").append(num(mean(r, LayerMetrics::switchOffMass)))
              .append(" | ").append(num(mean(r, LayerMetrics::switchRate))).append(" | ")
              .append(num(mean(r, LayerMetrics::diagonalMass))).append(" | ").append(num(mean(r, LayerMetrics::entropy)))
              .append(" | ").append(learned(r)).append(" |\n");
        }
      }
    }
    return md.toString();
  }

  /** The mean of an attention metric over the layers that have it. */
  static double mean(TrainedRun run, java.util.function.Function<LayerMetrics, Double> metric) {
    double sum = 0;
    int count = 0;
    for (LayerMetrics l : run.layers()) {
      Double v = metric.apply(l);
      if (v != null) {
        sum += v;
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  private static String learned(TrainedRun r) {
    double[] b = TrainedRun.perLayer(r.learnedLogits());
    double[] beta = TrainedRun.perLayer(r.learnedDiagonals());
    String out = (b == null ? "" : "b " + joined(b)) + (b != null && beta != null ? "; " : "")
        + (beta == null ? "" : "β " + joined(beta));
    return out.isEmpty() ? "—" : out;
  }

  private static String joined(double[] values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : " → ").append(String.format(Locale.ROOT, "%.3f", values[i]));
    }
    return sb.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
