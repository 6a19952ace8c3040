package io.forecast.forecasting.studies.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The claims of Theorems 3.1–3.3 (spec §7.4, §7.6), judged on a run's stored snapshots. */
final class Verdicts {
  /** The loss the run must end below (spec §7.6.3). */
  static final double FINAL_LOSS = 1e-3;

  private Verdicts() {}

  static List<Verdict> judge(List<Snapshot> snapshots, int phase1End) {
    List<Verdict> out = new ArrayList<>();
    Snapshot first = snapshots.get(0);
    Snapshot last = snapshots.get(snapshots.size() - 1);
    Snapshot p1 = null;
    for (Snapshot s : snapshots) {
      if (s.epoch() == phase1End) {
        p1 = s;
      }
    }
    if (p1 == null) {
      String none = "phase 1 never ended: the best accuracy stored was " + fmt(best(snapshots)) + " (100 % needed)";
      out.add(new Verdict("phase 1: G(mu1), G(mu2) > 0 > G(mu3)", false, none));
      out.add(new Verdict("phase 1: every sample classified correctly (all yF > 0)", false, none));
      out.add(new Verdict("phase 1: the loss is still Theta(1) (mean loss > 0.01)", false, none));
    } else {
      double[] g = p1.g();
      out.add(new Verdict("phase 1: G(mu1), G(mu2) > 0 > G(mu3)", g[0] > 0 && g[1] > 0 && g[2] < 0,
          "at epoch " + p1.epoch() + ": G = (" + fmt(g[0]) + ", " + fmt(g[1]) + ", " + fmt(g[2]) + "), from ("
              + fmt(first.g()[0]) + ", " + fmt(first.g()[1]) + ", " + fmt(first.g()[2]) + ") at epoch 0"));
      out.add(new Verdict("phase 1: every sample classified correctly (all yF > 0)", p1.minMargin() > 0,
          "at epoch " + p1.epoch() + ": min yF = " + fmt(p1.minMargin())));
      out.add(new Verdict("phase 1: the loss is still Theta(1) (mean loss > 0.01)", p1.loss() > 0.01,
          "at epoch " + p1.epoch() + ": loss " + fmt(p1.loss()) + " (epoch 0: " + fmt(first.loss()) + ")"));
    }
    out.add(new Verdict("end: loss < 1e-3", last.loss() < FINAL_LOSS,
        "at epoch " + last.epoch() + ": loss " + fmt(last.loss())));
    int[] signs = {1, 1, -1, -1};
    String[] words = {"increases", "increases", "decreases", "decreases"};
    for (int i = 0; i < 4; i++) {
      double change = last.scores()[i] - first.scores()[i];
      out.add(new Verdict("score_{" + Snapshot.SCORE_NAMES[i] + "} " + words[i], Math.signum(change) == signs[i],
          "change " + fmt(change) + " (" + fmt(first.scores()[i]) + " -> " + fmt(last.scores()[i]) + ")"));
    }
    String[] vWords = {"increases", "decreases", "decreases"};
    for (int i = 0; i < 3; i++) {
      double change = last.valueProducts()[i] - first.valueProducts()[i];
      out.add(new Verdict(Snapshot.VALUE_PRODUCT_NAMES[i] + " " + vWords[i], Math.signum(change) == (i == 0 ? 1 : -1),
          "change " + fmt(change) + " (" + fmt(first.valueProducts()[i]) + " -> " + fmt(last.valueProducts()[i])
              + ")"));
    }
    double[] g = last.g();
    out.add(new Verdict("end: G(mu1) + G(mu2) + G(mu3) > 0, G(mu1) + G(mu3) < 0, G(mu2) + G(mu3) < 0",
        g[0] + g[1] + g[2] > 0 && g[0] + g[2] < 0 && g[1] + g[2] < 0,
        "G = (" + fmt(g[0]) + ", " + fmt(g[1]) + ", " + fmt(g[2]) + "): sums " + fmt(g[0] + g[1] + g[2]) + ", "
            + fmt(g[0] + g[2]) + ", " + fmt(g[1] + g[2])));
    for (CooccurrenceData.Group group : List.of(CooccurrenceData.Group.MU1_ONLY, CooccurrenceData.Group.MU2_ONLY)) {
      out.add(riseThenFall(snapshots, group));
    }
    return out;
  }

  /** The group's loss exceeds its epoch-0 value at some later epoch and ends below that peak. */
  private static Verdict riseThenFall(List<Snapshot> snapshots, CooccurrenceData.Group group) {
    Snapshot first = snapshots.get(0);
    Snapshot last = snapshots.get(snapshots.size() - 1);
    Snapshot peak = first;
    for (Snapshot s : snapshots) {
      if (s.groupLoss(group) > peak.groupLoss(group)) {
        peak = s;
      }
    }
    boolean holds = peak.epoch() > 0 && last.groupLoss(group) < peak.groupLoss(group);
    return new Verdict("the " + group.label() + " group's loss rises before it falls (expected with small init)",
        holds, "epoch 0: " + fmt(first.groupLoss(group)) + ", peak " + fmt(peak.groupLoss(group)) + " at epoch "
            + peak.epoch() + ", end " + fmt(last.groupLoss(group)));
  }

  private static double best(List<Snapshot> snapshots) {
    double best = 0;
    for (Snapshot s : snapshots) {
      best = Math.max(best, s.accuracy());
    }
    return best;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
