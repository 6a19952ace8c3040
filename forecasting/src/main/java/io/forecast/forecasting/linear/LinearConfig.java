package io.forecast.forecasting.linear;

import io.forecast.forecasting.InvalidSettingsException;
import java.util.Objects;

/**
 * The architecture of a linear-family network. Immutable and checked.
 *
 * @param variant which model
 * @param seqLen input length T
 * @param predLen horizon τ
 * @param variates number of series N
 * @param individual one Linear per variate instead of one shared by all
 * @param kernel DLinear's moving-average window (odd, at most 2T − 1); 0 for the other variants
 * @param dropout RLinear's dropout probability in [0, 1); 0 for the other variants
 */
public record LinearConfig(LinearVariant variant, int seqLen, int predLen, int variates, boolean individual,
    int kernel, double dropout) {

  /**
   * @throws InvalidSettingsException naming the setting when {@code kernel} or {@code dropout} does
   *     not suit the variant and lengths
   * @throws IllegalArgumentException for non-positive lengths
   */
  public LinearConfig {
    Objects.requireNonNull(variant, "variant");
    if (seqLen < 1 || predLen < 1 || variates < 1) {
      throw new IllegalArgumentException("lengths and variates must be positive, got T=" + seqLen + ", τ=" + predLen
          + ", N=" + variates);
    }
    String type = variant.typeName();
    if (variant.hasKernel()) {
      if (kernel < 1 || kernel % 2 == 0) {
        throw new InvalidSettingsException("setting 'kernel' of model type '" + type + "' must be an odd number "
            + "(the moving average is centred, an even window would shorten the trend), got " + kernel);
      }
      if (kernel > 2 * seqLen) {
        throw new InvalidSettingsException("setting 'kernel' of model type '" + type + "' must be at most "
            + (2 * seqLen - 1) + " for seqLen " + seqLen + " (twice the input), got " + kernel);
      }
    } else if (kernel != 0) {
      throw new InvalidSettingsException("model type '" + type + "' has no setting 'kernel'");
    }
    if (variant.hasDropout()) {
      if (!(dropout >= 0 && dropout < 1)) {
        throw new InvalidSettingsException("setting 'dropout' of model type '" + type + "' must be in [0, 1), got "
            + dropout);
      }
    } else if (dropout != 0) {
      throw new InvalidSettingsException("model type '" + type + "' has no setting 'dropout'");
    }
  }

  /** The fields written to, and checked against, the parameter file. */
  int[] shapeFields() {
    return new int[] {variant.ordinal(), seqLen, predLen, variates, individual ? 1 : 0, kernel};
  }
}
