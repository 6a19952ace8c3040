package io.forecast.forecasting.baselines;

import io.forecast.forecasting.FittedModel;
import io.forecast.forecasting.ForecasterType;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.ScaledModel;
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
 * The shared part of the statistical baselines: nothing to train, the z-scored history's rule is
 * the model. The pipeline still evaluates them on the test split like any other type.
 */
abstract class BaselineType implements ForecasterType {
  private final String name;
  private final BaselineRule rule;
  private final String description;

  BaselineType(String name, BaselineRule rule, String description) {
    this.name = name;
    this.rule = rule;
    this.description = description;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public SettingsSchema settings() {
    return new SettingsSchema(name, List.of());
  }

  /** The season length for these data and settings (1 for rules without one). */
  int period(TrainingData data, Settings settings) {
    return 1;
  }

  @Override
  public FittedModel fit(TrainingData data, Settings settings, TrainingContext context) {
    int period = period(data, settings);
    BaselineModel model = new BaselineModel(rule, data.seqLen(), data.predLen(), data.columns(), period);
    return new FittedModel(model, TrainingReport.untrained(model.settings()));
  }

  @Override
  public ScaledModel load(Path directory, ModelCard card, Map<String, Object> settings) throws IOException {
    int period = 1;
    if (rule == BaselineRule.SEASONAL_NAIVE) {
      Object p = settings.get("period");
      if (!(p instanceof Integer value) || value < 1 || value > card.seqLen()) {
        throw new IOException(directory + ": model.json needs a period in [1, " + card.seqLen() + "], got " + p);
      }
      period = value;
    }
    return new BaselineModel(rule, card.seqLen(), card.predLen(), card.columns().size(), period);
  }
}
