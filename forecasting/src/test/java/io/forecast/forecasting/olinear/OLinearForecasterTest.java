package io.forecast.forecasting.olinear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.PreparedSeries;
import io.forecast.data.Split;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.util.Map;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.training.LearningRateSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fit → save → load → predict on a small synthetic series. */
class OLinearForecasterTest {
  static final int SEQ = 24;
  static final int PRED = 8;
  static PreparedSeries series;
  static Map<String, Object> settings;

  @BeforeAll
  static void data() {
    StringBuilder csv = new StringBuilder("date,a,b,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < 420; i++) {
      double s = Math.sin(2 * Math.PI * i / 24.0);
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", 10 + 3 * s + 0.1 * rnd.nextGaussian(),
              Math.cos(2 * Math.PI * i / 12.0) + 0.1 * rnd.nextGaussian(), 20 + s + 0.01 * i));
    }
    TimeSeriesFrame frame = TimeSeriesCsvReader.read("synthetic.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
    series = PreparedSeries.prepare(frame, SplitRule.AUTO, SEQ, PRED);
    settings = Map.of("dModel", 16, "dFf", 16, "embedSize", 4, "epochs", 3, "batchSize", 16, "learningRate", 1e-2,
        "lradj", "type3", "patience", 3);
  }

  static FittedForecaster fit(Map<String, Object> s) {
    return ForecastPipeline.train(series.frame(), "sha", new TrainingSpec("olinear", SEQ, PRED, SplitRule.AUTO, s),
        TrainingContext.defaults().withSeed(7));
  }

  @Test
  void saveLoadPredictIsBitIdentical(@TempDir Path dir) throws IOException {
    Path modelDir = dir.resolve("m");
    try (FittedForecaster fitted = fit(settings)) {
      AtomicDirectory.write(modelDir, false, fitted::save);
      float[] before = fitted.predictScaled(series.windows(Split.TEST));
      double[] history = series.frame().values(0, 50);
      double[] forecastBefore = fitted.forecast(history, 50);
      try (Forecaster loaded = ForecasterTypes.load(modelDir)) {
        assertThat(loaded.predictScaled(series.windows(Split.TEST))).containsExactly(before);
        assertThat(loaded.forecast(history, 50)).containsExactly(forecastBefore);
        assertThat(loaded.card()).isEqualTo(fitted.card());
        assertThat(loaded.provenance().testMetrics().mse()).isEqualTo(fitted.provenance().testMetrics().mse());
        assertThat(loaded.provenance().curve()).isEqualTo(fitted.provenance().curve());
        assertThat(loaded.provenance().data().sha256()).isEqualTo("sha");
        assertThat(loaded.provenance().libraries()).containsKeys("java", "djl", "ejml", "tribuo");
        assertThat(loaded.scaler().mean()).containsExactly(fitted.scaler().mean());
      }
      assertThat(fitted.provenance().curve()).hasSize(3);
      assertThat(fitted.provenance().testMetrics().windows()).isEqualTo(series.windows(Split.TEST).count());
      assertThat(fitted.provenance().testMetrics().perColumn()).containsOnlyKeys("a", "b", "OT");
      assertThat(forecastBefore).hasSize(PRED * 3);
      assertThat(fitted.provenance().details().get("rows")).isEqualTo(series.boundaries().trainEnd());
    }
    assertThat(Files.list(dir).count()).as("no temporary left behind").isEqualTo(1);
  }

  @Test
  void sameSeedSameModel() {
    try (FittedForecaster a = fit(settings);
        FittedForecaster b = fit(settings)) {
      assertThat(a.provenance().curve()).hasSize(3);
      for (int e = 0; e < 3; e++) {
        assertThat(a.provenance().curve().get(e).trainLoss()).isEqualTo(b.provenance().curve().get(e).trainLoss());
        assertThat(a.provenance().curve().get(e).valLoss()).isEqualTo(b.provenance().curve().get(e).valLoss());
      }
      assertThat(a.predictScaled(series.windows(Split.VAL))).containsExactly(b.predictScaled(series.windows(Split.VAL)));
    }
  }

  @Test
  void forecastRejectsBadHistory() {
    Map<String, Object> oneEpoch = new java.util.HashMap<>(settings);
    oneEpoch.put("epochs", 1);
    try (FittedForecaster f = fit(oneEpoch)) {
      assertThatThrownBy(() -> f.forecast(new double[10 * 3], 10))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least seq_len = 24");
      assertThatThrownBy(() -> f.forecast(new double[30 * 2], 30))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 30 rows × 3 columns");
      double[] h = series.frame().values(0, 30);
      h[40] = Double.NaN;
      assertThatThrownBy(() -> f.forecast(h, 30))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'b'").hasMessageContaining("NaN");
    }
  }

  @Test
  void loadRejectsWhatIsNotAModel(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> ForecasterTypes.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("not a model directory");
    Files.writeString(dir.resolve(ModelFiles.MODEL), "{\"format\": 1, \"type\": \"prophet\"}");
    assertThatThrownBy(() -> ForecasterTypes.load(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining("unknown model type 'prophet'");
    Files.writeString(dir.resolve(ModelFiles.MODEL), "{\"format\": 9, \"type\": \"olinear\"}");
    assertThatThrownBy(() -> ForecasterTypes.load(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining("unsupported model format 9");
  }

  @Test
  void paperPresetFollowsTheOfficialScripts() {
    OLinearSettings h1 = OLinearPresets.paper("ETTh1.csv", 720);
    assertThat(h1.learningRate()).isEqualTo(1e-4);
    assertThat(h1.eLayers()).isEqualTo(2);
    assertThat(h1.modelConfig(96, 96, 7).parameterCount()).isEqualTo(4_518_944L);
    assertThat(OLinearPresets.paper("/x/ETTm2.csv", 96).modelConfig(96, 96, 7).parameterCount()).isEqualTo(3_466_223L);
    OLinearSettings w = OLinearPresets.paper("weather.csv", 96);
    assertThat(w.schedule()).isEqualTo(LearningRateSchedule.TYPE3);
    assertThat(w.patience()).isEqualTo(5);
    assertThat(OLinearPresets.paper("exchange_rate.csv", 192).dModel()).isEqualTo(128);
    assertThat(OLinearPresets.paper("electricity.csv", 336).epochs()).isEqualTo(50);
    assertThatThrownBy(() -> OLinearPresets.paper("sales.csv", 96))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no paper settings for 'sales.csv'");
    OLinearSettings paper = OLinearPresets.paper("ETTh1.csv", 96);
    assertThat(OLinearOverrides.none().applyTo(paper)).isEqualTo(paper);
    OLinearSettings small = new OLinearOverrides(2, 5L, null, LearningRateSchedule.COSINE, null, null, 64, null, 1,
        null, null, 0.6, false).applyTo(paper);
    assertThat(small.dModel()).isEqualTo(64);
    assertThat(small.dFf()).as("d_ff follows d_model").isEqualTo(64);
    assertThat(small.epochs()).isEqualTo(2);
    assertThat(small.seed()).isEqualTo(5L);
    assertThat(small.schedule()).isEqualTo(LearningRateSchedule.COSINE);
    assertThat(small.qRatio()).isEqualTo(0.6);
    assertThat(small.rank1Shortcut()).isFalse();
    assertThat(small.learningRate()).as("kept from the preset").isEqualTo(5e-4);
    assertThatThrownBy(() -> new OLinearOverrides(0, null, null, null, null, null, null, null, null, null, null, null,
        null).applyTo(paper)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
    assertThatThrownBy(() -> OLinearPresets.forName("huge", "x.csv", 96))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown preset 'huge'");
  }
}
