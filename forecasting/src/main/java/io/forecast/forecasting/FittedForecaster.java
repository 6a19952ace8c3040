package io.forecast.forecasting;

import io.forecast.data.SlidingWindows;
import io.forecast.data.StandardScaler;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted model of any type: its {@link ScaledModel} with the training scaler, card and
 * provenance. Scales histories in, checks them, scales forecasts back, and writes and reads the
 * files every model directory has. Immutable; forecasts may run concurrently.
 */
public final class FittedForecaster implements Forecaster {
  private final ModelCard card;
  private final StandardScaler scaler;
  private final ModelProvenance provenance;
  private final ScaledModel model;
  private final ConformalCalibration conformal;

  /**
   * @throws IllegalArgumentException if the scaler's column count is not the card's
   */
  public FittedForecaster(ModelCard card, StandardScaler scaler, ModelProvenance provenance, ScaledModel model) {
    this(card, scaler, provenance, model, null);
  }

  /**
   * @param conformal the split-conformal calibration, or {@code null} for none
   * @throws IllegalArgumentException if the scaler's column count is not the card's
   */
  public FittedForecaster(ModelCard card, StandardScaler scaler, ModelProvenance provenance, ScaledModel model,
      ConformalCalibration conformal) {
    this.conformal = conformal;
    this.card = Objects.requireNonNull(card, "card");
    this.scaler = Objects.requireNonNull(scaler, "scaler");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.model = Objects.requireNonNull(model, "model");
    if (scaler.mean().length != card.columns().size()) {
      throw new IllegalArgumentException("scaler of " + scaler.mean().length + " columns for a card of "
          + card.columns().size());
    }
  }

  @Override
  public ModelCard card() {
    return card;
  }

  @Override
  public ModelProvenance provenance() {
    return provenance;
  }

  @Override
  public StandardScaler scaler() {
    return scaler;
  }

  /** The type-specific model. */
  public ScaledModel model() {
    return model;
  }

  /** The effective settings of the model's type. */
  public Map<String, Object> settings() {
    return model.settings();
  }

  @Override
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
      double z = (v - mean[c]) / std[c];
      if (!Double.isFinite(v) || !Double.isFinite(z) || Math.abs(z) > Float.MAX_VALUE) {
        String where = length > t * n ? "history " + (k / (t * n)) + ", row " + ((k / n) % t)
            : "history row " + (firstRow + k / n);
        if (Double.isFinite(v)) {
          throw new IncompatibleDataException(where + ", column '" + card.columns().get(c) + "' is " + v
              + ", too far from the training data to scale (training mean " + mean[c] + ", std " + std[c] + ")");
        }
        throw new IllegalArgumentException(where + ", column '" + card.columns().get(c) + "' is " + v
            + "; values must be finite");
      }
      input[k] = (float) z;
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
      if (!Double.isFinite(out[k])) {
        // never hand out NaN or infinity as a forecast
        throw new IncompatibleDataException("the forecast of column '" + card.columns().get(c) + "' at step "
            + ((k / n) % card.predLen() + 1) + " is not finite; the history is too far outside the training data");
      }
    }
    return out;
  }

  @Override
  public float[] predictScaled(SlidingWindows windows, int from, int count) {
    if (windows.columns() != card.columns().size() || windows.seqLen() != card.seqLen()
        || windows.predLen() != card.predLen()) {
      throw new IllegalArgumentException("windows of " + windows.seqLen() + "→" + windows.predLen() + " over "
          + windows.columns() + " columns do not fit a " + card.seqLen() + "→" + card.predLen() + " model of "
          + card.columns().size() + " columns");
    }
    if (from < 0 || count < 0 || from + count > windows.count()) {
      throw new IllegalArgumentException("windows " + from + ".." + (from + count) + " out of " + windows.count());
    }
    if (count == 0) {
      return new float[0];
    }
    return model.predict(windows, from, count);
  }

  /** The same model with another provenance (the pipeline adds test metrics after fitting). */
  public FittedForecaster withProvenance(ModelProvenance newProvenance) {
    return new FittedForecaster(card, scaler, newProvenance, model, conformal);
  }

  /** The same model with a split-conformal calibration ({@code null}: none). */
  public FittedForecaster withConformal(ConformalCalibration calibration) {
    return new FittedForecaster(card, scaler, provenance, model, calibration);
  }

  @Override
  public Optional<ConformalCalibration> conformal() {
    return Optional.ofNullable(conformal);
  }

  @Override
  public void save(Path directory) throws IOException {
    model.save(directory);
    ModelFiles.writeScaler(directory, scaler);
    if (conformal != null) {
      conformal.write(directory);
    }
    ModelFiles.JSON.writeValue(directory.resolve(ModelFiles.PROVENANCE).toFile(), provenance);
    Map<String, Object> modelJson = new LinkedHashMap<>();
    modelJson.put("format", ModelFiles.FORMAT);
    modelJson.put("type", card.type());
    modelJson.put("card", card);
    modelJson.put("settings", model.settings());
    ModelFiles.JSON.writeValue(directory.resolve(ModelFiles.MODEL).toFile(), modelJson);
  }

  @Override
  public void close() {
    model.close();
  }
}
