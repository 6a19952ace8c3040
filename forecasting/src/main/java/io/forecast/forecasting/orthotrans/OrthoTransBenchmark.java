package io.forecast.forecasting.orthotrans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Times the OrthoTrans basis build: the sliding-sum covariance ({@code O(L·M)} per variate, the
 * production path) against the naive {@code O(L²·M)} covariance ({@link NaiveLagCovariance}), both
 * followed by the same averaging and eigendecomposition. Not a test; the CLI {@code bench} command
 * calls {@link #run(List, Options)} and prints the rows.
 *
 * <p>Default cases ({@link #defaultCases(double[][])}): the ETTh1 training split (first 8640 rows, 7
 * variates) at {@code L} = 96, 336, 720, when the caller supplies it, and a synthetic ECL-sized input
 * ({@link #syntheticEcl(long)}: 321 variates × 18,412 rows) at {@code L} = 96 and 720.
 *
 * <p>The sliding build is timed {@link Options#repeats()} times after {@link Options#warmups()}
 * untimed runs and the median is reported. The naive build runs once. Its cost is estimated first as
 * {@code V·L(L+1)/2·M} multiply-adds at {@link Options#naiveOpsPerSecondPerCore()} on every available
 * processor; when that exceeds {@link Options#naiveBudgetSeconds()}, the naive build runs on
 * the first {@code k} variates only ({@code k} sized to a quarter of the budget, at least one per
 * core) and its time is scaled by {@code V / k} — such rows have {@link Row#naiveExtrapolated()}
 * set. Every row also reports the largest difference between the naive and sliding {@code S} on
 * the variates the naive side saw.
 */
public final class OrthoTransBenchmark {
  /** ETTh1 training split length (12 months of hourly rows). */
  public static final int ETTH1_TRAIN_ROWS = 8640;
  /** ECL training split length: {@code int(0.7 · 26304)}. */
  public static final int ECL_TRAIN_ROWS = 18_412;
  /** ECL variate count. */
  public static final int ECL_VARIATES = 321;

  private OrthoTransBenchmark() {}

  /** One input and the window lengths to build it at. */
  public record Case(String name, double[][] variates, int[] lengths) {
    public Case {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(variates, "variates");
      Objects.requireNonNull(lengths, "lengths");
      lengths = lengths.clone();
    }

    @Override
    public int[] lengths() {
      return lengths.clone();
    }
  }

  /**
   * One measurement.
   *
   * @param caseName the input
   * @param length window length {@code L}
   * @param variates variates {@code V}
   * @param rows training rows {@code n}
   * @param slidingMillisMedian median wall time of the sliding build (covariance, average, eigen)
   * @param naiveMillis wall time of the naive build, extrapolated to all variates when flagged
   * @param naiveExtrapolated whether {@code naiveMillis} was scaled up from a subset of variates
   * @param naiveVariatesMeasured how many variates the naive build actually ran on
   * @param maxOrthoError {@code max |QQᵀ − I|} of the sliding basis
   * @param maxSigmaDiff {@code max |S_naive − S_sliding|} over the variates the naive side saw
   */
  public record Row(String caseName, int length, int variates, int rows, double slidingMillisMedian,
      double naiveMillis, boolean naiveExtrapolated, int naiveVariatesMeasured, double maxOrthoError,
      double maxSigmaDiff) {
    /** Naive time over sliding time. */
    public double speedup() {
      return naiveMillis / slidingMillisMedian;
    }
  }

  /**
   * Benchmark settings.
   *
   * @param warmups untimed sliding builds before timing ({@code >= 0})
   * @param repeats timed sliding builds, median reported ({@code >= 1})
   * @param naiveBudgetSeconds largest estimated naive time run in full ({@code > 0})
   * @param naiveOpsPerSecondPerCore assumed naive multiply-add rate per core, for the estimate
   */
  public record Options(int warmups, int repeats, double naiveBudgetSeconds, double naiveOpsPerSecondPerCore) {
    public Options {
      if (warmups < 0 || repeats < 1) {
        throw new IllegalArgumentException("need warmups >= 0 and repeats >= 1, got " + warmups + ", " + repeats);
      }
      if (!(naiveBudgetSeconds > 0) || !(naiveOpsPerSecondPerCore > 0)) {
        throw new IllegalArgumentException("naive budget and rate must be positive, got "
            + naiveBudgetSeconds + ", " + naiveOpsPerSecondPerCore);
      }
    }

    /** One warm-up, 3 repeats, 60 s naive budget, 1e9 multiply-adds per second per core. */
    public static Options defaults() {
      return new Options(1, 3, 60, 1e9);
    }
  }

  /** Runs the default cases; {@code etth1Train} (variates × 8640 rows) may be {@code null} to skip ETTh1. */
  public static List<Row> run(double[][] etth1Train, Options options) {
    return run(defaultCases(etth1Train), options);
  }

  /** Runs every case at every one of its window lengths, in order. */
  public static List<Row> run(List<Case> cases, Options options) {
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(options, "options");
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      for (int length : c.lengths()) {
        rows.add(measure(c.name(), c.variates(), length, options));
      }
    }
    return rows;
  }

  /**
   * The default cases: ETTh1 train split at L = 96, 336, 720 (when {@code etth1Train} is not null)
   * and {@link #syntheticEcl(long)} with seed 42 at L = 96, 720.
   */
  public static List<Case> defaultCases(double[][] etth1Train) {
    List<Case> cases = new ArrayList<>();
    if (etth1Train != null) {
      cases.add(new Case("ETTh1 train", etth1Train, new int[] {96, 336, 720}));
    }
    cases.add(new Case("synthetic ECL", syntheticEcl(42), new int[] {96, 720}));
    return cases;
  }

  /** ECL-sized synthetic input: {@value #ECL_VARIATES} variates × {@value #ECL_TRAIN_ROWS} rows. */
  public static double[][] syntheticEcl(long seed) {
    return synthetic(ECL_VARIATES, ECL_TRAIN_ROWS, seed);
  }

  /**
   * Deterministic synthetic series: per variate a Gaussian random walk from a level in [100, 1000)
   * plus a daily (period 24) sine of random amplitude and phase.
   */
  public static double[][] synthetic(int variates, int rows, long seed) {
    if (variates < 1 || rows < 1) {
      throw new IllegalArgumentException("need at least one variate and one row, got " + variates + " x " + rows);
    }
    SplittableRandom root = new SplittableRandom(seed);
    double[][] out = new double[variates][rows];
    for (int j = 0; j < variates; j++) {
      SplittableRandom r = root.split();
      double level = 100 + 900 * r.nextDouble();
      double step = 0.5 + 2 * r.nextDouble();
      double amplitude = 5 + 50 * r.nextDouble();
      double phase = 2 * Math.PI * r.nextDouble();
      double[] x = out[j];
      for (int t = 0; t < rows; t++) {
        level += step * gaussian(r);
        x[t] = level + amplitude * Math.sin(2 * Math.PI * t / 24.0 + phase);
      }
    }
    return out;
  }

  /** Formats rows as an aligned text table. */
  public static String format(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-15s %5s %5s %6s %12s %14s %9s %10s %10s%n",
        "case", "L", "V", "rows", "sliding ms", "naive ms", "speedup", "|QQt-I|", "|dS|"));
    for (Row r : rows) {
      String naive = String.format(Locale.ROOT, "%.0f%s", r.naiveMillis(), r.naiveExtrapolated()
          ? " (extrap. " + r.naiveVariatesMeasured() + ")" : "");
      sb.append(String.format(Locale.ROOT, "%-15s %5d %5d %6d %12.1f %14s %9.1f %10.2e %10.2e%n",
          r.caseName(), r.length(), r.variates(), r.rows(), r.slidingMillisMedian(), naive, r.speedup(),
          r.maxOrthoError(), r.maxSigmaDiff()));
    }
    return sb.toString();
  }


  static Row measure(String name, double[][] variates, int length, Options options) {
    OrthoTransOps.validate(variates, length);
    int count = variates.length;
    int n = variates[0].length;
    int m = n - length + 1;

    OrthoBasis basis = null;
    for (int w = 0; w < options.warmups(); w++) {
      basis = OrthoTransOps.fit(variates, length);
    }
    double[] times = new double[options.repeats()];
    for (int r = 0; r < times.length; r++) {
      long t0 = System.nanoTime();
      basis = OrthoTransOps.fit(variates, length);
      times[r] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(times);
    double median = times.length % 2 == 1 ? times[times.length / 2]
        : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;

    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    double perVariateOps = length * (length + 1.0) / 2.0 * m;
    double estimateSeconds = count * perVariateOps / (options.naiveOpsPerSecondPerCore() * cores);
    int measured = count;
    if (estimateSeconds > options.naiveBudgetSeconds()) {
      double perVariateSeconds = estimateSeconds / count;
      measured = (int) Math.floor(options.naiveBudgetSeconds() / 4 / perVariateSeconds);
      measured = Math.max(Math.min(cores, count), Math.min(count, measured));
    }
    double[][] subset = measured == count ? variates : Arrays.copyOf(variates, measured);
    long t0 = System.nanoTime();
    LagCorrelation naive = OrthoTransOps.lagCorrelation(subset, length, NaiveLagCovariance::covariance);
    OrthoTransOps.decompose(naive);
    double naiveMillis = (System.nanoTime() - t0) / 1e6;
    boolean extrapolated = measured < count;
    if (extrapolated) {
      naiveMillis *= (double) count / measured;
    }
    double[] sliding = OrthoTransOps.lagCorrelation(subset, length).raw();
    double[] slow = naive.raw();
    double diff = 0;
    for (int i = 0; i < sliding.length; i++) {
      diff = Math.max(diff, Math.abs(sliding[i] - slow[i]));
    }
    return new Row(name, length, count, n, median, naiveMillis, extrapolated, measured,
        basis.maxOrthogonalityError(), diff);
  }

  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }


}
