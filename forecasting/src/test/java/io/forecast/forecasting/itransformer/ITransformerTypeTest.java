package io.forecast.forecasting.itransformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.transformer.EncoderPredictor;
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

/** The model type through the common pipeline on a small synthetic series (4 columns, so qontot fits). */
class ITransformerTypeTest {
  static final int SEQ = 24;
  static final int PRED = 8;
  static final ITransformerType TYPE = new ITransformerType();
  static TimeSeriesFrame frame;
  static PreparedSeries series;

  @BeforeAll
  static void data() {
    StringBuilder csv = new StringBuilder("date,a,b,c,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    Random rnd = new Random(1);
    for (int i = 0; i < 420; i++) {
      double s = Math.sin(2 * Math.PI * i / 24.0);
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f%n", 10 + 3 * s + 0.1 * rnd.nextGaussian(),
              Math.cos(2 * Math.PI * i / 12.0) + 0.1 * rnd.nextGaussian(), 5 - s + 0.1 * rnd.nextGaussian(),
              20 + s + 0.01 * i));
    }
    frame = TimeSeriesCsvReader.read("synthetic.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
    series = PreparedSeries.prepare(frame, SplitRule.AUTO, SEQ, PRED);
  }

  static Map<String, Object> small(Map<String, Object> extra) {
    Map<String, Object> s = new HashMap<>(Map.of("dModel", 16, "dFf", 16, "nHeads", 2, "eLayers", 1, "epochs", 2,
        "batchSize", 16, "learningRate", 1e-3));
    s.putAll(extra);
    return s;
  }

  static FittedForecaster train(String type, Map<String, Object> settings) {
    return ForecastPipeline.train(frame, "sha", new TrainingSpec(type, SEQ, PRED, SplitRule.AUTO, settings),
        TrainingContext.defaults().withSeed(7));
  }

  @Test
  void isRegisteredWithTheOfficialEtth1Defaults() {
    assertThat(ForecasterTypes.get("itransformer")).isInstanceOf(ITransformerType.class);
    Map<String, Object> d = TYPE.settings().resolve(Map.of()).asMap();
    // thuml/iTransformer scripts/multivariate_forecasting/ETT/iTransformer_ETTh1.sh and run.py
    assertThat(d).containsEntry("dModel", 256).containsEntry("dFf", 256).containsEntry("eLayers", 2)
        .containsEntry("nHeads", 8).containsEntry("dropout", 0.1).containsEntry("epochs", 10)
        .containsEntry("batchSize", 32).containsEntry("learningRate", 1e-4).containsEntry("lradj", "type1")
        .containsEntry("patience", 3).containsEntry("loss", "mse").containsEntry("optimizer", "adam")
        .containsEntry("attention", "softmax").containsEntry("iterations", null);
    assertThat(TYPE.settings().settings().stream().filter(s -> s.name().equals("attention")).findFirst()
        .orElseThrow().choices()).isEqualTo(AttentionOperators.names());
  }

  @Test
  void saveLoadForecastAndEvaluateReproduceTheTrainedModel(@TempDir Path dir) throws IOException {
    Path modelDir = dir.resolve("m");
    try (FittedForecaster fitted = train("itransformer", small(Map.of()))) {
      AtomicDirectory.write(modelDir, false, fitted::save);
      float[] before = fitted.predictScaled(series.windows(Split.TEST));
      double[] history = frame.values(0, 50);
      double[] forecastBefore = fitted.forecast(history, 50);
      assertThat(fitted.settings()).containsEntry("attention", "softmax").doesNotContainKey("iterations");
      try (Forecaster loaded = ForecasterTypes.load(modelDir)) {
        assertThat(loaded.predictScaled(series.windows(Split.TEST))).containsExactly(before);
        assertThat(loaded.forecast(history, 50)).containsExactly(forecastBefore);
        assertThat(loaded.card()).isEqualTo(fitted.card());
        double mse = ForecastPipeline.evaluate(loaded, frame, "sha", SplitRule.AUTO).metrics().mse();
        assertThat(mse).isEqualTo(fitted.provenance().testMetrics().mse());
      }
    }
  }

