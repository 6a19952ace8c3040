package io.forecast.forecasting.persist;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files of a model directory and the JSON mapper that reads and writes them.
 *
 * <pre>
 * model.json        format version, type, model card, settings   (written last: a directory is
 * provenance.json   data, settings, seed, versions, curve, metrics  complete when model.json exists)
 * weights.bin       parameters
 * q_in.npy, q_out.npy  OrthoTrans bases (float64 NumPy)
 * scaler.json       per-column mean and std
 * conformal.json    split-conformal interval half-widths (optional; see io.forecast.forecasting.conformal)
 * </pre>
 */
public final class ModelFiles {
  public static final String MODEL = "model.json";
  public static final String PROVENANCE = "provenance.json";
  public static final String WEIGHTS = "weights.bin";
  public static final String Q_IN = "q_in.npy";
  public static final String Q_OUT = "q_out.npy";
  public static final String SCALER = "scaler.json";
  /** Version of the directory layout written by this code. */
  public static final int FORMAT = 1;

  /** Shared mapper: indented output, unknown properties ignored on read. */
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelFiles() {}

  /** Writes {@code scaler.json} (per-column mean and std). */
  public static void writeScaler(Path directory, io.forecast.data.StandardScaler scaler) throws IOException {
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("mean", scaler.mean());
    json.put("std", scaler.std());
    JSON.writeValue(directory.resolve(SCALER).toFile(), json);
  }

  /**
   * Reads {@code scaler.json}.
   *
   * @throws IOException if it is missing or not a valid scaler
   */
  public static io.forecast.data.StandardScaler readScaler(Path directory) throws IOException {
    JsonNode node = JSON.readTree(directory.resolve(SCALER).toFile());
    double[] mean = JSON.treeToValue(node.get("mean"), double[].class);
    double[] std = JSON.treeToValue(node.get("std"), double[].class);
    if (mean == null || std == null) {
      throw new IOException(directory.resolve(SCALER) + ": needs 'mean' and 'std'");
    }
    try {
      return io.forecast.data.StandardScaler.of(mean, std);
    } catch (IllegalArgumentException e) {
      throw new IOException(directory.resolve(SCALER) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code model.json} of a model directory.
   *
   * @throws IOException naming the directory when it is not a model directory
   */
  public static JsonNode readModelJson(Path directory) throws IOException {
    Path file = directory.resolve(MODEL);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(directory.toString(), null, "not a model directory (no " + MODEL + ")");
    }
    JsonNode node = JSON.readTree(file.toFile());
    int format = node.path("format").asInt(-1);
    if (format != FORMAT) {
      throw new IOException(file + ": unsupported model format " + format + " (this version reads " + FORMAT + ")");
    }
    if (!node.hasNonNull("type")) {
      throw new IOException(file + ": no model type");
    }
    return node;
  }
}
