package io.forecast.forecasting.olinear;

import io.forecast.forecasting.training.LearningRateSchedule;
import io.forecast.forecasting.training.TrainingConfig;
import java.util.Locale;

/**
 * Ready-made {@link OLinearSettings}.
 *
 * <ul>
 *   <li>{@code paper}: the per-dataset settings of the official scripts (spec olinear.md §3.2), chosen
 *       by the data file's name (ETTh1, ETTh2, ETTm1, ETTm2, weather, exchange_rate, electricity/ECL,
 *       traffic, solar) and the horizon (96, 192, 336, 720; another horizon takes the column of the
 *       nearest of these). D = 16, d_ff = d_model, seed 2023. Q is built from the training split
 *       (leak-free) unless {@code qRatio} is overridden.
 *   <li>{@code fast}: a small CPU-friendly model (d_model 128, 1 layer, D 8, 10 epochs, lr 1e-3,
 *       type1, patience 3) that trains ETTh1 96→96 in about a minute on two cores.
 * </ul>
 */
public final class OLinearPresets {
  private static final int[] HORIZONS = {96, 192, 336, 720};

  private OLinearPresets() {}

  /**
   * A preset by name.
   *
   * @param name {@code paper} or {@code fast}
   * @param dataFile the data file's name (used by {@code paper})
   * @param predLen the horizon (used by {@code paper})
   * @throws IllegalArgumentException for an unknown preset, or {@code paper} on an unknown dataset
   */
  public static OLinearSettings forName(String name, String dataFile, int predLen) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "paper" -> paper(dataFile, predLen);
      case "fast" -> fast();
      default -> throw new IllegalArgumentException("unknown preset '" + name + "': expected paper or fast");
    };
  }

  /** The small CPU-friendly preset. */
  public static OLinearSettings fast() {
    return new OLinearSettings("fast", 128, 128, 1, 8, 0.1, 10, 32, 1e-3, LearningRateSchedule.TYPE1, 3,
        TrainingConfig.OFFICIAL_SEED, null, true);
  }

  /**
   * The official script settings for a dataset and horizon.
   *
   * @throws IllegalArgumentException if the dataset is not one of the benchmark datasets
   */
  public static OLinearSettings paper(String dataFile, int predLen) {
    int h = horizonIndex(predLen);
    String key = datasetKey(dataFile);
    return switch (key) {
      case "etth1" -> paper(2, 512, pick(h, 5e-4, 5e-4, 5e-4, 1e-4), 0.2, 32, 30, 8, LearningRateSchedule.TYPE1);
      case "etth2" -> paper(3, 512, 2e-4, pick(h, 0.2, 0.2, 0.2, 0.3), 32, 30, 8, LearningRateSchedule.TYPE1);
      case "ettm1" -> paper(2, 512, 1e-4, pick(h, 0.1, 0.1, 0.1, 0.2), 32, 30, 8, LearningRateSchedule.TYPE1);
      case "ettm2" -> paper(1, 512, 1e-4, pick(h, 0.2, 0.2, 0.2, 0.3), 32, 30, 8, LearningRateSchedule.TYPE1);
      case "weather" -> paper(2, 512, 1e-3, 0.0, 32, 30, 5, LearningRateSchedule.TYPE3);
      case "exchange" -> paper(2, (int) pick(h, 256, 128, 256, 256), 1e-4, 0.0, (int) pick(h, 64, 32, 64, 32), 1, 8,
          LearningRateSchedule.TYPE1);
      case "ecl" -> paper(3, 512, 5e-4, 0.0, 32, (int) pick(h, 30, 50, 50, 50), 5, LearningRateSchedule.COSINE);
      case "traffic" -> paper(3, 512, 5e-4, 0.0, 32, 50, 5, LearningRateSchedule.COSINE);
      case "solar" -> paper(2, 512, 5e-4, 0.0, 32, (int) pick(h, 40, 30, 40, 30), 5, LearningRateSchedule.TYPE1);
      default -> throw new IllegalArgumentException("no paper settings for '" + dataFile
          + "': the paper preset knows ETTh1, ETTh2, ETTm1, ETTm2, weather, exchange_rate, electricity, traffic, "
          + "solar; use --preset fast or give the model options explicitly");
    };
  }

  private static OLinearSettings paper(int layers, int dModel, double lr, double dropout, int batch, int epochs,
      int patience, LearningRateSchedule schedule) {
    return new OLinearSettings("paper", dModel, dModel, layers, 16, dropout, epochs, batch, lr, schedule, patience,
        TrainingConfig.OFFICIAL_SEED, null, true);
  }

  /** Normalised dataset key of a file name ({@code ETTh1.csv} → {@code etth1}). */
  static String datasetKey(String dataFile) {
    String name = dataFile == null ? "" : dataFile;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1).toLowerCase(Locale.ROOT);
    int dot = name.indexOf('.');
    if (dot >= 0) {
      name = name.substring(0, dot);
    }
    if (name.startsWith("exchange")) {
      return "exchange";
    }
    if (name.startsWith("electricity") || name.equals("ecl")) {
      return "ecl";
    }
    if (name.startsWith("solar")) {
      return "solar";
    }
    return name;
  }

  private static int horizonIndex(int predLen) {
    int best = 0;
    for (int i = 1; i < HORIZONS.length; i++) {
      if (Math.abs(HORIZONS[i] - predLen) < Math.abs(HORIZONS[best] - predLen)) {
        best = i;
      }
    }
    return best;
  }

  private static double pick(int index, double... values) {
    return values[index];
  }
}