  @Test
  void sameSeedSameModelAndTwoEpochsBeatTheMeanBaseline() {
    try (FittedForecaster a = train("itransformer", small(Map.of()));
        FittedForecaster b = train("itransformer", small(Map.of()));
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
   * Every registered operator fits 4 variate tokens: it trains (the training loss falls from the first
   * epoch to the second), and saves and loads bit for bit.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void everyOperatorTrainsSavesAndLoads(String operator, @TempDir Path dir) throws IOException {
    Map<String, Object> extra = new HashMap<>(Map.of("attention", operator, "epochs", 2, "patience", 2,
        "batchSize", 64));
    if (operator.equals("qontot")) {
      extra.put("layers", 2);
      extra.put("mode", "trainable");
    }
    FittedModel fitted = TYPE.fit(new TrainingData(series, "sha"), TYPE.settings().resolve(small(extra)),
        new TrainingContext(5, 0, null, null));
    try (ScaledModel model = fitted.model()) {
      assertThat(fitted.report().curve()).hasSize(2);
      assertThat(fitted.report().curve().get(1).trainLoss()).isFinite()
          .isLessThan(fitted.report().curve().get(0).trainLoss());
      // swapping the operator changes nothing else: by hand for T=24, d=16, d_ff=16, 1 layer, τ=8,
      // embedding 400 + attention 1088 + feed-forward 544 + 2 LayerNorms 64 + final LayerNorm 32 +
      // projector 136 = 2264, plus qontot's trainable circuit angles
      long own = operator.equals("qontot")
          ? new QontotAttention(2, -1, 0L, QontotAttention.Mode.TRAINABLE).parameterCount(4) : 0;
      assertThat(model.parameterCount()).isEqualTo(2264 + own);
      model.save(dir);
      SlidingWindows test = series.windows(Split.TEST);
      float[] before = model.predict(test, 0, test.count());
      Map<String, Object> json = new LinkedHashMap<>(model.settings());
      assertThat(json).containsEntry("attention", operator);
      ModelCard card = new ModelCard("itransformer", SEQ, PRED, List.of("a", "b", "c", "OT"), "OT", "date",
          "DATE_TIME_SECONDS", 3600);
      try (ScaledModel again = TYPE.load(dir, card, json)) {
        assertThat(again.predict(test, 0, test.count())).containsExactly(before);
      }
    }
  }

  @Test
  void sinkhornWithThreeIterationsTrainsAndIsDoublyStochastic() {
    Settings s = TYPE.settings().resolve(small(Map.of("attention", "sinkhorn", "iterations", "3", "epochs", 1)));
    FittedModel fitted = TYPE.fit(new TrainingData(series, "sha"), s, new TrainingContext(5, 0, null, null));
    try (EncoderPredictor<?> model = (EncoderPredictor<?>) fitted.model()) {
      assertThat(model.settings()).containsEntry("iterations", 3).containsEntry("eps", 1.0)
          .containsEntry("float32-marginals", false).doesNotContainKey("bias");
      SlidingWindows test = series.windows(Split.TEST);
      int n = 4;
      float[] input = new float[3 * SEQ * n];
      for (int w = 0; w < 3; w++) {
        test.copyInput(w, input, w * SEQ * n);
      }
      List<float[]> weights = model.network().attentionWeights(input, 3);
      assertThat(weights).hasSize(1);
      float[] a = weights.get(0); // [3, H=2, 4, 4]
      assertThat(a).hasSize(3 * 2 * n * n);
      for (int m = 0; m < 3 * 2; m++) {
        for (int i = 0; i < n; i++) {
          double row = 0;
          double col = 0;
          for (int j = 0; j < n; j++) {
            row += a[m * n * n + i * n + j];
            col += a[m * n * n + j * n + i];
          }
          // 3 iterations end on a row step: rows exact, columns from the step before, nearly 1
          assertThat(row).isCloseTo(1.0, within(1e-5));
          assertThat(col).isCloseTo(1.0, within(0.05));
        }
      }
    }
  }

  @Test
  void operatorParametersAreCheckedByTheOperator() {
    assertThatThrownBy(() -> check(Map.of("attention", "softmax", "iterations", "3"), 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("model type 'itransformer': attention operator 'softmax' has no parameter 'iterations' "
            + "(it takes none)");
    assertThatThrownBy(() -> check(Map.of("attention", "sinkhorn", "bias", "2"), 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("model type 'itransformer': attention operator 'sinkhorn' has no parameter 'bias'; its "
            + "parameters: iterations, eps, float32-marginals");
    assertThatThrownBy(() -> check(Map.of("attention", "delta", "mode", "static"), 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("model type 'itransformer': attention operator 'delta': parameter 'mode' must be one of "
            + "delta, sparse-only, got 'static'");
    assertThatThrownBy(() -> check(Map.of("attention", "sinkhorn", "iterations", "0"), 7))
        .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'iterations' of model type "
            + "'itransformer' must be between 1 and ");
    assertThatThrownBy(() -> check(Map.of("attention", "flash"), 7)).isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("setting 'attention' of model type 'itransformer' must be one of softmax, sinkhorn");
    check(Map.of("attention", "sinkhorn", "iterations", "5", "eps", "0.5"), 7);
  }

  @Test
  void qontotNeedsFourEightOrSixteenColumns() {
    assertThatThrownBy(() -> check(Map.of("attention", "qontot"), 7)).isInstanceOf(InvalidSettingsException.class)
        .hasMessage("attention 'qontot' of model type 'itransformer' works only with 4, 8 or 16 tokens, and "
            + "itransformer has one token per column: these data have 7 columns");
    check(Map.of("attention", "qontot"), 8);
    // refused by the pipeline before training: the synthetic frame has 4 columns, a 3-column slice does not fit
    StringBuilder csv = new StringBuilder("date,a,b,OT\n");
    for (int i = 0; i < 200; i++) {
      csv.append(LocalDateTime.of(2021, 1, 1, 0, 0).plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(Math.sin(i / 3.0)).append(',').append(Math.cos(i / 5.0)).append(',').append(i % 7).append('\n');
    }
    TimeSeriesFrame three = TimeSeriesCsvReader.read("three.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
    assertThatThrownBy(() -> ForecastPipeline.train(three, "sha",
        new TrainingSpec("itransformer", SEQ, PRED, SplitRule.AUTO, small(Map.of("attention", "qontot"))),
        TrainingContext.defaults())).isInstanceOf(InvalidSettingsException.class)
        .hasMessageEndingWith("these data have 3 columns");
  }

  @Test
  void monarchBlocksMustFitTheColumns() {
    // 7 columns, 7 tokens: round(√7) = 3
    assertThatThrownBy(() -> check(Map.of("attention", "monarch", "block-size", 8), 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("attention 'monarch' of model type 'itransformer': setting 'block-size' must be from 1 to N = 7 "
            + "(one token per column; N is softmax; a block size that does not divide N pads) or 0 for round(√N) = 3, "
            + "got 8");
    check(Map.of("attention", "monarch", "block-size", 7), 7);
    check(Map.of("attention", "monarch", "block-size", 0), 7);
  }

  @Test
  void headsMustDivideTheWidth() {
    assertThatThrownBy(() -> check(Map.of("dModel", 10, "nHeads", 4), 7)).isInstanceOf(InvalidSettingsException.class)
        .hasMessage("setting 'nHeads' of model type 'itransformer' must divide dModel 10 (each head gets "
            + "dModel/nHeads features), got 4");
  }

  private static void check(Map<String, Object> raw, int columns) {
    TYPE.checkSettings(TYPE.settings().resolve(raw), "data.csv", 96, 96, columns);
  }
}
