package io.forecast.forecasting.training;

import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.Setting;
import io.forecast.forecasting.Settings;
import java.util.List;

/**
 * The optimisation settings every trained model type shares (names, ranges, docs), and how they
 * become a {@link TrainingConfig}. A type picks its own defaults.
 */
public final class TrainingSettings {
  /** Largest number of epochs accepted. */
  public static final int MAX_EPOCHS = 10_000;
  /** Largest batch size accepted. */
  public static final int MAX_BATCH = 65_536;

  private TrainingSettings() {}

  /**
   * The shared settings with the given defaults ({@code null}: decided by the type, e.g. a preset).
   *
   * @param withCriterion whether {@code loss}, {@code optimizer} and {@code weightDecay} are settable
   */
  public static List<Setting> settings(Integer epochs, Integer batchSize, Double learningRate, String lradj,
      Integer patience, String loss, boolean withCriterion) {
    List<Setting> common = List.of(
        Setting.integer("epochs", epochs, 1, MAX_EPOCHS, "maximum training epochs"),
        Setting.integer("batchSize", batchSize, 1, MAX_BATCH, "training windows per batch"),
        Setting.decimal("learningRate", learningRate, 1e-9, 10, "initial learning rate"),
        Setting.choice("lradj", lradj, List.of("type1", "type3", "cosine"),
            "learning-rate schedule: type1 halves every epoch from epoch 3, type3 keeps it 4 epochs then ×0.9, cosine"),
        Setting.integer("patience", patience, 1, MAX_EPOCHS, "early-stopping patience in epochs (validation loss)"));
    if (!withCriterion) {
      return common;
    }
    return java.util.stream.Stream.concat(common.stream(), java.util.stream.Stream.of(
        Setting.choice("loss", loss, List.of("mse", "mae", "weighted-l1"),
            "training and validation criterion (weighted-l1: OLinear's horizon-weighted L1)"),
        Setting.choice("optimizer", "adam", List.of("adam", "adamw"), "Adam or AdamW (PyTorch-exact)"),
        Setting.decimal("weightDecay", 0.0, 0, 1, "AdamW's decoupled weight decay (needs optimizer=adamw)")))
        .toList();
  }

  /**
   * The trainer configuration from resolved settings that hold every shared setting.
   *
   * @throws InvalidSettingsException if the combination is not usable (weight decay with Adam)
   */
  public static TrainingConfig config(Settings s, long seed) {
    Loss.Kind loss = Loss.Kind.parse(s.choice("loss"));
    Optimizer.Kind optimizer = Optimizer.Kind.parse(s.choice("optimizer"));
    double weightDecay = s.decimal("weightDecay");
    if (optimizer == Optimizer.Kind.ADAM && weightDecay != 0) {
      throw new InvalidSettingsException("setting 'weightDecay' needs optimizer=adamw (Adam has no decoupled weight "
          + "decay), got weightDecay=" + weightDecay + " with optimizer=adam");
    }
    return new TrainingConfig(s.integer("epochs"), s.integer("batchSize"), s.decimal("learningRate"),
        LearningRateSchedule.parse(s.choice("lradj")), s.integer("patience"), seed, loss, optimizer, weightDecay);
  }
}
