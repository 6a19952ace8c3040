package io.forecast.forecasting;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.data.StandardScaler;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registry of model types, found with {@link ServiceLoader} on the class path of this class
 * (a host application adds its own by putting a jar with a {@code META-INF/services} entry on the
 * class path). Loads any saved model by the type its {@code model.json} names.
 */
public final class ForecasterTypes {
  private static final Map<String, ForecasterType> TYPES = discover();

  private ForecasterTypes() {}

  private static Map<String, ForecasterType> discover() {
    Map<String, ForecasterType> found = new LinkedHashMap<>();
    ClassLoader loader = ForecasterTypes.class.getClassLoader();
    for (ForecasterType t : ServiceLoader.load(ForecasterType.class, loader)) {
      ForecasterType previous = found.putIfAbsent(t.name(), t);
      if (previous != null && previous.getClass() != t.getClass()) {
        throw new ServiceConfigurationError("two model types are named '" + t.name() + "': "
            + previous.getClass().getName() + " and " + t.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(found);
  }

  /** Every registered type, in discovery order (the project's own first). */
  public static List<ForecasterType> all() {
    return List.copyOf(TYPES.values());
  }

  /** Names of the registered types. */
  public static List<String> names() {
    return List.copyOf(TYPES.keySet());
  }

  /**
   * The type of that name.
   *
   * @throws UnknownModelTypeException listing the known names
   */
  public static ForecasterType get(String name) {
    ForecasterType t = name == null ? null : TYPES.get(name);
    if (t == null) {
      throw new UnknownModelTypeException(String.valueOf(name), names());
    }
    return t;
  }

  /** Every type with its description and settings, as one JSON-ready object keyed by type name. */
  public static Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ForecasterType t : TYPES.values()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("description", t.description());
      one.put("settings", t.settings().describe());
      out.put(t.name(), one);
    }
    return out;
  }

  /**
   * Loads a model directory of any registered type: the common files here, the type's own files
   * through {@link ForecasterType#load}. Never touches the global random generator.
   *
   * @throws IOException if it is not a model directory, a file is missing or broken, or its type is
   *     not registered
   */
  public static FittedForecaster load(Path directory) throws IOException {
    JsonNode node = ModelFiles.readModelJson(directory);
    String name = node.get("type").asText();
    ForecasterType type = TYPES.get(name);
    if (type == null) {
      throw new IOException(directory + ": unknown model type '" + name + "'; known types: " + String.join(", ", names()));
    }
    ModelCard card = ModelFiles.JSON.treeToValue(node.get("card"), ModelCard.class);
    if (card == null) {
      throw new IOException(directory + ": " + ModelFiles.MODEL + " has no card");
    }
    Map<String, Object> settings = node.hasNonNull("settings")
        ? ModelFiles.JSON.convertValue(node.get("settings"), new TypeReference<LinkedHashMap<String, Object>>() { })
        : Map.of();
    ModelProvenance provenance = ModelFiles.JSON.readValue(directory.resolve(ModelFiles.PROVENANCE).toFile(),
        ModelProvenance.class);
    StandardScaler scaler = ModelFiles.readScaler(directory);
    if (scaler.mean().length != card.columns().size()) {
      throw new IOException(directory + ": " + ModelFiles.SCALER + " has " + scaler.mean().length
          + " columns, the card " + card.columns().size());
    }
    var conformal = io.forecast.forecasting.conformal.ConformalCalibration.read(directory, card.predLen(),
        card.columns());
    ScaledModel model = type.load(directory, card, settings);
    return new FittedForecaster(card, scaler, provenance, model, conformal.orElse(null));
  }
}
