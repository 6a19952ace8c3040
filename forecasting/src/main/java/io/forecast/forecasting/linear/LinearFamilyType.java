package io.forecast.forecasting.linear;

import io.forecast.data.Split;
import io.forecast.forecasting.FittedModel;
import io.forecast.forecasting.ForecasterType;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.ScaledModel;
import io.forecast.forecasting.Setting;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.SettingsSchema;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.training.Trainer;
import io.forecast.forecasting.training.TrainingConfig;
import io.forecast.forecasting.training.TrainingResult;
import io.forecast.forecasting.training.ParameterBudget;
import io.forecast.forecasting.training.TrainingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the four linear types share: the settings (Time-Series-Library's training defaults plus
 * {@code individual}, and {@code kernel} or {@code dropout} where the variant has one), training
 * with the generic {@link Trainer}, and loading. A subclass only names its {@link LinearVariant}.
 */
public abstract class LinearFamilyType implements ForecasterType {
  /** TSLib {@code moving_avg} default. */
  public static final int DEFAULT_KERNEL = 25;
  /** RTSF {@code run.py} {@code --drop} default (used by its ETT and Weather scripts). */
  public static final double DEFAULT_DROPOUT = 0.1;
  /** Largest kernel the schema accepts: 2·100,000 − 1 (the pipeline's longest input); fit checks 2·seqLen − 1. */
  static final int MAX_KERNEL = 199_999;

  private final LinearVariant variant;
  private final SettingsSchema schema;

  /** Creates the type of a variant. */
  protected LinearFamilyType(LinearVariant variant) {
    this.variant = variant;
    this.schema = new SettingsSchema(variant.typeName(), schemaOf(variant));
  }

  private static List<Setting> schemaOf(LinearVariant variant) {
    List<Setting> all = new ArrayList<>(TrainingSettings.settings(10, 32, 1e-4, "type1", 3, "mse", true));
    all.add(Setting.flag("individual", false, "one Linear per variate instead of one shared by all"));
    if (variant.hasKernel()) {
      all.add(Setting.integer("kernel", DEFAULT_KERNEL, 1, MAX_KERNEL,
          "moving-average window of the trend (odd, at most 2·seqLen − 1)"));
    }
    if (variant.hasDropout()) {
      all.add(Setting.decimal("dropout", DEFAULT_DROPOUT, 0, 0.99, "dropout probability on the normalised input"));
    }
    return all;
  }

  /** The variant this type trains. */
  public LinearVariant variant() {
    return variant;
  }

  @Override
  public String name() {
    return variant.typeName();
  }

  @Override
  public String description() {
    return variant.description();
  }

  @Override
  public SettingsSchema settings() {
    return schema;
  }

  /**
   * The architecture for these settings and lengths.
   *
   * @throws InvalidSettingsException naming the setting when the kernel or dropout does not suit
   */
  public LinearConfig config(Settings s, int seqLen, int predLen, int variates) {
    return new LinearConfig(variant, seqLen, predLen, variates, s.flag("individual"),
        variant.hasKernel() ? s.integer("kernel") : 0, variant.hasDropout() ? s.decimal("dropout") : 0.0);
  }

  @Override
  public void checkSettings(Settings settings, String dataFile, int seqLen, int predLen, int columns) {
    config(settings, seqLen, predLen, columns);
    ParameterBudget.check(name(), parameters(settings, seqLen, predLen, columns), "lower the lengths, or set "
        + "individual=false");
  }

  /** The parameter count of these settings (computed in double: lengths up to 100,000 each). */
  private double parameters(Settings s, int seqLen, int predLen, int columns) {
    double perLinear = ((double) seqLen * predLen + predLen) * (Boolean.TRUE.equals(s.flag("individual")) ? columns : 1);
    return perLinear * (variant.hasKernel() ? 2 : 1) + (variant == LinearVariant.RLINEAR ? 2.0 * columns : 0);
  }

  @Override
  public FittedModel fit(TrainingData data, Settings s, TrainingContext context) {
    checkSettings(s, data.fileName(), data.seqLen(), data.predLen(), data.columns());
    LinearConfig config = config(s, data.seqLen(), data.predLen(), data.columns());
    TrainingConfig training = TrainingSettings.config(s, context.seed());
    LinearModel model = LinearModel.create(config, context.seed());
    try {
      context.progress().trainingStarted(training.epochs());
      TrainingResult result = new Trainer(training).train(model, data.series().windows(Split.TRAIN),
          data.series().windows(Split.VAL), context.progress()::epochFinished, context.cancelled());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("parameters", model.parameterCount());
      return new FittedModel(new LinearPredictor(model, s.asMap()), result.report(details));
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  @Override
  public ScaledModel load(Path directory, ModelCard card, Map<String, Object> settings) throws IOException {
    LinearConfig config;
    Settings resolved;
    try {
      resolved = schema.resolve(settings);
      config = config(resolved, card.seqLen(), card.predLen(), card.columns().size());
    } catch (InvalidSettingsException e) {
      throw new IOException(directory + ": model.json holds unusable " + name() + " settings: " + e.getMessage(), e);
    }
    return LinearPredictor.load(directory, config, resolved.asMap());
  }
}
