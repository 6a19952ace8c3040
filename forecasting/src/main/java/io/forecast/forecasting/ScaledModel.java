package io.forecast.forecasting;

import io.forecast.data.SlidingWindows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The part of a fitted model that a model type implements: it maps z-scored histories to z-scored
 * forecasts. Scaling, checking input, saving the common files and provenance are the same for every
 * type and live in {@link FittedForecaster}. Immutable once fitted; {@link #predict} may run on
 * several threads at once. It owns native memory: close it.
 */
public interface ScaledModel extends AutoCloseable {

  /**
   * Forecasts a batch of z-scored histories.
   *
   * @param input {@code batch × seqLen × columns}, row-major
   * @param batch number of histories, at least 1
   * @return {@code batch × predLen × columns}, row-major
   */
  float[] predict(float[] input, int batch);

  /**
   * Forecasts windows {@code from .. from+count-1} of an already z-scored series.
   *
   * @return {@code count × predLen × columns}, row-major
   */
  float[] predict(SlidingWindows windows, int from, int count);

  /**
   * The effective settings, as written to {@code model.json} and read back by the type's {@link
   * ForecasterType#load}.
   */
  Map<String, Object> settings();

  /** Number of trained scalar parameters (0 for models without any). */
  long parameterCount();

  /** Writes the type's own files (weights, bases) into a directory being written. */
  void save(Path directory) throws IOException;

  /** Frees native memory. */
  @Override
  void close();
}
