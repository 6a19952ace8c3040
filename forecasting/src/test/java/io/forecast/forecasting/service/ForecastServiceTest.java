package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History checks, timestamps and job bookkeeping with a weightless model (no engine). */
class ForecastServiceTest {
  @TempDir Path root;
  ForecastService service;

  @BeforeEach
  void setUp() {
    ModelStore store = new ModelStore(root, StubForecaster::load);
    store.save("m", new StubForecaster(StubForecaster.card(3, 2, "a", "b")), false);
    service = new ForecastService(store, new ForecastServiceSettings(1, 100, 10, 8, 2), TrainingListener.NONE);
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  private static Map<String, double[]> columns(double[] a, double[] b) {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    return m;
  }

  @Test
  void forecastsContinueTheTimestampsAtTheModelsFrequency() {
    History h = new History(List.of("2016-07-01 00:00:00", "2016-07-01 01:00:00", "2016-07-01 02:00:00",
        "2016-07-01 03:00:00"), columns(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}));
    ForecastResult r = service.forecast("m", h);
    assertThat(r.predLen()).isEqualTo(2);
    assertThat(r.timestamps()).containsExactly("2016-07-01 04:00:00", "2016-07-01 05:00:00");
    assertThat(r.columns().keySet()).containsExactly("a", "b");
    assertThat(r.columns().get("a")).containsExactly(5, 6);
    assertThat(r.columns().get("b")).containsExactly(41, 42);
    assertThat(service.forecast("m", new History(null, h.columns())).timestamps()).isNull();
  }

