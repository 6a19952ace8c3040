package io.forecast.forecasting.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A grid's runs and their aggregates. Immutable.
 *
 * @param spec the grid
 * @param runs every run's result, in grid order
 * @param cells per model and horizon, in grid order
 * @param averages per model, in grid order
 * @param trained runs trained by this call
 * @param resumed runs read from earlier calls' run files
 * @param memory how the peak memory was measured (or why it was not)
 */
public record CompareResults(CompareSpec spec, List<RunResult> runs, List<Cell> cells, List<ModelAverage> averages,
    int trained, int resumed, String memory) {
  public CompareResults {
    Objects.requireNonNull(spec, "spec");
    runs = List.copyOf(runs);
    cells = List.copyOf(cells);
    averages = List.copyOf(averages);
  }

  /**
   * One model at one horizon over the seeds: mean and sample standard deviation (n − 1) of the
   * test errors of the runs that succeeded.
   *
   * @param model the grid entry (the model type, or the entry's label in a grid of variants)
   * @param predLen the horizon
   * @param runs runs that succeeded
   * @param failed runs that failed
   * @param mseMean mean test MSE ({@code null} without a successful run)
   * @param mseStd sample standard deviation of the test MSE ({@code null} for fewer than 2 runs)
   * @param maeMean mean test MAE
   * @param maeStd sample standard deviation of the test MAE
   * @param perStepMse mean test MSE per horizon step over the runs (empty without a successful run)
   * @param secondsPerEpoch mean of the runs' median seconds per epoch ({@code null} without epochs)
   * @param parameters the model's parameter count (of the first successful run)
   * @param peakRssMiB the largest peak resident memory of the runs, MiB ({@code null} if not measured)
   * @param testCoverage per interval level, the mean test coverage in percent
   */
  public record Cell(String model, int predLen, int runs, int failed, Double mseMean, Double mseStd, Double maeMean,
      Double maeStd, List<Double> perStepMse, Double secondsPerEpoch, Long parameters, Double peakRssMiB,
      Map<String, Double> testCoverage) {
    public Cell {
      perStepMse = List.copyOf(perStepMse);
      testCoverage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(testCoverage));
    }
  }

  /**
   * One model's mean errors over the horizons ({@code null} unless every horizon has a successful run,
   * so that models are only compared over the same horizons).
   *
   * @param model the model type
   * @param mse mean over the horizons of the mean test MSE
   * @param mae mean over the horizons of the mean test MAE
   */
  public record ModelAverage(String model, Double mse, Double mae) {}

  /** Aggregates the runs of a grid. */
  public static CompareResults of(CompareSpec spec, List<RunResult> runs, int trained, int resumed, String memory) {
    List<Cell> cells = new ArrayList<>();
    List<ModelAverage> averages = new ArrayList<>();
    for (String m : spec.models()) {
      List<Double> mse = new ArrayList<>();
      List<Double> mae = new ArrayList<>();
      for (int h : spec.horizons()) {
        Cell c = cell(m, h, runs.stream().filter(r -> r.spec().entry().equals(m) && r.spec().predLen() == h).toList());
        cells.add(c);
        if (c.mseMean() != null) {
          mse.add(c.mseMean());
          mae.add(c.maeMean());
        }
      }
      boolean complete = mse.size() == spec.horizons().size();
      averages.add(new ModelAverage(m, complete ? Stats.mean(mse) : null, complete ? Stats.mean(mae) : null));
    }
    return new CompareResults(spec, runs, cells, averages, trained, resumed, memory);
  }

  private static Cell cell(String model, int predLen, List<RunResult> runs) {
    List<RunResult> ok = runs.stream().filter(RunResult::ok).toList();
    List<Double> mse = ok.stream().map(RunResult::testMse).toList();
    List<Double> mae = ok.stream().map(RunResult::testMae).toList();
    List<Double> perStep = new ArrayList<>();
    if (!ok.isEmpty()) {
      for (int s = 0; s < ok.get(0).perStepMse().size(); s++) {
        int step = s;
        perStep.add(Stats.mean(ok.stream().map(r -> r.perStepMse().get(step)).toList()));
      }
    }
    List<Double> perEpoch = ok.stream().map(RunResult::secondsPerEpoch).filter(Objects::nonNull).toList();
    List<Double> peaks = runs.stream().map(RunResult::peakRssMiB).filter(Objects::nonNull).toList();
    Map<String, List<Double>> coverage = new LinkedHashMap<>();
    ok.forEach(r -> r.testCoverage().forEach((level, v) -> coverage.computeIfAbsent(level, k -> new ArrayList<>())
        .add(v)));
    Map<String, Double> meanCoverage = new LinkedHashMap<>();
    coverage.forEach((level, v) -> meanCoverage.put(level, Stats.mean(v)));
    return new Cell(model, predLen, ok.size(), runs.size() - ok.size(), Stats.mean(mse), Stats.sampleStd(mse),
        Stats.mean(mae), Stats.sampleStd(mae), perStep, Stats.mean(perEpoch), ok.isEmpty() ? null : ok.get(0).parameters(),
        peaks.isEmpty() ? null : peaks.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), meanCoverage);
  }

  /** The cell of a model and horizon. */
  public Cell cell(String model, int predLen) {
    return cells.stream().filter(c -> c.model().equals(model) && c.predLen() == predLen).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cell " + model + " at horizon " + predLen));
  }

  /** The runs that failed. */
  public List<RunResult> failures() {
    return runs.stream().filter(r -> !r.ok()).toList();
  }

  /** The grid as {@code results.json} states it. */
  public Map<String, Object> specJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("data", spec.dataFile());
    json.put("dataSha256", spec.dataSha256());
    json.put("split", spec.split().label());
    json.put("models", spec.models());
    json.put("horizons", spec.horizons());
    json.put("seqLen", spec.seqLen());
    json.put("seeds", spec.seeds());
    json.put("settings", spec.settings());
    if (!spec.types().isEmpty()) {
      json.put("types", spec.types());
    }
    return json;
  }

  /** The contents of {@code results.json}. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("spec", specJson());
    json.put("runsTotal", runs.size());
    json.put("trained", trained);
    json.put("resumed", resumed);
    json.put("failed", failures().size());
    json.put("errorScale", "z-scored (train-split mean and std), every test window");
    json.put("peakMemory", memory);
    json.put("byModelAndHorizon", cells);
    json.put("averageOverHorizons", averages);
    json.put("runs", runs);
    try {
      return ModelFiles.JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
