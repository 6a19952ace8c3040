package io.forecast.api.web;

import io.forecast.api.testing.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.api.server.ForecastServer;
import io.forecast.data.CsvLoadOptions;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.service.ForecastResult;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The REST API over real HTTP on a random port: a training job's life cycle on a small ETTh1 slice
 * with a tiny model, forecast equivalence, 32 concurrent clients, and the problem documents of bad
 * requests.
 */
@AutoConfigureObservability
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastApiHttpTest {
  static final Path STORE = tempDir();
  static final int ROWS = 1200;
  static final byte[] SMALL_CSV = firstRows(io.forecast.api.testing.DemoData.ETTH1, ROWS);
  static final String MODEL = "tiny";
  static final long JSON_LIMIT = 64 * 1024;

  @LocalServerPort int port;
  @Autowired ForecastService service;
  ApiClient api;
  private boolean trained;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
    registry.add("forecast.api.max-json-body-size", () -> JSON_LIMIT + "B");
    registry.add("spring.servlet.multipart.max-file-size", () -> "512KB");
    registry.add("spring.servlet.multipart.max-request-size", () -> "600KB");
  }

  @AfterAll
  void removeStore() throws IOException {
    AtomicDirectory.deleteRecursively(STORE);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("forecast-store-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] firstRows(Path file, int rows) {
    try {
      List<String> lines = Files.readAllLines(file);
      return (String.join("\n", lines.subList(0, rows + 1)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ApiClient api() {
    if (api == null) {
      api = new ApiClient(port);
    }
    return api;
  }

  static Map<String, String> tinyModel(String id, int epochs) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("seqLen", "24");
    f.put("predLen", "8");
    f.put("preset", "fast");
    f.put("dModel", "16");
    f.put("embedSize", "2");
    f.put("epochs", Integer.toString(epochs));
    f.put("split", "ratio");
    return f;
  }

  private JsonNode awaitJob(String jobId, String... finalStates) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      ApiClient.Reply r = api().get("/api/v1/jobs/" + jobId);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode job = r.json();
      if (List.of(finalStates).contains(job.get("state").asText()) || System.nanoTime() > deadline) {
        return job;
      }
      Thread.sleep(100);
    }
  }

  /** Trains the shared tiny model once through the API and checks the job's life cycle. */
  private synchronized void ensureTrained() throws InterruptedException {
    if (trained) {
      return;
    }
    ApiClient.Reply submitted = api().postMultipart("/api/v1/models", tinyModel(MODEL, 1), "etth1-small.csv", SMALL_CSV);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    JsonNode job = submitted.json();
    String jobId = job.get("id").asText();
    assertThat(submitted.raw().headers().firstValue("Location")).hasValue("/api/v1/jobs/" + jobId);
    assertThat(job.get("modelId").asText()).isEqualTo(MODEL);
    assertThat(job.get("state").asText()).isIn("QUEUED", "RUNNING");
    assertThat(job.get("maxEpochs").asInt()).isEqualTo(1);

    JsonNode done = awaitJob(jobId, "SUCCEEDED", "FAILED", "CANCELLED");
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("epoch").asInt()).isEqualTo(1);
    assertThat(done.get("epochs").get(0).get("trainLoss").asDouble()).isPositive();
    assertThat(done.get("epochs").get(0).get("valLoss").asDouble()).isPositive();
    assertThat(done.get("error").isNull()).isTrue();
    trained = true;
  }

  /** The history the tests send: the last seqLen rows of the slice, as JSON columns with timestamps. */
  private static Map<String, Object> historyBody(int rows) {
    TimeSeriesFrame frame = TimeSeriesCsvReader.read("etth1-small.csv", SMALL_CSV, CsvLoadOptions.defaults());
    History h = History.ofFrame(frame, rows);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("modelId", MODEL);
    body.put("timestamps", h.timestamps());
    body.put("columns", h.columns());
    return body;
  }

  @Test
  void aTrainedModelIsListedDescribedForecastAndEvaluated() throws Exception {
    ensureTrained();
    JsonNode list = api().get("/api/v1/models").json();
    assertThat(list.findValuesAsText("id")).contains(MODEL);
    JsonNode d = api().get("/api/v1/models/" + MODEL).json();
    assertThat(d.at("/card/seqLen").asInt()).isEqualTo(24);
    assertThat(d.at("/card/columns").size()).isEqualTo(7);
    assertThat(d.at("/settings/dModel").asInt()).isEqualTo(16);
    assertThat(d.at("/provenance/data/rows").asInt()).isEqualTo(ROWS);
    double trainedMse = d.at("/provenance/testMetrics/mse").asDouble();
    assertThat(trainedMse).isPositive();

    ApiClient.Reply r = api().postJson("/api/v1/forecasts", historyBody(24));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode f = r.json();
    assertThat(f.get("predLen").asInt()).isEqualTo(8);
    // the slice ends at 2016-08-20 23:00:00 (row 1200 of hourly data from 2016-07-01 00:00:00)
    assertThat(f.get("timestamps").get(0).asText()).isEqualTo("2016-08-20 00:00:00");
    assertThat(f.get("timestamps").get(7).asText()).isEqualTo("2016-08-20 07:00:00");
    assertThat(f.get("columns").size()).isEqualTo(7);
    assertThat(f.get("columns").get("OT").size()).isEqualTo(8);

    // the same model loaded independently from its directory gives the same numbers (computed with the
    // service's intra-op thread count, forecast.engine.inference-threads = 1: a sum split over another
    // number of threads may differ in the last bits)
    io.forecast.forecasting.nn.EngineThreads.useOnCurrentThread(1);
    TimeSeriesFrame frame = TimeSeriesCsvReader.read("etth1-small.csv", SMALL_CSV, CsvLoadOptions.defaults());
    try (Forecaster direct = ForecasterTypes.load(STORE.resolve(MODEL))) {
      double[] expected = direct.forecast(frame.values(ROWS - 24, ROWS), 24);
      List<String> cols = direct.card().columns();
      for (int c = 0; c < cols.size(); c++) {
        for (int k = 0; k < 8; k++) {
          assertThat(f.get("columns").get(cols.get(c)).get(k).asDouble()).isEqualTo(expected[k * cols.size() + c]);
        }
      }
    }
    // and the service in process, and a CSV upload of the same rows
    ForecastResult inProcess = service.forecast(MODEL, History.ofFrame(frame, 24));
    assertThat(f.get("columns").get("HUFL").get(3).asDouble()).isEqualTo(inProcess.columns().get("HUFL")[3]);
    ApiClient.Reply csv = api().postMultipart("/api/v1/forecasts", Map.of("modelId", MODEL), "recent.csv", SMALL_CSV);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.json().get("columns")).isEqualTo(f.get("columns"));
    assertThat(csv.json().get("timestamps")).isEqualTo(f.get("timestamps"));

    ApiClient.Reply eval = api().postMultipart("/api/v1/models/" + MODEL + "/evaluations", Map.of("split", "ratio"),
        "etth1-small.csv", SMALL_CSV);
    assertThat(eval.status()).as(eval.body()).isEqualTo(200);
    // the service evaluates with one PyTorch thread, training ran on every core: same figure up to
    // the float32 reduction order of the matrix products
    assertThat(eval.json().at("/test/mse").asDouble()).isCloseTo(trainedMse, org.assertj.core.api.Assertions.within(1e-6 * trainedMse));
    assertThat(eval.json().at("/test/perStep")).hasSize(8);
    assertThat(eval.json().at("/dataProvenance/sha256").asText()).hasSize(64);
    // the full metrics: the z-scored MSE is the same figure as test's, MASE against the hourly season
    assertThat(eval.json().at("/metrics/zScored/overall/mse").asDouble())
        .isCloseTo(eval.json().at("/test/mse").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(eval.json().at("/metrics/masePeriod").asInt()).isEqualTo(24);
    assertThat(eval.json().at("/metrics/original/byStep")).hasSize(8);
    ApiClient.Reply seasoned = api().postMultipart("/api/v1/models/" + MODEL + "/evaluations",
        Map.of("split", "ratio", "season", "12"), "etth1-small.csv", SMALL_CSV);
    assertThat(seasoned.status()).as(seasoned.body()).isEqualTo(200);
    assertThat(seasoned.json().at("/metrics/masePeriod").asInt()).isEqualTo(12);
    assertProblem(api().postMultipart("/api/v1/models/" + MODEL + "/evaluations", Map.of("season", "0"),
        "etth1-small.csv", SMALL_CSV), 400, "season", "got 0");
    assertProblem(api().postMultipart("/api/v1/models/" + MODEL + "/evaluations", Map.of("season", "x"),
        "etth1-small.csv", SMALL_CSV), 400, "'season': 'x'");
  }

  @Test
  void thirtyTwoConcurrentClientsGetTheSameForecastWithoutErrors() throws Exception {
    ensureTrained();
    String body = ApiClient.JSON.writeValueAsString(historyBody(24));
    JsonNode reference = api().postJson("/api/v1/forecasts", body).json().get("columns");
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        futures.add(pool.submit((Callable<Integer>) () -> {
          ApiClient client = new ApiClient(port);
          int errors = 0;
          for (int i = 0; i < 10; i++) {
            ApiClient.Reply r = client.postJson("/api/v1/forecasts", body);
            if (r.status() != 200 || !closeTo(r.json().get("columns"), reference)) {
              errors++;
            }
          }
          return errors;
        }));
      }
      int errors = 0;
      for (Future<Integer> f : futures) {
        errors += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(errors).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Equal up to float32 rounding (concurrent requests are batched into one forward pass). */
  private static boolean closeTo(JsonNode actual, JsonNode expected) {
    if (actual.size() != expected.size()) {
      return false;
    }
    for (var it = expected.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode a = actual.get(name);
      JsonNode e = expected.get(name);
      if (a == null || a.size() != e.size()) {
        return false;
      }
      for (int k = 0; k < e.size(); k++) {
        double x = a.get(k).asDouble();
        double y = e.get(k).asDouble();
        if (Math.abs(x - y) > 1e-5 * Math.max(1, Math.abs(y))) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void aBatchedForwardPassEqualsOneByOneForecasts() throws Exception {
    ensureTrained();
    TimeSeriesFrame frame = TimeSeriesCsvReader.read("etth1-small.csv", SMALL_CSV, CsvLoadOptions.defaults());
    try (Forecaster model = ForecasterTypes.load(STORE.resolve(MODEL))) {
      int n = 7;
      double[] batch = new double[3 * 24 * n];
      for (int i = 0; i < 3; i++) {
        System.arraycopy(frame.values(100 * i, 100 * i + 24), 0, batch, i * 24 * n, 24 * n);
      }
      double[] together = model.forecastBatch(batch, 3);
      for (int i = 0; i < 3; i++) {
        double[] alone = model.forecast(frame.values(100 * i, 100 * i + 24), 24);
        for (int k = 0; k < alone.length; k++) {
          assertThat(together[i * 8 * n + k]).isCloseTo(alone[k],
              org.assertj.core.api.Assertions.within(1e-5 * Math.max(1, Math.abs(alone[k]))));
        }
      }
    }
  }

  @Test
  void intervalsAreReturnedPerLevelAndUncalibratedLevelsAreRefused() throws Exception {
    ensureTrained();
    ApiClient.Reply plain = api().postJson("/api/v1/forecasts", historyBody(24));
    assertThat(plain.status()).as(plain.body()).isEqualTo(200);
    assertThat(plain.json().has("intervals")).as("no intervals unless asked").isFalse();

    Map<String, Object> body = historyBody(24);
    body.put("intervals", List.of(95, 80));
    ApiClient.Reply r = api().postJson("/api/v1/forecasts", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode f = r.json();
    assertThat(f.get("intervals").fieldNames()).toIterable().containsExactly("95", "80");
    // by hand from the model's files: ŷ ± halfWidth[step][column] · std[column]
    JsonNode conformal = ApiClient.JSON.readTree(STORE.resolve(MODEL).resolve("conformal.json").toFile());
    JsonNode std = ApiClient.JSON.readTree(STORE.resolve(MODEL).resolve("scaler.json").toFile()).get("std");
    List<String> cols = List.of("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT");
    for (String level : List.of("80", "95")) {
      for (int c = 0; c < cols.size(); c++) {
        for (int k = 0; k < 8; k++) {
          double y = f.get("columns").get(cols.get(c)).get(k).asDouble();
          double h = conformal.get("halfWidths").get(level).get(k).get(c).asDouble() * std.get(c).asDouble();
          var tolerance = org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(y)));
          assertThat(f.at("/intervals/" + level + "/lower/" + cols.get(c)).get(k).asDouble()).isCloseTo(y - h, tolerance);
          assertThat(f.at("/intervals/" + level + "/upper/" + cols.get(c)).get(k).asDouble()).isCloseTo(y + h, tolerance);
        }
      }
    }
    ApiClient.Reply csv = api().postMultipart("/api/v1/forecasts", Map.of("modelId", MODEL, "intervals", "95,80"),
        "recent.csv", SMALL_CSV);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.json().get("intervals")).isEqualTo(f.get("intervals"));

    body.put("intervals", List.of(80, 90));
    assertProblem(api().postJson("/api/v1/forecasts", body), 400,
        "the 90% interval was not calibrated for this model; available levels: 80, 95");
    body.put("intervals", List.of(100));
    assertProblem(api().postJson("/api/v1/forecasts", body), 400, "interval level 100.0 is not a percentage in (0, 100)");
    body.put("intervals", java.util.Arrays.asList(80, null));
    assertProblem(api().postJson("/api/v1/forecasts", body), 400, "interval level 2 is null");
    assertProblem(api().postMultipart("/api/v1/forecasts", Map.of("modelId", MODEL, "intervals", "80,abc"),
        "recent.csv", SMALL_CSV), 400, "interval level 'abc' is not a number");
  }

  @Test
  void aTrainingRequestChoosesTheIntervalLevels() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("id", "mean-levels");
    form.put("modelType", "mean");
    form.put("seqLen", "24");
    form.put("predLen", "8");
    form.put("split", "ratio");
    form.put("intervals", "50,abc");
    assertProblem(api().postMultipart("/api/v1/models", form, "etth1-small.csv", SMALL_CSV), 400,
        "interval level 'abc' is not a number");
    form.put("intervals", "50,90");
    ApiClient.Reply submitted = api().postMultipart("/api/v1/models", form, "etth1-small.csv", SMALL_CSV);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    JsonNode done = awaitJob(submitted.json().get("id").asText(), "SUCCEEDED", "FAILED", "CANCELLED");
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    JsonNode described = api().get("/api/v1/models/mean-levels").json();
    assertThat(described.at("/intervals/levels").toString()).isEqualTo("[\"50\",\"90\"]");
    // ratio split of 1200 rows: validation rows [840 - 24, 960) = 144 rows → 144 - 24 - 8 + 1 windows
    assertThat(described.at("/intervals/windows").asInt()).isEqualTo(113);
    assertThat(described.at("/intervals/testCoverage/90").asDouble()).isBetween(0.0, 100.0);
    Map<String, Object> body = historyBody(24);
    body.put("modelId", "mean-levels");
    body.put("intervals", List.of(90, 50));
    ApiClient.Reply r = api().postJson("/api/v1/forecasts", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("intervals").fieldNames()).toIterable().containsExactly("90", "50");
    body.put("intervals", List.of(95));
    assertProblem(api().postJson("/api/v1/forecasts", body), 400, "available levels: 50, 90");
  }

  private void assertProblem(ApiClient.Reply r, int status, String... detailParts) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).contains(detailParts);
  }

  @Test
  void badForecastRequestsGetPreciseProblemDocuments() throws Exception {
    ensureTrained();
    assertProblem(api().postJson("/api/v1/forecasts", "{\"modelId\": \"tiny\", \"columns\": {"), 400,
        "malformed JSON");
    assertProblem(api().postJson("/api/v1/forecasts", "{\"modelId\": \"tiny\", \"columns\": {\"OT\": [1, \"x\"]}}"),
        400, "malformed JSON", "columns.OT[1]");
    assertProblem(api().postJson("/api/v1/forecasts", "{\"columns\": {\"OT\": [1]}}"), 400, "field 'modelId'");

    Map<String, Object> missingColumn = historyBody(24);
    @SuppressWarnings("unchecked")
    Map<String, Object> cols = new LinkedHashMap<>((Map<String, Object>) missingColumn.get("columns"));
    cols.remove("OT");
    missingColumn.put("columns", cols);
    assertProblem(api().postJson("/api/v1/forecasts", missingColumn), 400, "missing [OT]");
    cols.put("OT", cols.get("HUFL"));
    cols.put("extra", cols.get("HUFL"));
    assertProblem(api().postJson("/api/v1/forecasts", missingColumn), 400, "unexpected [extra]");

    String nan = ApiClient.JSON.writeValueAsString(historyBody(24)).replaceFirst("(\"HULL\":\\[[^,]+,[^,]+,)[^,]+,",
        "$1null,");
    assertProblem(api().postJson("/api/v1/forecasts", nan), 400, "column 'HULL', row 2");
    String nanText = ApiClient.JSON.writeValueAsString(historyBody(24)).replaceFirst("(\"LULL\":\\[)[^,]+,",
        "$1\"NaN\",");
    assertProblem(api().postJson("/api/v1/forecasts", nanText), 400, "column 'LULL', row 0");

    ApiClient.Reply tooShort = api().postJson("/api/v1/forecasts", historyBody(10));
    assertProblem(tooShort, 422, "history has 10 rows", "seqLen = 24");
    assertThat(tooShort.json().get("requiredRows").asInt()).isEqualTo(24);

    Map<String, Object> unknown = historyBody(24);
    unknown.put("modelId", "nope");
    assertProblem(api().postJson("/api/v1/forecasts", unknown), 404, "no model 'nope'");
    unknown.put("modelId", "../etc");
    assertProblem(api().postJson("/api/v1/forecasts", unknown), 400, "invalid model id");

    StringBuilder big = new StringBuilder("{\"modelId\": \"tiny\", \"columns\": {\"OT\": [");
    while (big.length() < JSON_LIMIT + 1000) {
      big.append("1.0,");
    }
    big.append("1.0]}}");
    assertProblem(api().postJson("/api/v1/forecasts", big.toString()), 413, "larger than the limit");
    assertProblem(api().postJsonChunked("/api/v1/forecasts", big.toString()), 413, "larger than the limit");
    ApiClient.Reply chunked = api().postJsonChunked("/api/v1/forecasts",
        ApiClient.JSON.writeValueAsString(historyBody(24)));
    assertThat(chunked.status()).as(chunked.body()).isEqualTo(200);

    byte[] hugeCsv = new byte[700 * 1024];
    java.util.Arrays.fill(hugeCsv, (byte) '1');
    assertProblem(api().postMultipart("/api/v1/forecasts", Map.of("modelId", MODEL), "huge.csv", hugeCsv), 413, "");
    assertProblem(api().get("/api/v1/models/nope"), 404, "no model 'nope'");
    assertProblem(api().get("/api/v1/models/bad..id"), 400, "invalid model id");
    assertProblem(api().delete("/api/v1/models/nope"), 404, "no model 'nope'");
    assertProblem(api().get("/api/v1/jobs/nope"), 404, "no training job 'nope'");
    assertProblem(api().delete("/api/v1/jobs/nope"), 404, "no training job 'nope'");
    assertProblem(api().postMultipart("/api/v1/forecasts", Map.of("modelId", MODEL), "bad.csv",
        "date,HUFL\n2016-07-01 00:00:00,abc\n".getBytes(StandardCharsets.UTF_8)), 400, "bad.csv, line 2, column 'HUFL'");
    byte[] part = "--xyz\r\nContent-Disposition: form-data; name=\"modelId\"\r\n\r\ntiny\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"h.csv\"\r\n\r\ndate,HUFL\n"
        .getBytes(StandardCharsets.UTF_8);
    assertProblem(api().postRaw("/api/v1/forecasts", "multipart/form-data", part), 400, "malformed multipart");
    assertProblem(api().postRaw("/api/v1/forecasts", "multipart/form-data; boundary=xyz", part), 400,
        "malformed multipart");
    ApiClient.Reply typed = api().postJson("/api/v1/forecasts", "{\"modelId\": \"tiny\", \"columns\": [1, 2]}");
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.body()).doesNotContain("java.").doesNotContain("io.forecast");
  }

  @Test
  void badTrainingRequestsGetProblemDocumentsAndCancelledJobsSaveNothing() throws Exception {
    ensureTrained();
    Map<String, String> negative = tinyModel("neg", 1);
    negative.put("seqLen", "-3");
    assertProblem(api().postMultipart("/api/v1/models", negative, "etth1-small.csv", SMALL_CSV), 400,
        "field 'seqLen': must be greater than 0 (was -3)");
    Map<String, String> dropout = tinyModel("drop", 1);
    dropout.put("dropout", "1.5");
    assertProblem(api().postMultipart("/api/v1/models", dropout, "etth1-small.csv", SMALL_CSV), 400,
        "setting 'dropout' of model type 'olinear' must be between 0 and 0.99, got '1.5'");
    Map<String, String> badSettings = tinyModel("bad-settings", 1);
    badSettings.put("settings", "{\"kernel\": 3}");
    assertProblem(api().postMultipart("/api/v1/models", badSettings, "etth1-small.csv", SMALL_CSV), 400,
        "model type 'olinear' has no setting 'kernel'");
    Map<String, String> unknownType = tinyModel("unknown-type", 1);
    unknownType.put("modelType", "prophet");
    assertProblem(api().postMultipart("/api/v1/models", unknownType, "etth1-small.csv", SMALL_CSV), 400,
        "unknown model type 'prophet'");
    Map<String, String> notNumber = tinyModel("nan", 1);
    notNumber.put("epochs", "abc");
    assertProblem(api().postMultipart("/api/v1/models", notNumber, "etth1-small.csv", SMALL_CSV), 400,
        "field 'epochs': 'abc' is not a valid value");
    assertProblem(api().postMultipart("/api/v1/models", tinyModel("nofile", 1), null, null), 400, "'file'");
    assertProblem(api().postMultipart("/api/v1/models", tinyModel(MODEL, 1), "etth1-small.csv", SMALL_CSV), 409,
        "'tiny' already exists");
    Map<String, String> preset = tinyModel("p", 1);
    preset.put("preset", "huge");
    assertProblem(api().postMultipart("/api/v1/models", preset, "etth1-small.csv", SMALL_CSV), 400,
        "setting 'preset' of model type 'olinear' must be one of fast, paper, got 'huge'");
    assertProblem(api().postMultipart("/api/v1/models", tinyModel("short", 1), "short.csv",
        firstRows(io.forecast.api.testing.DemoData.ETTH1, 30)), 400, "short.csv");

    ApiClient.Reply submitted = api().postMultipart("/api/v1/models", tinyModel("cancelled", 200), "etth1-small.csv",
        SMALL_CSV);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String jobId = submitted.json().get("id").asText();
    ApiClient.Reply cancel = api().delete("/api/v1/jobs/" + jobId);
    assertThat(cancel.status()).isIn(200, 202);
    JsonNode end = awaitJob(jobId, "CANCELLED", "SUCCEEDED", "FAILED");
    assertThat(end.get("state").asText()).isEqualTo("CANCELLED");
    assertThat(end.get("epoch").asInt()).isLessThan(200);
    assertThat(STORE.resolve("cancelled")).doesNotExist();
    assertProblem(api().get("/api/v1/models/cancelled"), 404, "no model 'cancelled'");
  }

  @Test
  void docsHealthAndMetricsAreServed() throws Exception {
    ensureTrained();
    api().postJson("/api/v1/forecasts", historyBody(24));
    ApiClient.Reply docs = api().get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().get("paths").has("/api/v1/forecasts")).isTrue();
    assertThat(docs.json().get("paths").has("/api/v1/jobs/{id}")).isTrue();
    assertThat(api().get("/swagger-ui/index.html").status()).isEqualTo(200);
    assertThat(api().get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
    assertThat(api().get("/actuator/info").status()).isEqualTo(200);
    String prometheus = api().get("/actuator/prometheus").body();
    assertThat(prometheus).contains("forecast_latency_seconds_count{outcome=\"success\"")
        .contains("forecast_training_seconds_count{kind=\"training\",state=\"SUCCEEDED\"");
    assertProblem(api().get("/api/v1/nothing-here"), 404, "");
  }

  @Test
  void deletingAModelRemovesItFromTheStore() throws Exception {
    ensureTrained();
    ApiClient.Reply copy = api().postMultipart("/api/v1/models", tinyModel("to-delete", 1), "etth1-small.csv",
        SMALL_CSV);
    assertThat(copy.status()).as(copy.body()).isEqualTo(202);
    assertThat(awaitJob(copy.json().get("id").asText(), "SUCCEEDED", "FAILED", "CANCELLED").get("state").asText())
        .isEqualTo("SUCCEEDED");
    Map<String, Object> body = historyBody(24);
    body.put("modelId", "to-delete");
    assertThat(api().postJson("/api/v1/forecasts", body).status()).isEqualTo(200);
    assertThat(api().delete("/api/v1/models/to-delete").status()).isEqualTo(204);
    assertProblem(api().get("/api/v1/models/to-delete"), 404, "no model 'to-delete'");
    assertProblem(api().postJson("/api/v1/forecasts", body), 404, "no model 'to-delete'");
    assertThat(STORE.resolve("to-delete")).doesNotExist();
  }
}
