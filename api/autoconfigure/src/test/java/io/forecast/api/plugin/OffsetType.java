package io.forecast.api.plugin;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.FittedModel;
import io.forecast.forecasting.ForecasterType;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.ScaledModel;
import io.forecast.forecasting.Setting;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.SettingsSchema;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model type that lives only on the test class path, registered through this module's
 * {@code src/test/resources/META-INF/services}: forecasts the last value plus a fixed offset (in
 * z-score units). Proves that a host can add a type without touching project code.
 */
public final class OffsetType implements ForecasterType {
  @Override
  public String name() {
    return "test-offset";
  }

  @Override
  public String description() {
    return "test only: the last value plus an offset";
  }

  @Override
  public SettingsSchema settings() {
    return new SettingsSchema(name(), List.of(Setting.decimal("offset", 0.5, -10, 10, "added to the last value")));
  }

  @Override
  public FittedModel fit(TrainingData data, Settings settings, TrainingContext context) {
    return new FittedModel(new Model(data.seqLen(), data.predLen(), data.columns(), settings.decimal("offset")),
        TrainingReport.untrained(Map.of()));
  }

  @Override
  public ScaledModel load(Path directory, ModelCard card, Map<String, Object> settings) throws IOException {
    if (!(settings.get("offset") instanceof Number offset)) {
      throw new IOException(directory + ": no offset");
    }
    return new Model(card.seqLen(), card.predLen(), card.columns().size(), offset.doubleValue());
  }

  private record Model(int seqLen, int predLen, int columns, double offset) implements ScaledModel {
    @Override
    public float[] predict(float[] input, int batch) {
      float[] out = new float[batch * predLen * columns];
      for (int b = 0; b < batch; b++) {
        for (int h = 0; h < predLen; h++) {
          for (int c = 0; c < columns; c++) {
            out[(b * predLen + h) * columns + c] =
                (float) (input[(b * seqLen + seqLen - 1) * columns + c] + offset);
          }
        }
      }
      return out;
    }

    @Override
    public float[] predict(SlidingWindows windows, int from, int count) {
      float[] in = new float[count * seqLen * columns];
      for (int k = 0; k < count; k++) {
        windows.copyInput(from + k, in, k * seqLen * columns);
      }
      return predict(in, count);
    }

    @Override
    public Map<String, Object> settings() {
      return Map.of("offset", offset);
    }

    @Override
    public long parameterCount() {
      return 0;
    }

    @Override
    public void save(Path directory) {
      // everything is in model.json
    }

    @Override
    public void close() {
      // nothing to free
    }
  }
}
