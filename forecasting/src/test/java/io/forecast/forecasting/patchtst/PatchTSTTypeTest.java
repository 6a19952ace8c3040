package io.forecast.forecasting.patchtst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.attention.qontot.QontotAttention;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.data.CsvLoadOptions;
import io.forecast.data.PreparedSeries;
import io.forecast.data.SlidingWindows;
import io.forecast.data.Split;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.FittedModel;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.ScaledModel;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The model type through the common pipeline on a small synthetic series (3 columns, 32 → 8, 7 patches). */
class PatchTSTTypeTest {
  static final int SEQ = 32;
  static final int PRED = 8;
  static final PatchTSTType TYPE = new PatchTSTType();
  static TimeSeriesFrame frame;
  static PreparedSeries series;

  @BeforeAll
  static void data() {
    StringBuilder csv = new StringBuilder("date,a,b,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    Random rnd = new Random(1);
    for (int i = 0; i < 400; i++) {
      double s = Math.sin(2 * Math.PI * i / 24.0);
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", 10 + 3 * s + 0.1 * rnd.nextGaussian(),
              Math.cos(2 * Math.PI * i / 12.0) + 0.1 * rnd.nextGaussian(), 20 + s + 0.01 * i));
    }
    frame = TimeSeriesCsvReader.read("synthetic.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
    series = PreparedSeries.prepare(frame, SplitRule.AUTO, SEQ, PRED);
  }

  /** Small sizes; patch 8, stride 4: N = (32 − 8)/4 + 2 = 8 patches. */
  static Map<String, Object> small(Map<String, Object> extra) {
    Map<String, Object> s = new HashMap<>(Map.of("dModel", 16, "dFf", 16, "nHeads", 2, "eLayers", 1, "epochs", 2,
        "batchSize", 32, "learningRate", 1e-3, "patchLen", 8, "stride", 4));
    s.putAll(extra);
    return s;
  }

  static FittedForecaster train(String type, Map<String, Object> settings) {
    return ForecastPipeline.train(frame, "sha", new TrainingSpec(type, SEQ, PRED, SplitRule.AUTO, settings),
        TrainingContext.defaults().withSeed(7));
  }

  @Test
  void isRegisteredWithTheTslibEtth1Defaults() {
    assertThat(ForecasterTypes.get("patchtst")).isInstanceOf(PatchTSTType.class);
    Map<String, Object> d = TYPE.settings().resolve(Map.of()).asMap();
    // TSLib scripts/long_term_forecast/ETT_script/PatchTST_ETTh1.sh (96→96) and run.py
    assertThat(d).containsEntry("dModel", 512).containsEntry("dFf", 2048).containsEntry("eLayers", 1)
        .containsEntry("nHeads", 2).containsEntry("dropout", 0.1).containsEntry("patchLen", 16)
        .containsEntry("stride", 8).containsEntry("epochs", 10).containsEntry("batchSize", 32)
        .containsEntry("learningRate", 1e-4).containsEntry("lradj", "type1").containsEntry("patience", 3)
        .containsEntry("attention", "softmax").containsEntry("block-size", null);
    assertThat(TYPE.settings().settings().stream().filter(s -> s.name().equals("attention")).findFirst()
        .orElseThrow().choices()).isEqualTo(AttentionOperators.names());
  }

  @Test
  void saveLoadForecastAndEvaluateReproduceTheTrainedModel(@TempDir Path dir) throws IOException {
    Path modelDir = dir.resolve("m");
    try (FittedForecaster fitted = train("patchtst", small(Map.of("epochs", 1)))) {
      AtomicDirectory.write(modelDir, false, fitted::save);
      float[] before = fitted.predictScaled(series.windows(Split.TEST));
      double[] history = frame.values(0, 50);
      double[] forecastBefore = fitted.forecast(history, 50);
      try (Forecaster loaded = ForecasterTypes.load(modelDir)) {
        assertThat(loaded.predictScaled(series.windows(Split.TEST))).containsExactly(before);
        assertThat(loaded.forecast(history, 50)).containsExactly(forecastBefore);
        double mse = ForecastPipeline.evaluate(loaded, frame, "sha", SplitRule.AUTO).metrics().mse();
        assertThat(mse).isEqualTo(fitted.provenance().testMetrics().mse());
      }
    }
  }

