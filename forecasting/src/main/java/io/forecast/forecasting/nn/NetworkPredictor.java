package io.forecast.forecasting.nn;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.ScaledModel;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link ScaledModel} part every network type shares: prediction in batches of {@link
 * #PREDICT_BATCH} windows, the parameter count, {@code weights.bin}, closing. A type adds its
 * settings (and any files of its own).
 */
public abstract class NetworkPredictor implements ScaledModel {
  /** Windows per forward pass when predicting over a split. */
  public static final int PREDICT_BATCH = 64;

  private final NetworkModel network;

  protected NetworkPredictor(NetworkModel network) {
    this.network = network;
  }

  @Override
  public float[] predict(float[] input, int batch) {
    return network.predict(input, batch);
  }

  @Override
  public float[] predict(SlidingWindows windows, int from, int count) {
    return network.predict(windows, from, count, PREDICT_BATCH);
  }

  @Override
  public long parameterCount() {
    return network.parameterCount();
  }

  /** Writes {@code weights.bin}. */
  @Override
  public void save(Path directory) throws IOException {
    network.save(directory.resolve(ModelFiles.WEIGHTS));
  }

  @Override
  public void close() {
    network.close();
  }
}
