package io.forecast.forecasting.olinear;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.data.PreparedSeries;
import io.forecast.data.SlidingWindows;
import io.forecast.data.Split;
import io.forecast.data.SplitBoundaries;
import io.forecast.data.StandardScaler;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.evaluation.ForecastEvaluator;
import io.forecast.forecasting.io.NpyDtype;
import io.forecast.forecasting.io.NpyIo;
import io.forecast.forecasting.orthotrans.OrthoBasis;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.LibraryVersions;
import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.training.EpochListener;
import io.forecast.forecasting.training.EpochSummary;
import io.forecast.forecasting.training.OLinearTrainer;
import io.forecast.forecasting.training.TrainingResult;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A fitted OLinear model: the network, its two OrthoTrans bases, the training scaler, its card and
 * provenance. Immutable once fitted; {@link #forecast} and {@link #predictScaled} may run
 * concurrently.
 */
public final class OLinearForecaster implements Forecaster {
  /** The type name in {@code model.json}. */
  public static final String TYPE = "olinear";
  /** Batch size for evaluation and prediction over windows. */
  static final int PREDICT_BATCH = 64;

  private final OLinearModel model;
  private final OrthoBasis qIn;
  private final OrthoBasis qOut;
  private final StandardScaler scaler;
  private final ModelCard card;
  private final OLinearSettings settings;
  private final ModelProvenance provenance;

  private OLinearForecaster(OLinearModel model, OrthoBasis qIn, OrthoBasis qOut, StandardScaler scaler, ModelCard card,
      OLinearSettings settings, ModelProvenance provenance) {
    this.model = model;
    this.qIn = qIn;
    this.qOut = qOut;
    this.scaler = scaler;
    this.card = card;
    this.settings = settings;
    this.provenance = provenance;
  }

  /**
   * Fits OLinear: builds Q_in (length seqLen) and Q_out (length predLen) from the raw training rows,
   * trains with early stopping on the validation split, restores the best weights and evaluates on
   * every test window.
   *
   * @param data the split, scaled, windowed series
   * @param dataSha256 the data file's SHA-256, for provenance
   * @param settings model and training settings
   * @param listener called after each epoch (may be {@code null})
   * @param cancelled polled between batches; when it returns true training stops early and the best
   *     weights so far are kept (may be {@code null})
   */
  public static OLinearForecaster fit(PreparedSeries data, String dataSha256, OLinearSettings settings,
      EpochListener listener, BooleanSupplier cancelled) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(settings, "settings");
    TimeSeriesFrame frame = data.frame();
    SplitBoundaries b = data.boundaries();
    int qRows = settings.qRatio() == null ? b.trainEnd() : (int) (frame.rows() * settings.qRatio());
    double[][] variates = frame.columns(0, qRows);
    OrthoBasis qIn = OrthoBasis.fit(variates, data.seqLen());
    OrthoBasis qOut = data.predLen() == data.seqLen() ? qIn : OrthoBasis.fit(variates, data.predLen());

    OLinearConfig config = settings.modelConfig(data.seqLen(), data.predLen(), frame.columnCount());
    String started = Instant.now().toString();
    OLinearModel model = OLinearModel.create(config, qIn.toFloatRowMajor(), qOut.toFloatRowMajor(), settings.seed());
    try {
      OLinearTrainer trainer = new OLinearTrainer(settings.trainingConfig());
      TrainingResult result = trainer.train(model, data.windows(Split.TRAIN), data.windows(Split.VAL),
          listener == null ? (e, t, v, lr, s) -> { } : listener, cancelled == null ? () -> false : cancelled);
      SlidingWindows test = data.windows(Split.TEST);
      ModelProvenance.Metrics metrics = ForecastEvaluator.evaluate(
          model.predict(test, PREDICT_BATCH), test, frame.columnNames(), true);
      String finished = Instant.now().toString();

      ModelCard card = new ModelCard(TYPE, data.seqLen(), data.predLen(), frame.columnNames(), frame.target(),
          frame.timestampColumn(), frame.timestampFormat().name(), frame.quality().frequencySeconds());
      Map<String, Object> ortho = new LinkedHashMap<>();
      ortho.put("rows", qRows);
      ortho.put("source", settings.qRatio() == null ? "train split" : "first int(" + settings.qRatio() + "·n) rows");
      ortho.put("skippedVariates", names(frame, qIn.skippedVariates()));
      ortho.put("qInMaxOrthogonalityError", qIn.maxOrthogonalityError());
      ortho.put("qOutMaxOrthogonalityError", qOut.maxOrthogonalityError());
      List<ModelProvenance.Epoch> curve = new ArrayList<>();
      for (EpochSummary e : result.epochs()) {
        curve.add(new ModelProvenance.Epoch(e.epoch(), e.trainLoss(), e.validationLoss(), e.learningRate(), e.seconds()));
      }
      ModelProvenance.DataProvenance dp = new ModelProvenance.DataProvenance(frame.source(), dataSha256, frame.rows(),
          frame.columnNames(), frame.target(), frame.quality().policy().label(), b.rule().label(), b.trainEnd(),
          b.valEnd(), b.testEnd());
      ModelProvenance prov = new ModelProvenance(TYPE, dp, settings.asMap(), settings.seed(), ortho,
          LibraryVersions.current(), started, finished, curve, result.bestEpoch(), result.stopReason().name(), metrics);
      return new OLinearForecaster(model, qIn, qOut, data.scaler(), card, settings, prov);
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  private static List<String> names(TimeSeriesFrame frame, int[] idx) {
    List<String> out = new ArrayList<>();
    for (int i : idx) {
      out.add(frame.columnNames().get(i));
    }
    return out;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  @Override
  public ModelProvenance provenance() {
    return provenance;
  }

  /** The settings this model was trained with. */
  public OLinearSettings settings() {
    return settings;
  }

  /** The input basis Q_in (seqLen × seqLen). */
  public OrthoBasis qIn() {
    return qIn;
  }

  /** The output basis Q_out (predLen × predLen). */
  public OrthoBasis qOut() {
    return qOut;
  }

  @Override
  public StandardScaler scaler() {
    return scaler;
  }

  /** Number of scalar parameters of the network. */
  public long parameterCount() {
    return model.parameterCount();
  }

  @Override
  public double[] forecast(double[] history, int rows) {
    int n = card.columns().size();
    int t = card.seqLen();
    if (rows < t) {
      throw new IllegalArgumentException("history has " + rows + " rows; the model needs at least seq_len = " + t);
    }
    if (history.length != (long) rows * n) {
      throw new IllegalArgumentException("history holds " + history.length + " values, expected " + rows + " rows × "
          + n + " columns");
    }
    return unscale(model.predict(scale(history, (rows - t) * n, t * n, rows - t), 1));
  }

  /** One batched forward pass over {@code count} histories of exactly {@code seqLen} rows. */
  @Override
  public double[] forecastBatch(double[] histories, int count) {
    int n = card.columns().size();
    int t = card.seqLen();
    if (count < 1 || histories.length != (long) count * t * n) {
      throw new IllegalArgumentException("a batch of " + count + " histories needs " + ((long) count * t * n)
          + " values, got " + histories.length);
    }
    return unscale(model.predict(scale(histories, 0, histories.length, 0), count));
  }

  /**
   * Z-scores {@code length} values of row-major histories starting at {@code from}; rows are
   * numbered from {@code firstRow} in error messages (per history for batches).
   */
  private float[] scale(double[] values, int from, int length, int firstRow) {
    int n = card.columns().size();
    int t = card.seqLen();
    double[] mean = scaler.mean();
    double[] std = scaler.std();
    float[] input = new float[length];
    for (int k = 0; k < length; k++) {
      double v = values[from + k];
      int c = k % n;
      if (!Double.isFinite(v)) {
        String where = length > t * n ? "history " + (k / (t * n)) + ", row " + ((k / n) % t) : "history row " + (firstRow + k / n);
        throw new IllegalArgumentException(where + ", column '" + card.columns().get(c) + "' is " + v
            + "; values must be finite");
      }
      input[k] = (float) ((v - mean[c]) / std[c]);
    }
    return input;
  }

  /** Back to the original scale. */
  private double[] unscale(float[] scaled) {
    int n = card.columns().size();
    double[] mean = scaler.mean();
    double[] std = scaler.std();
    double[] out = new double[scaled.length];
    for (int k = 0; k < scaled.length; k++) {
      int c = k % n;
      out[k] = scaled[k] * std[c] + mean[c];
    }
    return out;
  }

  @Override
  public float[] predictScaled(SlidingWindows windows) {
    if (windows.columns() != card.columns().size() || windows.seqLen() != card.seqLen()
        || windows.predLen() != card.predLen()) {
      throw new IllegalArgumentException("windows of " + windows.seqLen() + "→" + windows.predLen() + " over "
          + windows.columns() + " columns do not fit a " + card.seqLen() + "→" + card.predLen() + " model of "
          + card.columns().size() + " columns");
    }
    return model.predict(windows, PREDICT_BATCH);
  }

  @Override
  public void save(Path directory) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        Files.newOutputStream(directory.resolve(ModelFiles.WEIGHTS))))) {
      model.saveParameters(out);
    }
    NpyIo.write(directory.resolve(ModelFiles.Q_IN), qIn.q(), NpyDtype.FLOAT64);
    NpyIo.write(directory.resolve(ModelFiles.Q_OUT), qOut.q(), NpyDtype.FLOAT64);
    Map<String, Object> scalerJson = new LinkedHashMap<>();
    scalerJson.put("mean", scaler.mean());
    scalerJson.put("std", scaler.std());
    ModelFiles.JSON.writeValue(directory.resolve(ModelFiles.SCALER).toFile(), scalerJson);
    ModelFiles.JSON.writeValue(directory.resolve(ModelFiles.PROVENANCE).toFile(), provenance);
    Map<String, Object> modelJson = new LinkedHashMap<>();
    modelJson.put("format", ModelFiles.FORMAT);
    modelJson.put("type", TYPE);
    modelJson.put("card", card);
    modelJson.put("settings", settings);
    ModelFiles.JSON.writeValue(directory.resolve(ModelFiles.MODEL).toFile(), modelJson);
  }

  /**
   * Loads a directory written by {@link #save}.
   *
   * @throws IOException if a file is missing or does not match the model
   */
  public static OLinearForecaster load(Path directory) throws IOException {
    JsonNode node = ModelFiles.readModelJson(directory);
    if (!TYPE.equals(node.get("type").asText())) {
      throw new IOException(directory + ": model type is '" + node.get("type").asText() + "', not " + TYPE);
    }
    ModelCard card = ModelFiles.JSON.treeToValue(node.get("card"), ModelCard.class);
    OLinearSettings settings = ModelFiles.JSON.treeToValue(node.get("settings"), OLinearSettings.class);
    ModelProvenance prov = ModelFiles.JSON.readValue(directory.resolve(ModelFiles.PROVENANCE).toFile(),
        ModelProvenance.class);
    JsonNode scalerNode = ModelFiles.JSON.readTree(directory.resolve(ModelFiles.SCALER).toFile());
    StandardScaler scaler = StandardScaler.of(ModelFiles.JSON.treeToValue(scalerNode.get("mean"), double[].class),
        ModelFiles.JSON.treeToValue(scalerNode.get("std"), double[].class));
    OrthoBasis qIn = OrthoBasis.of(NpyIo.readMatrix(directory.resolve(ModelFiles.Q_IN)));
    OrthoBasis qOut = OrthoBasis.of(NpyIo.readMatrix(directory.resolve(ModelFiles.Q_OUT)));
    if (qIn.length() != card.seqLen() || qOut.length() != card.predLen()) {
      throw new IOException(directory + ": Q sizes " + qIn.length() + "/" + qOut.length() + " do not match "
          + card.seqLen() + "→" + card.predLen());
    }
    OLinearConfig config = settings.modelConfig(card.seqLen(), card.predLen(), card.columns().size());
    OLinearModel model = OLinearModel.create(config, qIn.toFloatRowMajor(), qOut.toFloatRowMajor(), settings.seed());
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(directory.resolve(ModelFiles.WEIGHTS))))) {
      model.loadParameters(in);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
    return new OLinearForecaster(model, qIn, qOut, scaler, card, settings, prov);
  }

  @Override
  public void close() {
    model.close();
  }
}
