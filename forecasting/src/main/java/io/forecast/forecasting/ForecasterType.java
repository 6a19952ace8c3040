package io.forecast.forecasting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A kind of model, plugged in through {@link java.util.ServiceLoader}: list the implementing class
 * in {@code META-INF/services/io.forecast.forecasting.ForecasterType} of any jar on the class path
 * and {@link ForecasterTypes} finds it, so the CLI, the REST service and the library can train,
 * save, load, serve and evaluate it without further code. An implementation needs a public
 * no-argument constructor and is stateless.
 *
 * <p>A type works on the z-scored scale only: {@link #fit} gets the prepared series (split, scaled
 * with the train rows' scaler, windowed) and returns a {@link ScaledModel}; the pipeline evaluates it
 * on the test split, scales forecasts back and writes the common files.
 */
public interface ForecasterType {
  /** The name users pick it by and {@code model.json} records ({@code olinear}, {@code dlinear}). */
  String name();

  /** One sentence on what the model is. */
  String description();

  /** The settings it takes, with defaults, ranges and docs. */
  SettingsSchema settings();

  /**
   * Checks settings against what is known before the series is prepared (the file's name, the
   * lengths, the number of columns), so that a bad setting — or a network too large to train — is
   * reported before anything is allocated. The default checks nothing.
   *
   * @throws InvalidSettingsException naming the setting
   */
  default void checkSettings(Settings settings, String dataFile, int seqLen, int predLen, int columns) {
  }

  /**
   * Fits a model on the train split (validation windows for early stopping where the type trains).
   *
   * @throws InvalidSettingsException if the settings do not suit these data (e.g. a period longer
   *     than the input)
   * @throws UnfittableSeriesException if the series cannot be fitted
   */
  FittedModel fit(TrainingData data, Settings settings, TrainingContext context);

  /**
   * Loads the type's part of a model directory written by {@link ScaledModel#save}. Must not
   * touch the global random generator nor initialise parameters randomly.
   *
   * @param directory the model directory
   * @param card the model's card from {@code model.json}
   * @param settings the settings map from {@code model.json}
   * @throws IOException if a file is missing or does not match the card
   */
  ScaledModel load(Path directory, ModelCard card, Map<String, Object> settings) throws IOException;
}
