package io.forecast.forecasting.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.data.SlidingWindows;
import io.forecast.data.StandardScaler;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A weightless forecaster for store and service tests: forecasts last value + step. */
class StubForecaster implements Forecaster {
  static final AtomicInteger LOADS = new AtomicInteger();
  private final ModelCard card;
  volatile boolean closed;

  StubForecaster(ModelCard card) {
    this.card = card;
  }

  static ModelCard card(int seqLen, int predLen, String... columns) {
    return new ModelCard("stub", seqLen, predLen, List.of(columns), columns[columns.length - 1], "date",
        "DATE_TIME_SECONDS", 3600);
  }

  static StubForecaster load(Path dir) throws IOException {
    JsonNode node = ModelFiles.readModelJson(dir);
    LOADS.incrementAndGet();
    return new StubForecaster(ModelFiles.JSON.treeToValue(node.get("card"), ModelCard.class));
  }

  @Override
  public ModelCard card() {
    return card;
  }

  @Override
  public ModelProvenance provenance() {
    return null;
  }

  @Override
  public StandardScaler scaler() {
    return null;
  }

  @Override
  public double[] forecast(double[] history, int rows) {
    if (closed) {
      throw new IllegalStateException("forecast on a closed model");
    }
    int n = card.columns().size();
    double[] out = new double[card.predLen() * n];
    for (int k = 0; k < card.predLen(); k++) {
      for (int c = 0; c < n; c++) {
        out[k * n + c] = history[(rows - 1) * n + c] + k + 1;
      }
    }
    return out;
  }

  @Override
  public float[] predictScaled(SlidingWindows windows, int from, int count) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void save(Path directory) throws IOException {
    Files.writeString(directory.resolve(ModelFiles.WEIGHTS), "stub");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", ModelFiles.FORMAT);
    json.put("type", "stub");
    json.put("card", card);
    json.put("settings", Map.of("dModel", 16));
    ModelFiles.JSON.writeValue(directory.resolve(ModelFiles.MODEL).toFile(), json);
  }

  @Override
  public void close() {
    closed = true;
  }
}
