package io.forecast.forecasting;

import io.forecast.data.PreparedSeries;
import java.util.Objects;

/**
 * The data a model type fits on: the split, z-scored, windowed series (train and validation
 * windows; the test split is the pipeline's, for evaluation) and the file's digest for provenance.
 *
 * @param series the prepared series (its scaler was fitted on the train rows)
 * @param sha256 the data file's SHA-256 (hex)
 */
public record TrainingData(PreparedSeries series, String sha256) {
  public TrainingData {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** Input length. */
  public int seqLen() {
    return series.seqLen();
  }

  /** Horizon. */
  public int predLen() {
    return series.predLen();
  }

  /** Number of value columns (variates). */
  public int columns() {
    return series.frame().columnCount();
  }

  /** The data file's name (presets such as OLinear's {@code paper} pick by it). */
  public String fileName() {
    return series.frame().source();
  }
}
