package io.forecast.forecasting.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import io.forecast.data.CsvLoadOptions;
import io.forecast.data.PreparedSeries;
import io.forecast.data.SlidingWindows;
import io.forecast.data.Split;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedModel;
import io.forecast.forecasting.ForecasterType;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.ScaledModel;
import io.forecast.forecasting.Setting;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.TrainingReport;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Fit → save → load for each linear type on a small synthetic series, and settings checks. */
class LinearTypesTest {
  static final int SEQ = 24;
  static final int PRED = 12;
  static PreparedSeries series;

  @BeforeAll
  static void data() {
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    Random rnd = new Random(1);
    for (int i = 0; i < 400; i++) {
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(String.format(Locale.ROOT, "%.5f,%.5f%n",
              5 + 2 * Math.sin(2 * Math.PI * i / 24.0) + 0.05 * rnd.nextGaussian(),
              Math.sin(2 * Math.PI * i / 12.0 + 1) + 0.002 * i + 0.05 * rnd.nextGaussian()));
    }
    TimeSeriesFrame frame = TimeSeriesCsvReader.read("synthetic.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
    series = PreparedSeries.prepare(frame, SplitRule.AUTO, SEQ, PRED);
  }

  static ForecasterType type(String name) {
    return switch (name) {
      case "linear" -> new LinearType();
      case "nlinear" -> new NLinearType();
      case "dlinear" -> new DLinearType();
      case "rlinear" -> new RLinearType();
      default -> throw new IllegalArgumentException(name);
    };
  }

  static Settings settings(ForecasterType type, Map<String, Object> extra) {
    Map<String, Object> raw = new HashMap<>(Map.of("epochs", 3, "learningRate", 0.005));
    raw.putAll(extra);
    return type.settings().resolve(raw);
  }

  static ModelCard card(String name) {
    return new ModelCard(name, SEQ, PRED, List.of("a", "OT"), "OT", "date", "DATE_TIME_SECONDS", 3600);
  }

  /** Records what a fit reports. */
  static final class Recorder implements TrainingProgress {
    int started = -1;
    final List<Integer> epochs = new ArrayList<>();

    @Override
    public void trainingStarted(int maxEpochs) {
      started = maxEpochs;
    }

    @Override
    public void epochFinished(int epoch, double trainLoss, double validationLoss, double learningRate, double seconds) {
      epochs.add(epoch);
    }
  }

  static float[] inputs(SlidingWindows windows) {
    int size = SEQ * windows.columns();
    float[] out = new float[windows.count() * size];
    for (int i = 0; i < windows.count(); i++) {
      windows.copyInput(i, out, i * size);
    }
    return out;
  }

  static float[] draws(long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    try (NDManager m = NDManager.newBaseManager()) {
      return m.randomUniform(0, 1, new Shape(32)).toFloatArray();
    }
  }

  static float[] drawsAfterLoading(long seed, ForecasterType type, Path dir, Map<String, Object> json,
      ScaledModel[] loaded) throws IOException {
    Engine.getInstance().setRandomSeed((int) seed);
    loaded[0] = type.load(dir, card(type.name()), json);
    try (NDManager m = NDManager.newBaseManager()) {
      return m.randomUniform(0, 1, new Shape(32)).toFloatArray();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"linear", "nlinear", "dlinear", "rlinear"})
  void fitSaveLoadIsBitIdenticalAndLeavesTheGeneratorAlone(String name, @TempDir Path dir) throws IOException {
    ForecasterType type = type(name);
    Recorder recorder = new Recorder();
    FittedModel fitted = type.fit(new TrainingData(series, "sha"), settings(type, Map.of()),
        new TrainingContext(7, 0, recorder, null));
    try (ScaledModel model = fitted.model()) {
      TrainingReport report = fitted.report();
      assertThat(recorder.started).isEqualTo(3);
      assertThat(recorder.epochs).containsExactly(1, 2, 3);
      assertThat(report.curve()).hasSize(3);
      assertThat(report.stopReason()).isEqualTo("COMPLETED");
      List<Double> val = report.curve().stream().map(ModelProvenance.Epoch::valLoss).toList();
      assertThat(val).allMatch(Double::isFinite);
      assertThat(val.get(2)).as("validation losses %s", val).isLessThan(val.get(0));
      assertThat(val.get(1)).as("validation losses %s", val).isLessThan(val.get(0));
      assertThat(report.details()).containsEntry("parameters", model.parameterCount());

      Map<String, Object> json = ModelFiles.JSON.readValue(ModelFiles.JSON.writeValueAsString(model.settings()),
          new TypeReference<LinkedHashMap<String, Object>>() { });
      assertThat(json).containsEntry("individual", false).containsEntry("epochs", 3);
      model.save(dir);
      assertThat(dir.resolve(ModelFiles.WEIGHTS)).isRegularFile();

      SlidingWindows test = series.windows(Split.TEST);
      float[] before = model.predict(test, 0, test.count());
      float[] raw = model.predict(inputs(test), test.count());
      // a different batching may round differently: close, not bit-identical
      assertThat(raw).containsExactly(before, org.assertj.core.api.Assertions.within(1e-5f));

      float[] expectedDraws = draws(99);
      ScaledModel[] loaded = new ScaledModel[1];
      float[] drawsAfter = drawsAfterLoading(99, type, dir, json, loaded);
      try (ScaledModel again = loaded[0]) {
        assertThat(drawsAfter).as("loading must not consume the engine's random stream").containsExactly(expectedDraws);
        assertThat(again.predict(test, 0, test.count())).containsExactly(before);
        assertThat(again.predict(inputs(test), test.count())).containsExactly(raw);
        assertThat(again.parameterCount()).isEqualTo(model.parameterCount());
        assertThat(again.settings()).isEqualTo(model.settings());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nlinear", "rlinear"})
  void sameSeedSameModel(String name) {
    ForecasterType type = type(name);
    Settings s = settings(type, Map.of("epochs", 2, "individual", true));
    TrainingData data = new TrainingData(series, "sha");
    FittedModel a = type.fit(data, s, new TrainingContext(3, 0, null, null));
    FittedModel b = type.fit(data, s, new TrainingContext(3, 0, null, null));
    try (ScaledModel ma = a.model(); ScaledModel mb = b.model()) {
      for (int e = 0; e < 2; e++) {
        assertThat(a.report().curve().get(e).trainLoss()).isEqualTo(b.report().curve().get(e).trainLoss());
        assertThat(a.report().curve().get(e).valLoss()).isEqualTo(b.report().curve().get(e).valLoss());
      }
      SlidingWindows val = series.windows(Split.VAL);
      assertThat(ma.predict(val, 0, val.count())).containsExactly(mb.predict(val, 0, val.count()));
    }
  }

  @Test
  void dlinearRefusesEvenAndOverlongKernels() {
    DLinearType type = new DLinearType();
    TrainingData data = new TrainingData(series, "sha");
    assertThatThrownBy(() -> type.fit(data, settings(type, Map.of("kernel", 24)), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'kernel'").hasMessageContaining("odd")
        .hasMessageContaining("24");
    assertThatThrownBy(() -> type.fit(data, settings(type, Map.of("kernel", 49)), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'kernel'").hasMessageContaining("47");
    assertThat(type.config(settings(type, Map.of("kernel", 47)), SEQ, PRED, 2).kernel()).isEqualTo(47);
    assertThatThrownBy(() -> settings(type, Map.of("kernel", 0)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'kernel'");
  }

  @Test
  void unknownAndOutOfRangeSettingsAreRefusedByName() {
    assertThatThrownBy(() -> settings(new DLinearType(), Map.of("kernal", 25)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'kernal'").hasMessageContaining("kernel");
    assertThatThrownBy(() -> settings(new LinearType(), Map.of("kernel", 25)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'kernel'");
    assertThatThrownBy(() -> settings(new NLinearType(), Map.of("dropout", 0.1)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'dropout'");
    assertThatThrownBy(() -> settings(new RLinearType(), Map.of("dropout", 1.5)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'dropout'");
    assertThatThrownBy(() -> settings(new RLinearType(), Map.of("individual", "maybe")))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("'individual'");
  }

  @Test
  void schemasCarryTimeSeriesLibraryDefaults() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("epochs", 10);
    expected.put("batchSize", 32);
    expected.put("learningRate", 1e-4);
    expected.put("lradj", "type1");
    expected.put("patience", 3);
    expected.put("loss", "mse");
    expected.put("optimizer", "adam");
    expected.put("weightDecay", 0.0);
    expected.put("individual", false);
    for (String name : List.of("linear", "nlinear", "dlinear", "rlinear")) {
      Map<String, Object> defaults = new LinkedHashMap<>(expected);
      if (name.equals("dlinear")) {
        defaults.put("kernel", 25);
      }
      if (name.equals("rlinear")) {
        defaults.put("dropout", 0.1);
      }
      ForecasterType type = type(name);
      assertThat(type.name()).isEqualTo(name);
      assertThat(type.description()).isNotBlank();
      assertThat(type.settings().settings().stream().map(Setting::name).toList())
          .containsExactlyElementsOf(defaults.keySet());
      assertThat(type.settings().resolve(Map.of()).asMap()).isEqualTo(defaults);
    }
  }

  @Test
  void theFourTypesAreRegistered() {
    assertThat(ForecasterTypes.get("linear")).isInstanceOf(LinearType.class);
    assertThat(ForecasterTypes.get("nlinear")).isInstanceOf(NLinearType.class);
    assertThat(ForecasterTypes.get("dlinear")).isInstanceOf(DLinearType.class);
    assertThat(ForecasterTypes.get("rlinear")).isInstanceOf(RLinearType.class);
  }

  @Test
  void loadRefusesAnotherVariantsWeightsAndBadSettings(@TempDir Path dir) throws IOException {
    LinearType linear = new LinearType();
    FittedModel fitted = linear.fit(new TrainingData(series, "sha"), settings(linear, Map.of("epochs", 1)),
        TrainingContext.defaults());
    Map<String, Object> json;
    try (ScaledModel model = fitted.model()) {
      model.save(dir);
      json = new LinkedHashMap<>(model.settings());
    }
    assertThatThrownBy(() -> new NLinearType().load(dir, card("nlinear"), json))
        .isInstanceOf(IOException.class).hasMessageContaining("magic");
    Map<String, Object> dlinear = new LinkedHashMap<>(json);
    dlinear.put("kernel", 4);
    assertThatThrownBy(() -> new DLinearType().load(dir, card("dlinear"), dlinear))
        .isInstanceOf(IOException.class).hasMessageContaining("'kernel'");
    Map<String, Object> individual = new LinkedHashMap<>(json);
    individual.put("individual", true);
    assertThatThrownBy(() -> linear.load(dir, card("linear"), individual))
        .isInstanceOf(IOException.class).hasMessageContaining("different architecture");
    Files.delete(dir.resolve(ModelFiles.WEIGHTS));
    assertThatThrownBy(() -> linear.load(dir, card("linear"), json)).isInstanceOf(IOException.class);
  }
}