  @Test
  void sameSeedSameModelAndTwoEpochsBeatTheMeanBaseline() {
    try (FittedForecaster a = train("patchtst", small(Map.of()));
        FittedForecaster b = train("patchtst", small(Map.of()));
        FittedForecaster mean = train("mean", Map.of())) {
      assertThat(a.provenance().curve()).hasSize(2);
      for (int e = 0; e < 2; e++) {
        assertThat(a.provenance().curve().get(e).trainLoss()).isEqualTo(b.provenance().curve().get(e).trainLoss());
        assertThat(a.provenance().curve().get(e).valLoss()).isEqualTo(b.provenance().curve().get(e).valLoss());
      }
      assertThat(a.predictScaled(series.windows(Split.VAL))).containsExactly(b.predictScaled(series.windows(Split.VAL)));
      assertThat(a.provenance().curve().get(1).trainLoss()).isLessThan(a.provenance().curve().get(0).trainLoss());
      assertThat(a.provenance().testMetrics().mse()).isLessThan(mean.provenance().testMetrics().mse());
    }
  }

  static List<String> operators() {
    return AttentionOperators.names();
  }

  /**
   * Every registered operator fits the 8 patches (delta with a window of 2 and γ = 4, monarch with blocks of
   * 4, qontot with its trainable angles, one layer, one auxiliary qubit): it trains (the training loss falls from the first epoch to the
   * second), its parameter count is the softmax model's plus only the operator's own, and it saves and
   * loads bit for bit.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void everyOperatorTrainsSavesAndLoads(String operator, @TempDir Path dir) throws IOException {
    Map<String, Object> extra = new HashMap<>(Map.of("attention", operator, "epochs", 2, "patience", 2,
        "batchSize", 64));
    if (operator.equals("delta")) {
      extra.putAll(Map.of("window", 2, "gamma", 4));
    } else if (operator.equals("monarch")) {
      extra.put("block-size", 4);
    } else if (operator.equals("qontot")) {
      // one layer and one auxiliary qubit keep the simulated circuit small (8 tokens: 3 + 1 qubits)
      extra.putAll(Map.of("layers", 1, "aux-qubits", 1, "mode", "trainable"));
    }
    FittedModel fitted = TYPE.fit(new TrainingData(series, "sha"), TYPE.settings().resolve(small(extra)),
        new TrainingContext(5, 0, null, null));
    try (ScaledModel model = fitted.model()) {
      assertThat(fitted.report().curve()).hasSize(2);
      assertThat(fitted.report().curve().get(1).trainLoss()).isFinite()
          .isLessThan(fitted.report().curve().get(0).trainLoss());
      assertThat(fitted.report().details()).containsEntry("patches", 8);
      // by hand for P=8, N=8, d=16, d_ff=16, 1 layer, τ=8: embedding 8·16 = 128 (no bias) + attention
      // 4·(16·16 + 16) = 1088 + feed-forward 544 + 2 LayerNorms 64 + BatchNorm γ, β 32 + head 16·8·8 + 8 =
      // 1032 = 2888, plus qontot's trainable circuit angles
      long own = operator.equals("qontot")
          ? new QontotAttention(1, 1, 0L, QontotAttention.Mode.TRAINABLE).parameterCount(8) : 0;
      assertThat(model.parameterCount()).isEqualTo(2888 + own);
      model.save(dir);
      SlidingWindows test = series.windows(Split.TEST);
      float[] before = model.predict(test, 0, test.count());
      Map<String, Object> json = new LinkedHashMap<>(model.settings());
      assertThat(json).containsEntry("attention", operator);
      ModelCard card = new ModelCard("patchtst", SEQ, PRED, List.of("a", "b", "OT"), "OT", "date",
          "DATE_TIME_SECONDS", 3600);
      try (ScaledModel again = TYPE.load(dir, card, json)) {
        assertThat(again.predict(test, 0, test.count())).containsExactly(before);
      }
    }
  }

  @Test
  void qontotNeedsFourEightOrSixteenPatchesAndSaysWhichSeqLenGivesThem() {
    // seq 128, patch = stride = 16: (128 − 16)/16 + 2 = 9 patches; 8 patches from (seq − 16)/16 + 2 = 8,
    // i.e. seq from 16 + 6·16 = 112 to 127; 4 from 48 to 63; 16 from 240 to 255
    Map<String, Object> qontot = Map.of("attention", "qontot", "patchLen", 16, "stride", 16);
    assertThatThrownBy(() -> check(qontot, 128)).isInstanceOf(InvalidSettingsException.class)
        .hasMessage("attention 'qontot' of model type 'patchtst' works only with 4, 8 or 16 patches, but seqLen 128, "
            + "patchLen 16 and stride 16 give N = floor((seqLen − patchLen)/stride) + 2 = 9 patches (the input is "
            + "padded with stride repeats of its last value); with this patchLen and stride, seqLen 48 to 63 gives 4, "
            + "seqLen 112 to 127 gives 8, seqLen 240 to 255 gives 16 (or change patchLen or stride)");
    check(qontot, 112);
    check(qontot, 127);
    // the defaults (patch 16, stride 8) at seq 96 give 12 patches
    assertThatThrownBy(() -> check(Map.of("attention", "qontot"), 96)).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("give N = floor((seqLen − patchLen)/stride) + 2 = 12 patches");
  }

  @Test
  void monarchBlocksAndDeltaWindowsMustFitThePatches() {
    // defaults at seq 96: 12 patches
    assertThatThrownBy(() -> check(Map.of("attention", "monarch", "block-size", 13), 96))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("attention 'monarch' of model type 'patchtst': setting 'block-size' must be from 1 to "
            + "N = 12 (N is softmax; a block size that does not divide N pads) or 0 for round(√N) = 3, got 13: seqLen 96");
    check(Map.of("attention", "monarch", "block-size", 12), 96);
    check(Map.of("attention", "monarch", "block-size", 5), 96);
    assertThatThrownBy(() -> check(Map.of("attention", "delta", "window", 13), 96))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("attention 'delta' of model type 'patchtst': settings 'window' and 'sinks' count "
            + "patches and must be at most N = 12 (window N already covers every key), got window 13 and sinks 1");
    check(Map.of("attention", "delta", "window", 12, "gamma", 16), 96);
  }

  @Test
  void patchesAndHeadsAreChecked() {
    assertThatThrownBy(() -> check(Map.of("patchLen", 30, "stride", 4), 24))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("setting 'patchLen' of model type 'patchtst' must be at most seqLen + stride = 28 (the padded "
            + "input holds no whole patch), got 30");
    assertThatThrownBy(() -> check(Map.of("dModel", 10, "nHeads", 4), 96)).isInstanceOf(InvalidSettingsException.class)
        .hasMessage("setting 'nHeads' of model type 'patchtst' must divide dModel 10 (each head gets "
            + "dModel/nHeads features), got 4");
    assertThatThrownBy(() -> check(Map.of("attention", "softmax", "iterations", "3"), 96))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("model type 'patchtst': attention operator 'softmax' has no parameter 'iterations' "
            + "(it takes none)");
  }

  private static void check(Map<String, Object> raw, int seqLen) {
    TYPE.checkSettings(TYPE.settings().resolve(raw), "data.csv", seqLen, 96, 7);
  }
}
