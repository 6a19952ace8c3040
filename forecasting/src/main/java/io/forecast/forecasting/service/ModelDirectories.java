package io.forecast.forecasting.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads what a {@link ModelStore} tells about a model directory without loading its weights: whether
 * it is complete (has a {@code model.json}, written last) and its card, settings and provenance.
 */
final class ModelDirectories {
  private ModelDirectories() {}

  /** A complete model directory: one with a {@code model.json} (written last). */
  static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(ModelFiles.MODEL));
  }

  /** Card, settings and provenance of the model in {@code dir}. */
  static ModelDescription describe(String id, Path dir) throws IOException {
    JsonNode node = ModelFiles.readModelJson(dir);
    ModelCard card = ModelFiles.JSON.treeToValue(node.get("card"), ModelCard.class);
    Map<String, Object> settings = node.hasNonNull("settings")
        ? ModelFiles.JSON.convertValue(node.get("settings"), new TypeReference<Map<String, Object>>() {})
        : Map.of();
    Path provenanceFile = dir.resolve(ModelFiles.PROVENANCE);
    ModelProvenance provenance = Files.isRegularFile(provenanceFile)
        ? ModelFiles.JSON.readValue(provenanceFile.toFile(), ModelProvenance.class)
        : null;
    Map<String, Object> intervals = card == null ? null : ConformalCalibration.read(dir, card.predLen(),
        card.columns()).map(ConformalCalibration::describe).orElse(null);
    return new ModelDescription(id, card, settings, provenance, intervals);
  }

  /** The listing line of the model in {@code dir}. */
  static ModelSummary summarize(String id, Path dir) throws IOException {
    ModelDescription d = describe(id, dir);
    ModelProvenance p = d.provenance();
    return new ModelSummary(id, d.card(), p == null ? null : p.trainingFinished(), p == null ? null : p.testMetrics());
  }
}
