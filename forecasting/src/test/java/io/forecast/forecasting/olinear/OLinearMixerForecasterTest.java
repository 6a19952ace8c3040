package io.forecast.forecasting.olinear;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forecast.data.Split;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mixer} setting through the common pipeline: default unchanged, saved, loaded. */
class OLinearMixerForecasterTest {
  @BeforeAll
  static void data() {
    OLinearForecasterTest.data();
  }

  private static Map<String, Object> settings(Map<String, Object> extra) {
    Map<String, Object> s = new HashMap<>(OLinearForecasterTest.settings);
    s.put("epochs", 1);
    s.putAll(extra);
    return s;
  }

  @Test
  void explicitNormlinIsTheDefaultBitForBit() {
    try (FittedForecaster plain = OLinearForecasterTest.fit(settings(Map.of()));
        FittedForecaster explicit = OLinearForecasterTest.fit(settings(Map.of("mixer", "normlin")))) {
      assertThat(explicit.provenance().testMetrics().mse()).isEqualTo(plain.provenance().testMetrics().mse());
      assertThat(explicit.predictScaled(OLinearForecasterTest.series.windows(Split.TEST)))
          .containsExactly(plain.predictScaled(OLinearForecasterTest.series.windows(Split.TEST)));
      assertThat(plain.parameterCount()).isEqualTo(
          OLinearPresets.fast().toBuilder().dModel(16).dFf(16).embedSize(4).build()
              .modelConfig(OLinearForecasterTest.SEQ, OLinearForecasterTest.PRED, 3).parameterCount());
    }
  }

  @Test
  void everyMixerSavesAndLoadsWithIdenticalForecasts(@TempDir Path dir) throws IOException {
    for (String mixer : List.of("normlin-sinkhorn", "normlin-qr", "softmax", "sinkhorn", "qr")) {
      Map<String, Object> extra = new HashMap<>(Map.of("mixer", mixer));
      if (mixer.equals("sinkhorn") || mixer.equals("normlin-sinkhorn")) {
        extra.put("iterations", 5);
      }
      if (!mixer.startsWith("normlin")) {
        extra.put("nHeads", 2);
      }
      Path modelDir = dir.resolve(mixer);
      try (FittedForecaster fitted = OLinearForecasterTest.fit(settings(extra))) {
        AtomicDirectory.write(modelDir, false, fitted::save);
        float[] before = fitted.predictScaled(OLinearForecasterTest.series.windows(Split.TEST));
        assertThat(fitted.provenance().details()).containsEntry("mixer", mixer);
        try (Forecaster loaded = ForecasterTypes.load(modelDir)) {
          assertThat(loaded.predictScaled(OLinearForecasterTest.series.windows(Split.TEST))).as(mixer)
              .containsExactly(before);
          assertThat(loaded.parameterCount()).isEqualTo(fitted.parameterCount());
        }
      }
      String json = Files.readString(modelDir.resolve(ModelFiles.MODEL));
      assertThat(json).contains("\"mixer\" : \"" + mixer + "\"");
      if (extra.containsKey("iterations")) {
        assertThat(json).contains("\"iterations\" : 5");
      }
    }
  }

  /** A model.json written before the mixers existed has no mixer fields: it loads as normlin. */
  @Test
  void aModelWithoutMixerSettingsLoadsAsNormlin(@TempDir Path dir) throws IOException {
    Path modelDir = dir.resolve("m");
    try (FittedForecaster fitted = OLinearForecasterTest.fit(settings(Map.of()))) {
      AtomicDirectory.write(modelDir, false, fitted::save);
      float[] before = fitted.predictScaled(OLinearForecasterTest.series.windows(Split.TEST));
      Path file = modelDir.resolve(ModelFiles.MODEL);
      ObjectNode root = (ObjectNode) ModelFiles.JSON.readTree(file.toFile());
      // the three settings fields (and the training report's note of the mixer)
      assertThat(removeMixerFields(root)).isGreaterThanOrEqualTo(3);
      ModelFiles.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
      assertThat(Files.readString(file)).doesNotContain("mixer");
      try (Forecaster loaded = ForecasterTypes.load(modelDir)) {
        assertThat(loaded.predictScaled(OLinearForecasterTest.series.windows(Split.TEST))).containsExactly(before);
        assertThat(((OLinearPredictor) ((FittedForecaster) loaded).model()).olinearSettings().mixer())
            .isEqualTo("normlin");
      }
    }
  }

  private static int removeMixerFields(com.fasterxml.jackson.databind.JsonNode node) {
    int removed = 0;
    if (node instanceof ObjectNode object) {
      for (String key : List.of("mixer", "nHeads", "mixerParameters")) {
        if (object.remove(key) != null) {
          removed++;
        }
      }
      for (com.fasterxml.jackson.databind.JsonNode child : object) {
        removed += removeMixerFields(child);
      }
    }
    return removed;
  }
}
