package io.forecast.forecasting.pipeline;

import io.forecast.data.PreparedSeries;
import io.forecast.data.SlidingWindows;
import io.forecast.data.Split;
import io.forecast.data.SplitBoundaries;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.FittedModel;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterType;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.IncompatibleDataException;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.TrainingReport;
import io.forecast.forecasting.UnfittableSeriesException;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.evaluation.ForecastEvaluator;
import io.forecast.forecasting.evaluation.ScaledPredictor;
import io.forecast.forecasting.metrics.MetricDefinitions;
import io.forecast.forecasting.metrics.Seasons;
import io.forecast.forecasting.nn.EngineThreads;
import io.forecast.forecasting.provenance.LibraryVersions;
import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.provenance.ModelProvenance.DataProvenance;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import java.time.Instant;

/**
 * The one path for training and evaluating any model type, used by the CLI, the REST service and
 * library callers alike.
 *
 * <ul>
 *   <li>{@link #train}: resolves the type and checks its settings, splits and scales the series
 *       (scaler fitted on the train rows), fits through the type on the training thread's own
 *       thread count, evaluates every test window and returns the model with its provenance.
 *   <li>{@link #evaluate}: scores a saved model on the test split of a file, scaled with the model's
 *       own scaler, streaming through the windows in bounded memory: the saved-format metrics, the
 *       full point metrics on both scales and the interval metrics, in one {@link Evaluation} report.
 * </ul>
 */
public final class ForecastPipeline {
  /** Largest accepted input length or horizon. */
  public static final int MAX_LENGTH = 100_000;

  private ForecastPipeline() {}

  /**
   * Checks a type name and its settings without reading any data (so a service can refuse a bad
   * request before queueing it).
   *
   * @throws io.forecast.forecasting.UnknownModelTypeException for an unknown type
   * @throws InvalidSettingsException for bad lengths or settings
   */
  public static Settings check(TrainingSpec spec) {
    ForecasterType type = ForecasterTypes.get(spec.modelType());
    checkLengths(spec.seqLen(), spec.predLen());
    return type.settings().resolve(spec.settings());
  }

  /**
   * Checks a training request against its data without training: the type, its settings, the
   * type's own check with the file's name, lengths and column count (e.g. a kernel or a network
   * size), and that the series is long enough for the split and lengths. A service calls this
   * before queueing a job, so every such problem fails the request, not the job.
   *
   * @return the checked settings
   * @throws io.forecast.forecasting.ForecastingException for an unknown type or bad settings
   * @throws io.forecast.data.DataException if the series is too short for the split and lengths
   */
  public static Settings check(TrainingSpec spec, TimeSeriesFrame frame) {
    return prepare(spec, frame).settings();
  }

  /** A checked request: its type, resolved settings and the prepared series. */
  private record Prepared(ForecasterType type, Settings settings, PreparedSeries series) {}

  private static Prepared prepare(TrainingSpec spec, TimeSeriesFrame frame) {
    return prepare(spec, frame, null);
  }

  /** As {@link #prepare(TrainingSpec, TimeSeriesFrame)}; {@code boundaries} replace the spec's split rule. */
  private static Prepared prepare(TrainingSpec spec, TimeSeriesFrame frame, SplitBoundaries boundaries) {
    ForecasterType type = ForecasterTypes.get(spec.modelType());
    Settings settings = check(spec);
    type.checkSettings(settings, frame.source(), spec.seqLen(), spec.predLen(), frame.columnCount());
    PreparedSeries series = boundaries == null
        ? PreparedSeries.prepare(frame, spec.split(), spec.seqLen(), spec.predLen())
        : PreparedSeries.prepare(frame, boundaries, spec.seqLen(), spec.predLen(), null);
    return new Prepared(type, settings, series);
  }

  /**
   * Trains a model.
   *
   * @param frame the loaded file
   * @param sha256 the file's SHA-256, for provenance
   * @param spec type, lengths, split and settings
   * @param context seed, threads, progress and cancellation
   * @return the fitted model, its provenance holding the test metrics (none when cancelled); the
   *     caller closes it
   * @throws io.forecast.forecasting.ForecastingException for an unknown type, bad settings or an
   *     unfittable series
   * @throws io.forecast.data.DataException if the series is too short for the split and lengths
   */
  public static FittedForecaster train(TimeSeriesFrame frame, String sha256, TrainingSpec spec,
      TrainingContext context) {
    return train(frame, sha256, spec, null, context);
  }

