package io.forecast.forecasting.studies.sinks;

import io.forecast.forecasting.studies.cooccurrence.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The study's claims (spec §6.1, §6.3), judged on the constructed check and the trained runs. */
final class SinksVerdicts {
  /** Relative change of r that still counts as "kept". */
  static final double KEPT = 1e-3;
  /** An r below this counts as fully collapsed (every token equal up to float32 rounding). */
  static final double COLLAPSED = 1e-6;
  /** How much larger one last-layer r must be than another's to count as "farther from rank one". */
  static final double MARGIN = 0.01;

  private SinksVerdicts() {}

  static List<Verdict> judge(List<ConstructedRun> constructed, List<TrainedRun> runs) {
    List<Verdict> out = new ArrayList<>();
    for (ConstructedRun c : constructed) {
      double[] r = c.rankOne();
      boolean keeps = c.variant() == SinkVariant.DIAGONAL_BIAS || c.variant() == SinkVariant.NULL_SINK;
      out.add(keeps ? kept("constructed input, " + c.name() + ": r(H) is kept at every layer", r)
          : shrinks("constructed input, " + c.name() + ": r(H) shrinks at every layer", r));
    }
    ConstructedRun dense = find(constructed, "attention-only softmax");
    ConstructedRun sparse = find(constructed, "attention-only window");
    if (dense != null && sparse != null) {
      out.add(denseVsSparse("constructed input, attention only", dense.rankOne(), sparse.rankOne(), 0));
    }
    Set<String> datasets = new LinkedHashSet<>();
    runs.forEach(r -> datasets.add(r.dataset()));
    for (String ds : datasets) {
      for (Architecture arch : Architecture.values()) {
        TrainedRun soft = find(runs, ds, arch, SinkVariant.SOFTMAX);
        TrainedRun window = find(runs, ds, arch, SinkVariant.WINDOW);
        if (soft != null && window != null) {
          out.add(denseVsSparse("trained on " + ds + ", " + arch.label(), rankOne(soft), rankOne(window), MARGIN));
        }
        if (soft != null) {
          List<String> evidence = new ArrayList<>();
          boolean all = true;
          boolean any = false;
          for (SinkVariant v : List.of(SinkVariant.SINK_TOKEN, SinkVariant.NULL_SINK, SinkVariant.DIAGONAL_BIAS,
              SinkVariant.SWITCH)) {
            TrainedRun run = find(runs, ds, arch, v);
            if (run != null) {
              any = true;
              all &= run.last().rankOneDistance() > soft.last().rankOneDistance() + MARGIN;
              evidence.add(v.label() + " " + fmt(run.last().rankOneDistance()));
            }
          }
          if (any) {
            out.add(new Verdict("trained on " + ds + ", " + arch.label() + ": every sink/switch/diagonal variant "
                + "ends farther from rank one than softmax (last-layer r larger by more than " + MARGIN + ")", all,
                "last-layer r: softmax "
                + fmt(soft.last().rankOneDistance()) + "; " + String.join(", ", evidence)));
          }
        }
      }
      TrainedRun only = find(runs, ds, Architecture.ATTENTION_ONLY, SinkVariant.SOFTMAX);
      TrainedRun full = find(runs, ds, Architecture.FULL, SinkVariant.SOFTMAX);
      if (only != null && full != null) {
        double a = only.last().rankOneDistance();
        double b = full.last().rankOneDistance();
        out.add(new Verdict("trained on " + ds + ", softmax: the attention-only stack ends closer to rank one than "
            + "the residual-mlp stack (by more than " + MARGIN + ")", a + MARGIN < b,
            "last-layer r: attention-only " + fmt(a) + ", residual-mlp " + fmt(b)));
      }
    }
    return out;
  }

  /** Strictly smaller than the previous layer's r at every layer, until r reaches 0 (full collapse, float32). */
  private static Verdict shrinks(String claim, double[] r) {
    boolean holds = true;
    for (int l = 1; l < r.length; l++) {
      holds &= r[l] < r[l - 1] || r[l - 1] < COLLAPSED;
    }
    return new Verdict(claim, holds, "r per layer " + list(r));
  }

  private static Verdict kept(String claim, double[] r) {
    double worst = 0;
    for (double v : r) {
      worst = Math.max(worst, Math.abs(v - r[0]));
    }
    return new Verdict(claim, worst <= KEPT * r[0], "r per layer " + list(r) + "; largest change " + fmt(worst));
  }

  /** Softmax's last-layer r below the window's by more than {@code margin} (0 for the noiseless constructed input). */
  private static Verdict denseVsSparse(String where, double[] dense, double[] sparse, double margin) {
    double d = dense[dense.length - 1];
    double s = sparse[sparse.length - 1];
    return new Verdict(where + ": dense softmax smooths more than sparse window attention (lower last-layer r"
        + (margin > 0 ? ", by more than " + margin : "") + ")", d + margin < s, "last-layer r: softmax " + fmt(d) + ", window " + fmt(s)
            + "; per layer softmax " + list(dense)
            + ", window " + list(sparse));
  }

  private static double[] rankOne(TrainedRun run) {
    return run.layers().stream().mapToDouble(LayerMetrics::rankOneDistance).toArray();
  }

  private static ConstructedRun find(List<ConstructedRun> runs, String name) {
    return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  static TrainedRun find(List<TrainedRun> runs, String dataset, Architecture arch, SinkVariant variant) {
    return runs.stream().filter(r -> r.dataset().equals(dataset) && r.architecture() == arch
        && r.variant() == variant).findFirst().orElse(null);
  }

  private static String list(double[] values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(fmt(values[i]));
    }
    return sb.append(']').toString();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
