package io.forecast.forecasting.studies.cooccurrence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the study.
 *
 * @param settings what was run
 * @param phase1End the first epoch with 100 % training accuracy, or −1 when none was reached
 * @param snapshots the stored epochs, ascending; the first is epoch 0 and the last is {@code epochs}
 * @param verdicts one per claim
 * @param seconds wall time of the run
 */
public record CooccurrenceResult(CooccurrenceSettings settings, int phase1End, List<Snapshot> snapshots,
    List<Verdict> verdicts, double seconds) {
  public CooccurrenceResult {
    Objects.requireNonNull(settings, "settings");
    snapshots = List.copyOf(snapshots);
    verdicts = List.copyOf(verdicts);
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException("a result needs at least one snapshot");
    }
  }

  /** The state before training. */
  public Snapshot initial() {
    return snapshots.get(0);
  }

  /** The state after training. */
  public Snapshot last() {
    return snapshots.get(snapshots.size() - 1);
  }

  /** The state at the end of phase 1, or {@code null} when it was not reached. */
  public Snapshot phase1() {
    return at(phase1End);
  }

  /** The stored snapshot of {@code epoch}, or {@code null}. */
  public Snapshot at(int epoch) {
    for (Snapshot s : snapshots) {
      if (s.epoch() == epoch) {
        return s;
      }
    }
    return null;
  }

  /** Final minus initial value of each score (spec §7.6.3). */
  public double[] scoreChanges() {
    return minus(last().scores(), initial().scores());
  }

  /** Final minus initial value of each W_V product. */
  public double[] valueProductChanges() {
    return minus(last().valueProducts(), initial().valueProducts());
  }

  /** The JSON-ready summary: settings, phase-1 end, the initial, phase-1 and final numbers, the changes, the verdicts. */
  public Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("samples", settings.samples());
    s.put("length", settings.length());
    s.put("dim", settings.dim());
    s.put("m", settings.m());
    s.put("m1", settings.m1());
    s.put("epochs", settings.epochs());
    s.put("lr", settings.lr());
    s.put("init", settings.init().label());
    s.put("attention", settings.attention());
    s.put("seed", settings.seed());
    out.put("settings", s);
    out.put("phase1EndEpoch", phase1End < 0 ? null : phase1End);
    out.put("initial", numbers(initial()));
    out.put("phase1End", phase1() == null ? null : numbers(phase1()));
    out.put("final", numbers(last()));
    out.put("scoreChanges", named(Snapshot.SCORE_NAMES, scoreChanges()));
    out.put("valueProductChanges", named(Snapshot.VALUE_PRODUCT_NAMES, valueProductChanges()));
    out.put("verdicts", verdicts.stream().map(Verdict::toMap).toList());
    out.put("verdictsHeld", verdicts.stream().filter(Verdict::holds).count() + " of " + verdicts.size());
    out.put("storedEpochs", snapshots.size());
    out.put("wallSeconds", seconds);
    return out;
  }

  private static Map<String, Object> numbers(Snapshot s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("epoch", s.epoch());
    out.put("loss", s.loss());
    Map<String, Object> groups = new LinkedHashMap<>();
    for (CooccurrenceData.Group g : CooccurrenceData.Group.values()) {
      groups.put(g.label(), s.groupLoss(g));
    }
    out.put("groupLoss", groups);
    out.put("accuracy", s.accuracy());
    out.put("minMargin", s.minMargin());
    out.put("G", named(new String[] {"mu1", "mu2", "mu3"}, s.g()));
    out.put("scores", named(Snapshot.SCORE_NAMES, s.scores()));
    out.put("valueProducts", named(Snapshot.VALUE_PRODUCT_NAMES, s.valueProducts()));
    return out;
  }

  private static Map<String, Object> named(String[] names, double[] values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      out.put(names[i], values[i]);
    }
    return out;
  }

  private static double[] minus(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }
}