  /**
   * Trains a model on a split given row by row instead of by the spec's rule (a backtest fold: the
   * scaler and every fitted part, e.g. OLinear's OrthoTrans basis, come from {@code [0, trainEnd)},
   * early stopping and the conformal calibration from the validation rows, and the test metrics from
   * the test rows).
   *
   * @param boundaries the split ({@link SplitBoundaries#explicit}); {@code null}: the spec's rule
   * @see #train(TimeSeriesFrame, String, TrainingSpec, TrainingContext)
   */
  public static FittedForecaster train(TimeSeriesFrame frame, String sha256, TrainingSpec spec,
      SplitBoundaries boundaries, TrainingContext context) {
    Prepared prepared = prepare(spec, frame, boundaries);
    ForecasterType type = prepared.type();
    Settings settings = prepared.settings();
    PreparedSeries series = prepared.series();
    String started = Instant.now().toString();
    if (context.threads() > 0) {
      EngineThreads.useOnCurrentThread(context.threads());
    }
    FittedModel fitted = type.fit(new TrainingData(series, sha256), settings, context);
    FittedForecaster model = null;
    try {
      ModelCard card = new ModelCard(type.name(), spec.seqLen(), spec.predLen(), frame.columnNames(), frame.target(),
          frame.timestampColumn(), frame.timestampFormat().name(), frame.quality().frequencySeconds());
      TrainingReport report = fitted.report();
      ModelProvenance untested = new ModelProvenance(type.name(), dataProvenance(frame, sha256, series.boundaries()),
          fitted.model().settings(), context.seed(), report.details(), LibraryVersions.current(), started,
          Instant.now().toString(), report.curve(), report.bestEpoch(), report.stopReason(), null);
      model = new FittedForecaster(card, series.scaler(), untested, fitted.model());
      if (context.cancelled().getAsBoolean()) {
        return model;
      }
      long calibrationStart = System.nanoTime();
      var validation = series.windows(Split.VAL);
      ConformalCalibration calibration = spec.intervalLevels().isEmpty() ? null
          : ConformalCalibration.calibrate(model::predictScaled, validation, card.columns(), spec.intervalLevels())
              .orElse(null);
      context.progress().phaseFinished("conformal calibration, " + validation.count() + " validation windows",
          (System.nanoTime() - calibrationStart) / 1e9);
      long evaluationStart = System.nanoTime();
      var testWindows = series.windows(Split.TEST);
      // the test predictions are scored and, in the same pass, checked against the intervals
      ConformalCalibration.CoverageCounter coverage = calibration == null ? null : calibration.coverageCounter();
      FittedForecaster scored = model;
      Metrics metrics = score(model, testWindows, coverage == null ? model::predictScaled : (w, from, count) -> {
        float[] predictions = scored.predictScaled(w, from, count);
        coverage.add(predictions, w, from, count);
        return predictions;
      });
      model = model.withConformal(calibration == null ? null : calibration.withTestCoverage(coverage.percent()));
      context.progress().phaseFinished("test evaluation, " + testWindows.count() + " windows",
          (System.nanoTime() - evaluationStart) / 1e9);
      return model.withProvenance(new ModelProvenance(untested.modelType(), untested.data(), untested.settings(),
          untested.seed(), untested.details(), untested.libraries(), untested.trainingStarted(),
          Instant.now().toString(), untested.curve(), untested.bestEpoch(), untested.stopReason(), metrics));
    } catch (RuntimeException | Error e) {
      fitted.model().close();
      throw e;
    }
  }

  /**
   * Scores a model on the test split of a file, scaled with the model's own scaler, with the MASE
   * period inferred from the file's sampling step; see {@link #evaluate(Forecaster, TimeSeriesFrame,
   * String, SplitRule, Integer)}.
   */
  public static Evaluation evaluate(Forecaster model, TimeSeriesFrame frame, String sha256, SplitRule split) {
    return evaluate(model, frame, sha256, split, null);
  }

