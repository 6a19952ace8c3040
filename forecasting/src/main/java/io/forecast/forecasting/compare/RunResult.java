package io.forecast.forecasting.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one finished run of a grid gave, as its run file holds it. Immutable. Errors are on the
 * z-scored scale of the test split, every window (as {@code forecast train} reports them).
 *
 * @param spec the run
 * @param status {@link #OK} or {@link #FAILED}
 * @param error why the run failed ({@code null} when it did not)
 * @param testMse test MSE ({@code null} when failed)
 * @param testMae test MAE ({@code null} when failed)
 * @param perStepMse test MSE per horizon step, step 1 first (empty when failed)
 * @param epochsRun epochs trained (0 for types without training)
 * @param bestEpoch the epoch whose weights were kept (0 for types without training)
 * @param secondsPerEpoch median wall seconds of the epochs ({@code null} without epochs)
 * @param wallSeconds wall seconds of the whole run (training, calibration and test evaluation)
 * @param parameters the model's parameter count ({@code null} when failed)
 * @param peakRssMiB the process's peak resident memory during the run, MiB ({@code null} where
 *     {@code /proc/self/status} cannot be read, i.e. off Linux)
 * @param testCoverage per interval level, the percentage of test values inside the split-conformal
 *     interval (empty when the model has no intervals)
 * @param valLoss the validation loss after each epoch, epoch 1 first ({@code null} where not finite; empty
 *     without epochs or when failed)
 * @param probe what a {@link RunProbe} measured on the fitted model (empty without a probe; JSON-friendly
 *     values: numbers, strings, lists and maps)
 */
public record RunResult(RunSpec spec, String status, String error, Double testMse, Double testMae,
    List<Double> perStepMse, int epochsRun, int bestEpoch, Double secondsPerEpoch, double wallSeconds,
    Long parameters, Double peakRssMiB, Map<String, Double> testCoverage,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> valLoss,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> probe) {
  /** Status of a run that finished with metrics. */
  public static final String OK = "ok";
  /** Status of a run that the type or the pipeline refused. */
  public static final String FAILED = "failed";

  public RunResult {
    Objects.requireNonNull(spec, "spec");
    if (!OK.equals(status) && !FAILED.equals(status)) {
      throw new IllegalArgumentException("status must be ok or failed, got " + status);
    }
    perStepMse = perStepMse == null ? List.of() : List.copyOf(perStepMse);
    testCoverage = Collections.unmodifiableMap(new LinkedHashMap<>(testCoverage == null ? Map.of() : testCoverage));
    valLoss = valLoss == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(valLoss));
    probe = Collections.unmodifiableMap(new LinkedHashMap<>(probe == null ? Map.of() : probe));
  }

  /** A result without validation curve and probe. */
  public RunResult(RunSpec spec, String status, String error, Double testMse, Double testMae, List<Double> perStepMse,
      int epochsRun, int bestEpoch, Double secondsPerEpoch, double wallSeconds, Long parameters, Double peakRssMiB,
      Map<String, Double> testCoverage) {
    this(spec, status, error, testMse, testMae, perStepMse, epochsRun, bestEpoch, secondsPerEpoch, wallSeconds,
        parameters, peakRssMiB, testCoverage, List.of(), Map.of());
  }

  /** A run that failed with {@code message}. */
  public static RunResult failed(RunSpec spec, String message, double wallSeconds, Double peakRssMiB) {
    return new RunResult(spec, FAILED, message, null, null, List.of(), 0, 0, null, wallSeconds, null, peakRssMiB,
        Map.of());
  }

  /** Whether the run finished with metrics. */
  public boolean ok() {
    return OK.equals(status);
  }
}