  @Test
  void badHistoriesNameTheProblem() {
    assertThatThrownBy(() -> service.forecast("m", new History(null, Map.of("a", new double[3], "c", new double[3]))))
        .isInstanceOf(InvalidHistoryException.class).hasMessageContaining("missing [b]")
        .hasMessageContaining("unexpected [c]");
    assertThatThrownBy(() -> service.forecast("m", new History(null, columns(new double[] {1, 2, 3},
        new double[] {1, Double.NaN, 3})))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("column 'b', row 1 (0-based): missing value (null or NaN)");
    assertThatThrownBy(() -> service.forecast("m", History.ofBoxed(null, Map.of("a", List.of(1.0, 2.0, 3.0),
        "b", Arrays.asList(1.0, 2.0, null))))).hasMessageContaining("column 'b', row 2");
    assertThatThrownBy(() -> service.forecast("m", new History(null, columns(new double[3], new double[4]))))
        .isInstanceOf(InvalidHistoryException.class).hasMessageContaining("'a' has 3 values, 'b' has 4");
    assertThatThrownBy(() -> service.forecast("m", new History(null, columns(new double[2], new double[2]))))
        .isInstanceOfSatisfying(HistoryTooShortException.class, e -> assertThat(e.requiredRows()).isEqualTo(3))
        .hasMessage("history has 2 rows but model 'm' needs at least seqLen = 3 rows");
    assertThatThrownBy(() -> service.forecast("m", new History(List.of("2016-07-01 00:00:00", "2016-07-01 01:00:00",
        "yesterday"), columns(new double[3], new double[3])))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[2] 'yesterday' is not a timestamp; expected the model's layout yyyy-MM-dd HH:mm:ss");
    assertThatThrownBy(() -> service.forecast("m", new History(List.of("2016-07-01"),
        columns(new double[3], new double[3])))).hasMessageContaining("timestamps has 1 entries");
    assertThatThrownBy(() -> service.forecast("nope", new History(null, columns(new double[3], new double[3]))))
        .isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void csvUploadsForecastAfterTheirLastRow() {
    String csv = "date,a,b\n2020-01-01 00:00:00,1,10\n2020-01-01 01:00:00,2,20\n2020-01-01 02:00:00,3,30\n";
    ForecastResult r = service.forecastCsv("m", csv.getBytes(StandardCharsets.UTF_8), "h.csv");
    assertThat(r.timestamps()).containsExactly("2020-01-01 03:00:00", "2020-01-01 04:00:00");
    assertThat(r.columns().get("b")).containsExactly(31, 32);
  }

  @Test
  void trainingRequestsAreCheckedBeforeQueueing() {
    byte[] csv = "date,a,b\n2020-01-01 00:00:00,1,10\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> service.train(csv, "x.csv", TrainingRequest.of("m", null, 3, 2, Map.of())))
        .isInstanceOf(ModelAlreadyExistsException.class);
    assertThatThrownBy(() -> service.train(csv, "x.csv", TrainingRequest.of("../m", null, 3, 2, Map.of())))
        .isInstanceOf(InvalidModelIdException.class);
    assertThatThrownBy(() -> service.train(csv, "x.csv", TrainingRequest.of("n", null, 3, 2, Map.of("preset", "huge"))))
        .isInstanceOf(io.forecast.forecasting.InvalidSettingsException.class)
        .hasMessage("setting 'preset' of model type 'olinear' must be one of fast, paper, got 'huge'");
    assertThatThrownBy(() -> service.train(csv, "x.csv", TrainingRequest.of("n", "prophet", 3, 2, Map.of())))
        .isInstanceOf(io.forecast.forecasting.UnknownModelTypeException.class).hasMessageContaining("unknown model type 'prophet'");
    assertThatThrownBy(() -> service.train(csv, "x.csv", TrainingRequest.of("n", "naive", 3, 2, Map.of("kernel", 3))))
        .isInstanceOf(io.forecast.forecasting.InvalidSettingsException.class)
        .hasMessage("model type 'naive' has no setting 'kernel'; its settings: none");
    assertThatThrownBy(() -> service.train(csv, "x.csv", TrainingRequest.of("n", null, 3, 2, Map.of())))
        .isInstanceOf(io.forecast.data.DataException.class);
    assertThatThrownBy(() -> service.job("nope")).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> service.cancel("nope")).isInstanceOf(JobNotFoundException.class);
    assertThat(service.jobs()).isEmpty();
  }

  @Test
  void batchersOfModelsTheStoreClosesAreDropped() {
    ModelStore small = new ModelStore(root, StubForecaster::load, 1);
    small.save("m2", new StubForecaster(StubForecaster.card(3, 2, "a", "b")), false);
    try (ForecastService s = new ForecastService(small, new ForecastServiceSettings(1, 100, 10, 8, 2),
        TrainingListener.NONE)) {
      History h = new History(null, columns(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
      s.forecast("m", h);
      assertThat(s.batcherCount()).isEqualTo(1);
      s.forecast("m2", h); // the cache holds one model: m is evicted and closed, its batcher dropped
      assertThat(small.loadedCount()).isEqualTo(1);
      assertThat(s.batcherCount()).isEqualTo(1);
      small.delete("m2");
      assertThat(s.batcherCount()).isZero();
      assertThat(s.forecast("m", h).columns().get("a")).containsExactly(4, 5);
    }
  }

  private static History hourly(int rows) {
    List<String> ts = new java.util.ArrayList<>();
    for (int r = 0; r < rows; r++) {
      ts.add(java.time.LocalDateTime.of(2016, 7, 1, 0, 0).plusHours(r).toString().replace('T', ' ') + ":00");
    }
    return new History(ts, columns(new double[rows], new double[rows]));
  }

  @Test
  void jsonHistoriesOverTheRowLimitAreRefused() {
    assertThatThrownBy(() -> service.forecast("m", hourly(101))).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("history has 101 rows; at most 100 are accepted per forecast");
  }

  @Test
  void jsonHistoriesAtTheRowLimitAreForecast() {
    assertThat(service.forecast("m", hourly(100)).timestamps()).containsExactly("2016-07-05 04:00:00",
        "2016-07-05 05:00:00");
  }

  @Test
  void aJsonHistoryWithAnOutOfOrderTimestampIsRefused() {
    List<String> ts = new java.util.ArrayList<>(hourly(20).timestamps());
    ts.set(17, "2016-07-01 15:00:00");
    assertThatThrownBy(() -> service.forecast("m", new History(ts, hourly(20).columns())))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[17] '2016-07-01 15:00:00' is not after timestamps[16] '2016-07-01 16:00:00'");
  }

  @Test
  void aJsonHistoryOffTheModelsGridIsRefused() {
    List<String> ts = new java.util.ArrayList<>(hourly(20).timestamps());
    ts.set(19, "2016-07-01 19:30:00");
    assertThatThrownBy(() -> service.forecast("m", new History(ts, hourly(20).columns())))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("timestamps[19] '2016-07-01 19:30:00' is not one step (3600 s) after "
            + "timestamps[18] '2016-07-01 18:00:00'");
  }

  @Test
  void trainingAnIdThatExistsSaysSo() {
    byte[] csv = "date,a,b\n2020-01-01 00:00:00,1,10\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> service.train(csv, "x.csv", TrainingRequest.of("m", "naive", 3, 2, Map.of())))
        .isInstanceOf(ModelAlreadyExistsException.class)
        .hasMessage("a model 'm' already exists; choose another id or allow overwriting");
  }

  @Test
  void trainingAnIdThatAnActiveJobTrainsNamesTheJob() {
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    for (int r = 0; r < 600; r++) {
      csv.append(java.time.LocalDateTime.of(2021, 1, 1, 0, 0).plusHours(r).toString().replace('T', ' '))
          .append(":00,").append(Math.sin(r / 4.0)).append(',').append(Math.cos(r / 4.0)).append('\n');
    }
    byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
    TrainingRequest slow = TrainingRequest.of("busy", "linear", 24, 12,
        Map.of("epochs", 500, "patience", 500, "batchSize", 8));
    JobStatus first = service.train(file, "hourly.csv", slow);
    try {
      assertThatThrownBy(() -> service.train(file, "hourly.csv", slow))
          .isInstanceOf(ModelAlreadyExistsException.class)
          .hasMessage("model 'busy' is being trained by job " + first.id());
    } finally {
      service.cancel(first.id());
    }
  }

  @Test
  void aCsvHistoryOverTheRowLimitIsRefusedBeforeParsing() {
    StringBuilder csv = new StringBuilder("date,a,b\r\n");
    for (int r = 0; r < 101; r++) {
      csv.append("not even parsed,x,y\r\n");
    }
    assertThatThrownBy(() -> service.forecastCsv("m", csv.toString().getBytes(StandardCharsets.UTF_8), "big.csv"))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessage("big.csv has 101 data rows; at most 100 are accepted per forecast");
  }

  @Test
  void dataLinesCountNonEmptyLinesAfterTheHeader() {
    assertThat(io.forecast.data.TimeSeriesCsvReader.dataLines("h\n1\n2".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(io.forecast.data.TimeSeriesCsvReader.dataLines("h\r\n1\r\n\r\n2\r\n\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(io.forecast.data.TimeSeriesCsvReader.dataLines("h".getBytes(StandardCharsets.UTF_8))).isZero();
    assertThat(io.forecast.data.TimeSeriesCsvReader.dataLines(new byte[0])).isZero();
  }

  @Test
  void aTrainingFileOverTheCellLimitIsRefusedBeforeParsing() {
    ForecastService small = new ForecastService(service.store(), new ForecastServiceSettings(1, 100, 10, 8, 2, 0, 0, 10),
        TrainingListener.NONE);
    try {
      byte[] csv = "date,a,b\nx,1,2\ny,3,4\nz,5,6\nw,7,8\nv,9,10\nu,11,12\n".getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> small.train(csv, "big.csv", TrainingRequest.of("n", "naive", 2, 1, Map.of())))
          .isInstanceOf(InvalidTrainingRequestException.class)
          .hasMessage("big.csv has 6 rows × 2 value columns = 12 cells; at most 10 are accepted for training "
              + "(forecast.training.max-cells)");
    } finally {
      small.close();
    }
  }
}