  /**
   * Scores a model on the test split of a file, scaled with the model's own scaler, in one streaming
   * pass over the test windows (a batch of predictions at a time): the saved-format {@link Metrics}
   * (on the training file they reproduce the saved test metrics bit for bit), the full point metrics
   * on both scales (MASE against the seasonal-naive scale of the file's training rows) and, when the
   * model has split-conformal intervals, their coverage, width and score at its levels.
   *
   * @param split the split rule ({@code null}: auto)
   * @param season the seasonal period of the MASE scale ({@code null}: inferred from the sampling step
   *     as {@link Seasons#inferPeriod} does; when none can be, MASE is absent and the report says why)
   * @throws InvalidSettingsException if {@code season} is not in {@code [1, MAX_LENGTH]}
   * @throws IncompatibleDataException if the file's columns are not the model's
   * @throws io.forecast.data.DataException if the file is too short for the split
   */
  public static Evaluation evaluate(Forecaster model, TimeSeriesFrame frame, String sha256, SplitRule split,
      Integer season) {
    checkSeason(season);
    ModelCard card = model.card();
    checkColumns(card, frame);
    PreparedSeries series = PreparedSeries.prepare(frame, split == null ? SplitRule.AUTO : split, card.seqLen(),
        card.predLen(), model.scaler());
    FullMetricsPass full = new FullMetricsPass(model, frame, series.boundaries().trainEnd(), season);
    long t0 = System.nanoTime();
    Metrics metrics = score(model, series.windows(Split.TEST), full);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Evaluation(metrics, seconds, model.provenance(), dataProvenance(frame, sha256, series.boundaries()),
        Instant.now().toString(), full.period(), full.pointMetrics(), full.intervalMetrics(),
        MetricDefinitions.of(full.period()), LibraryVersions.current(), full.notes());
  }

  /**
   * Checks a MASE seasonal period given for an evaluation.
   *
   * @param season the period, {@code null} for none (inferred)
   * @throws InvalidSettingsException unless it is {@code null} or in {@code [1, MAX_LENGTH]}
   */
  public static void checkSeason(Integer season) {
    if (season != null && (season < 1 || season > MAX_LENGTH)) {
      throw new InvalidSettingsException("the seasonal period (season) must be between 1 and " + MAX_LENGTH
          + ", got " + season);
    }
  }

  private static Metrics score(Forecaster model, SlidingWindows test, ScaledPredictor predictor) {
    Metrics metrics = ForecastEvaluator.evaluate(predictor, test, model.card().columns());
    if (!Double.isFinite(metrics.mse()) || !Double.isFinite(metrics.mae())) {
      throw new UnfittableSeriesException("the " + model.card().type() + " model forecasts non-finite values on the "
          + "test split (MSE " + metrics.mse() + "); try a lower learning rate or other settings");
    }
    return metrics;
  }

  private static DataProvenance dataProvenance(TimeSeriesFrame frame, String sha256, SplitBoundaries b) {
    return new DataProvenance(frame.source(), sha256, frame.rows(), frame.columnNames(), frame.target(),
        frame.quality().policy().label(), b.rule().label(), b.trainEnd(), b.valEnd(), b.testEnd());
  }

  /**
   * Checks window lengths.
   *
   * @throws InvalidSettingsException unless both are in {@code [1, MAX_LENGTH]}
   */
  /**
   * Checks that a file has exactly the model's columns, in order.
   *
   * @throws IncompatibleDataException naming both column lists
   */
  public static void checkColumns(ModelCard card, TimeSeriesFrame frame) {
    if (!frame.columnNames().equals(card.columns())) {
      throw new IncompatibleDataException(frame.source() + " has columns " + frame.columnNames()
          + " but the model was trained on " + card.columns());
    }
  }

  public static void checkLengths(int seqLen, int predLen) {
    if (seqLen < 1 || predLen < 1 || seqLen > MAX_LENGTH || predLen > MAX_LENGTH) {
      throw new InvalidSettingsException("seq_len and pred_len must be between 1 and " + MAX_LENGTH + ", got "
          + seqLen + " and " + predLen);
    }
  }
}
