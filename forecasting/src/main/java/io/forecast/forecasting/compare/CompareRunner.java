package io.forecast.forecasting.compare;

import io.forecast.data.DataException;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecastingException;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Runs a grid: every run through {@link ForecastPipeline#train}, its model closed (nothing but the
 * run's figures is kept), its result written to {@code runs/} as soon as it finishes; then the
 * aggregated {@code results.json} and {@code results.md}. A run whose file already holds the same
 * run is not trained again; a run the type or pipeline refuses is recorded as failed and the grid
 * goes on.
 */
public final class CompareRunner {
  /** The aggregated results file. */
  public static final String RESULTS_JSON = "results.json";
  /** The results table. */
  public static final String RESULTS_MD = "results.md";

  private CompareRunner() {}

  /**
   * Runs the grid, resuming from the run files in {@code out}.
   *
   * @param frame the loaded data file (the one whose SHA-256 the spec holds)
   * @param out the output directory (created if missing)
   * @param threads PyTorch intra-op threads of the training thread (0 keeps the current setting)
   * @param progress the listener
   * @throws GridMismatchException before any run, if a run file records another run
   * @throws IOException if the output directory cannot be written
   * @throws java.util.concurrent.CancellationException when {@link CompareProgress#cancelRequested} turned
   *     true (the finished runs' files are kept)
   */
  public static CompareResults run(CompareSpec spec, TimeSeriesFrame frame, Path out, int threads,
      CompareProgress progress) throws IOException {
    return run(spec, frame, out, threads, progress, RunProbe.NONE);
  }

  /**
   * Runs the grid as {@link #run(CompareSpec, TimeSeriesFrame, Path, int, CompareProgress)} does, and
   * measures each freshly trained model with {@code probe} before closing it (kept in its run file).
   */
  public static CompareResults run(CompareSpec spec, TimeSeriesFrame frame, Path out, int threads,
      CompareProgress progress, RunProbe probe) throws IOException {
    RunFiles files = new RunFiles(out);
    List<RunSpec> runs = spec.runs();
    Map<RunSpec, RunResult> done = new LinkedHashMap<>();
    for (RunSpec r : runs) {
      Optional<RunResult> earlier = files.finished(r);
      earlier.ifPresent(result -> done.put(r, result));
    }
    progress.gridStarted(runs.size(), done.size());
    done.values().forEach(result -> progress.runFinished(result, true));
    int resumed = done.size();
    List<RunResult> results = new ArrayList<>();
    for (RunSpec r : runs) {
      RunResult result = done.get(r);
      if (result == null) {
        result = runOne(spec, frame, r, threads, progress, probe);
        if (progress.cancelRequested()) {
          throw new CancellationException("grid cancelled before run " + r.fileName() + " finished");
        }
        files.write(result);
        progress.runFinished(result, false);
      }
      results.add(result);
    }
    CompareResults aggregated = CompareResults.of(spec, results, runs.size() - resumed, resumed,
        PeakRss.available() ? "VmRSS of /proc/self/status, sampled every 100 ms during each run"
            : "not measured: /proc/self/status is not readable (not Linux)");
    RunFiles.writeAtomically(out.resolve(RESULTS_JSON), aggregated.toJson());
    RunFiles.writeAtomically(out.resolve(RESULTS_MD), ResultsMarkdown.render(aggregated));
    return aggregated;
  }

  private static RunResult runOne(CompareSpec spec, TimeSeriesFrame frame, RunSpec r, int threads,
      CompareProgress progress, RunProbe probe) {
    TrainingSpec training = new TrainingSpec(r.model(), r.seqLen(), r.predLen(), spec.split(), r.settings());
    TrainingContext context = new TrainingContext(r.seed(), threads, progress.runStarted(r),
        progress::cancelRequested);
    long start = System.nanoTime();
    PeakRss rss = PeakRss.start();
    try (rss; FittedForecaster model = ForecastPipeline.train(frame, spec.dataSha256(), training, context)) {
      if (progress.cancelRequested()) {
        // training stopped early and the model is untested: nothing of this run is kept
        throw new CancellationException("grid cancelled during run " + r.fileName());
      }
      ModelProvenance p = model.provenance();
      ModelProvenance.Metrics test = p.testMetrics();
      List<Double> perStep = new ArrayList<>();
      test.perStep().forEach(s -> perStep.add(s.mse()));
      double[] seconds = p.curve().stream().mapToDouble(ModelProvenance.Epoch::seconds).toArray();
      Map<String, Double> coverage = model.conformal().map(c -> c.testCoverage()).orElse(Map.of());
      // a non-finite validation loss is kept as null (JSON has no NaN)
      List<Double> valLoss = new ArrayList<>();
      p.curve().forEach(e -> valLoss.add(Double.isFinite(e.valLoss()) ? e.valLoss() : null));
      double wall = (System.nanoTime() - start) / 1e9;
      Map<String, Object> measured = probe.measure(r, model, frame);
      return new RunResult(r, RunResult.OK, null, test.mse(), test.mae(), perStep, p.curve().size(),
          p.curve().isEmpty() ? 0 : p.bestEpoch(), median(seconds), wall, model.parameterCount(), rss.stop(),
          coverage, valLoss, measured);
    } catch (ForecastingException | DataException e) {
      return RunResult.failed(r, e.getMessage(), (System.nanoTime() - start) / 1e9, rss.stop());
    }
  }

  /** The median, {@code null} for none. */
  static Double median(double[] values) {
    if (values.length == 0) {
      return null;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
