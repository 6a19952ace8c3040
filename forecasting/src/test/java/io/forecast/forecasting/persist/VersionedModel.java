package io.forecast.forecasting.persist;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.data.SlidingWindows;
import io.forecast.data.StandardScaler;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weightless model for crash tests: its version is written into {@code weights.bin} and
 * {@code model.json} (last, as real models do); {@link #load} refuses a directory whose two files
 * disagree, so a mix of two versions can never pass for a model.
 */
class VersionedModel implements Forecaster {
  final int version;
  volatile boolean closed;

  VersionedModel(int version) {
    this.version = version;
  }

  static VersionedModel load(Path dir) throws IOException {
    JsonNode node = ModelFiles.readModelJson(dir);
    int version = node.path("version").asInt(-1);
    String weights = Files.readString(dir.resolve(ModelFiles.WEIGHTS));
    if (!weights.equals("v" + version)) {
      throw new IOException(dir + ": weights '" + weights + "' do not match model.json version " + version);
    }
    return new VersionedModel(version);
  }

  @Override
  public ModelCard card() {
    return new ModelCard("versioned", 2, 1, List.of("a"), "a", "date", "DATE_TIME_SECONDS", 3600);
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
    return new double[] {version};
  }

  @Override
  public float[] predictScaled(SlidingWindows windows, int from, int count) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void save(Path directory) throws IOException {
    Files.writeString(directory.resolve(ModelFiles.WEIGHTS), "v" + version);
    Files.writeString(directory.resolve("notes.txt"), "x".repeat(4096));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", ModelFiles.FORMAT);
    json.put("type", "versioned");
    json.put("version", version);
    json.put("card", card());
    ModelFiles.JSON.writeValue(directory.resolve(ModelFiles.MODEL).toFile(), json);
  }

  @Override
  public void close() {
    closed = true;
  }
}
