package io.forecast.forecasting.baselines;

import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.Setting;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.SettingsSchema;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.metrics.Seasons;
import java.util.List;

/**
 * {@code seasonal-naive}: step h repeats the value one season earlier, {@code x[T − p + (h mod p)]}.
 * The period p defaults to the data's frequency: one day of steps for sub-daily data (24 hourly, 96
 * at 15 minutes, 144 at 10 minutes), 7 for daily, 52 for weekly data.
 */
public final class SeasonalNaiveType extends BaselineType {
  public SeasonalNaiveType() {
    super("seasonal-naive", BaselineRule.SEASONAL_NAIVE,
        "seasonal naive: every step repeats the value one season (period) earlier");
  }

  @Override
  public SettingsSchema settings() {
    return new SettingsSchema(name(), List.of(Setting.integer("period", null, 1, 100_000,
        "season length in rows (at most seq_len); default from the frequency: one day of steps for sub-daily data, "
            + "7 for daily, 52 for weekly")));
  }

  @Override
  int period(TrainingData data, Settings settings) {
    Integer given = settings.integer("period");
    long step = data.series().frame().quality().frequencySeconds();
    int period = given != null ? given : Seasons.inferPeriod(step);
    if (period < 1) {
      throw new InvalidSettingsException("cannot infer the season of " + data.fileName() + " (sampling step "
          + (step > 0 ? step + " s" : "unknown") + "); set the setting 'period' of model type 'seasonal-naive'");
    }
    if (period > data.seqLen()) {
      throw new InvalidSettingsException("setting 'period' of model type 'seasonal-naive' is " + period
          + (given == null ? " (inferred from the frequency)" : "") + " but seq_len is " + data.seqLen()
          + "; use a seq_len of at least " + period + " or a shorter period");
    }
    return period;
  }
}
