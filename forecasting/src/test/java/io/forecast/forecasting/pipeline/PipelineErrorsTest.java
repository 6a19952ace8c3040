package io.forecast.forecasting.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.IncompatibleDataException;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.UnfittableSeriesException;
import io.forecast.forecasting.UnknownModelTypeException;
import io.forecast.forecasting.baselines.BaselinesTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User errors of the pipeline are typed and name the problem. */
class PipelineErrorsTest {

  private static TimeSeriesFrame constant(int rows) {
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    for (int i = 0; i < rows; i++) {
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,5,7\n");
    }
    return TimeSeriesCsvReader.read("flat.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
  }

  @Test
  void aConstantSeriesIsRefusedByOLinearWithAReason() {
    assertThatThrownBy(() -> ForecastPipeline.train(constant(300), "sha",
        new TrainingSpec("olinear", 24, 8, SplitRule.AUTO, Map.of("epochs", 1)), TrainingContext.defaults()))
        .isInstanceOf(UnfittableSeriesException.class)
        .hasMessageContaining("every column of flat.csv is constant")
        .hasMessageContaining("use a baseline such as naive or mean");
  }

  @Test
  void aConstantSeriesIsFineForTheNaiveBaseline() {
    try (FittedForecaster f = ForecastPipeline.train(constant(300), "sha",
        new TrainingSpec("naive", 24, 8, SplitRule.AUTO, Map.of()), TrainingContext.defaults())) {
      assertThat(f.provenance().testMetrics().mse()).isZero();
      assertThat(f.forecast(constant(30).values(0, 24), 24)).containsOnly(5.0, 7.0);
    }
  }

  @Test
  void unknownTypesAndBadSettingsAreNamed() {
    TimeSeriesFrame frame = BaselinesTest.hourly(300);
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("prophet", 24, 8, SplitRule.AUTO,
        Map.of()), TrainingContext.defaults()))
        .isInstanceOf(UnknownModelTypeException.class)
        .hasMessageStartingWith("unknown model type 'prophet'; known types: olinear, ")
        .hasMessageContaining("naive");
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("naive", 0, 8, SplitRule.AUTO,
        Map.of()), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("seq_len and pred_len must be between 1 and 100000, got 0 and 8");
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("olinear", 24, 8, SplitRule.AUTO,
        Map.of("epochs", "2000000000")), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("setting 'epochs' of model type 'olinear' must be between 1 and 10000, got '2000000000'");
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("olinear", 24, 8, SplitRule.AUTO,
        Map.of("preset", "paper")), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("no paper settings for 'hourly.csv'");
  }

  @Test
  void evaluatingOtherColumnsIsRefused() {
    try (FittedForecaster f = ForecastPipeline.train(BaselinesTest.hourly(300), "sha",
        new TrainingSpec("mean", 24, 8, SplitRule.AUTO, Map.of()), TrainingContext.defaults())) {
      TimeSeriesFrame other = TimeSeriesCsvReader.read("other.csv",
          ("date,b,OT\n" + "2021-01-01 00:00:00,1,2\n".repeat(1)).getBytes(StandardCharsets.UTF_8),
          CsvLoadOptions.defaults());
      assertThatThrownBy(() -> ForecastPipeline.evaluate(f, other, "x", null))
          .isInstanceOf(IncompatibleDataException.class)
          .hasMessage("other.csv has columns [b, OT] but the model was trained on [a, OT]");
    }
  }

  @Test
  void aNetworkTooLargeToTrainIsRefusedBeforeAnythingIsAllocated() {
    TimeSeriesFrame frame = BaselinesTest.hourly(300);
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("olinear", 24, 8, SplitRule.AUTO,
        Map.of("dModel", 8192, "dFf", 32768, "eLayers", 16)), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("model type 'olinear' with these settings would have 10,743,374,036 parameters (about 171.9 GB")
        .hasMessageContaining("at most 100,000,000 are accepted: lower dModel, dFf, eLayers or embedSize, or the lengths");
    // refused for its size, before the 300-row file is found too short for 50,000-step windows
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("linear", 50_000, 50_000,
        SplitRule.AUTO, Map.of()), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("model type 'linear' with these settings would have 2,500,050,000 parameters");
  }
}
