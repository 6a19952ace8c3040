package io.forecast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.api.server.ForecastServer;
import io.forecast.api.testing.ApiClient;
import io.forecast.api.testing.DemoData;
import io.forecast.forecasting.backtest.BacktestFold;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.service.BacktestReport;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.ForecastServiceSettings;
import io.forecast.forecasting.service.JobState;
import io.forecast.forecasting.service.ModelLoader;
import io.forecast.forecasting.service.ModelStore;
import io.forecast.forecasting.service.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/v1/backtests} over real HTTP: a naive backtest of ETTh1 as a job, its result (also after
 * a restart) and plot, the problem documents of bad requests and unknown ids, and cancelling backtests.
 */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestApiHttpTest {
  static final Path STORE = tempDir();
  static final byte[] ETTH1 = read(DemoData.ETTH1);

  @LocalServerPort int port;
  ApiClient api;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
  }

  @AfterAll
  void removeStore() throws IOException {
    AtomicDirectory.deleteRecursively(STORE);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("forecast-backtest-store-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
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

  /** A naive backtest of ETTh1 with the ETT hour split, seqLen 24, predLen 8, and the given fields. */
  static Map<String, String> naive(String... more) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("modelType", "naive");
    f.put("seqLen", "24");
    f.put("predLen", "8");
    f.put("split", "ett-hour");
    for (int i = 0; i < more.length; i += 2) {
      f.put(more[i], more[i + 1]);
    }
    return f;
  }

  private JsonNode await(String jobId, String... finalStates) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      ApiClient.Reply r = api().get("/api/v1/backtests/" + jobId);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode report = r.json();
      if (List.of(finalStates).contains(report.get("job").get("state").asText()) || System.nanoTime() > deadline) {
        return report;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aBacktestRunsAsAJobAndItsResultHasTheFoldsOfTheTestSplit() throws Exception {
    ApiClient.Reply submitted = api().postMultipart("/api/v1/backtests", naive("folds", "2", "intervals", "none"),
        "ETTh1.csv", ETTH1);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    JsonNode job = submitted.json();
    String jobId = job.get("id").asText();
    assertThat(submitted.header("Location")).isEqualTo("/api/v1/backtests/" + jobId);
    assertThat(job.get("kind").asText()).isEqualTo("backtest");
    assertThat(job.get("modelId").isNull()).isTrue();
    assertThat(job.get("state").asText()).isIn("QUEUED", "RUNNING", "SUCCEEDED");

    JsonNode report = await(jobId, "SUCCEEDED", "FAILED", "CANCELLED");
    assertThat(report.get("job").get("state").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    assertThat(report.get("job").get("fold").asInt()).isEqualTo(2);
    assertThat(report.get("job").get("folds").asInt()).isEqualTo(2);
    JsonNode result = report.get("result");
    // ETT hour split: 12 months of training rows (8640) and 4 of validation end at row 11520; the test
    // split ends 4 months later at 14400; 2 folds of 1440 rows
    List<Integer> origins = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    result.get("folds").forEach(f -> {
      origins.add(f.get("origin").asInt());
      ends.add(f.get("testEnd").asInt());
      assertThat(f.get("windows").asLong()).isEqualTo(1440 - 8 + 1);
      assertThat(f.get("refitted").asBoolean()).isTrue();
    });
    assertThat(origins).containsExactly(11520, 12960);
    assertThat(ends).containsExactly(12960, 14400);
    assertThat(result.get("modelType").asText()).isEqualTo("naive");
    assertThat(result.get("plan").get("horizon").asInt()).isEqualTo(1440);
    assertThat(result.get("aggregate").get("windows").asLong()).isEqualTo(2 * 1433);

    // listed with the other jobs, with its kind
    ApiClient.Reply jobs = api().get("/api/v1/jobs");
    List<String> kinds = new ArrayList<>();
    jobs.json().forEach(j -> {
      if (j.get("id").asText().equals(jobId)) {
        kinds.add(j.get("kind").asText());
      }
    });
    assertThat(kinds).containsExactly("backtest");

    Path file = STORE.resolve(".backtests").resolve(jobId + ".json");
    assertThat(file).exists();
    List<String> models = new ArrayList<>();
    api().get("/api/v1/models").json().forEach(m -> models.add(m.get("id").asText()));
    assertThat(models).as("a backtest saves no model (only another test's training does)")
        .isSubsetOf("naive-small");

    // the fold errors over the origins
    ApiClient.Reply svg = api().get("/api/v1/backtests/" + jobId + "/plot");
    assertThat(svg.status()).as(svg.body()).isEqualTo(200);
    assertThat(svg.contentType()).startsWith("image/svg+xml");
    assertThat(svg.body()).startsWith("<?xml").contains("<svg").contains(">MSE<").contains(">MAE<");
    ApiClient.Reply png = api().get("/api/v1/backtests/" + jobId + "/plot?width=400&height=300",
        ApiClient.headers("Accept", "image/png"));
    assertThat(png.status()).isEqualTo(200);
    assertThat(png.contentType()).isEqualTo("image/png");

    // a new service on the same store (a restart) still serves the finished result
    try (ForecastService restarted = new ForecastService(new ModelStore(STORE, ModelLoader.DEFAULT, 2),
        new ForecastServiceSettings(1, 100, 100, 1, 1), TrainingListener.NONE)) {
      BacktestReport again = restarted.backtestReport(jobId);
      assertThat(again.job().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(again.result().folds()).extracting(BacktestFold::origin).containsExactly(11520, 12960);
    }
  }

  @Test
  void badFieldsAreProblemDocumentsNamingTheProblem() {
    ApiClient.Reply refit = api().postMultipart("/api/v1/backtests", naive("refitEvery", "-1"), "ETTh1.csv", ETTH1);
    assertThat(refit.status()).as(refit.body()).isEqualTo(400);
    assertThat(refit.contentType()).startsWith("application/problem+json");
    assertThat(refit.json().get("detail").asText()).startsWith("field 'refitEvery': ").contains("-1");

    ApiClient.Reply horizon = api().postMultipart("/api/v1/backtests", naive("horizon", "4"), "ETTh1.csv", ETTH1);
    assertThat(horizon.status()).as(horizon.body()).isEqualTo(400);
    assertThat(horizon.json().get("detail").asText())
        .isEqualTo("the horizon (4 rows per fold) must be at least pred_len (8)");

    ApiClient.Reply window = api().postMultipart("/api/v1/backtests", naive("window", "rolling"), "ETTh1.csv", ETTH1);
    assertThat(window.status()).as(window.body()).isEqualTo(400);
    assertThat(window.json().get("detail").asText()).isEqualTo("window must be expanding or sliding, got 'rolling'");

    ApiClient.Reply fraction = api().postMultipart("/api/v1/backtests", naive("validationFraction", "0.9"),
        "ETTh1.csv", ETTH1);
    assertThat(fraction.status()).as(fraction.body()).isEqualTo(400);
    assertThat(fraction.json().get("detail").asText()).startsWith("field 'validationFraction': ");

    // too short for the ETT hour split: the data layer's message, as training reports it
    byte[] shortFile = String.join("\n", new String(ETTH1, StandardCharsets.UTF_8).lines().limit(501).toList())
        .getBytes(StandardCharsets.UTF_8);
    ApiClient.Reply tooShort = api().postMultipart("/api/v1/backtests", naive(), "ETTh1.csv", shortFile);
    assertThat(tooShort.status()).as(tooShort.body()).isBetween(400, 499);
    assertThat(tooShort.json().get("detail").asText()).contains("500");
    ApiClient.Reply trained = api().postMultipart("/api/v1/models", Map.of("id", "short", "modelType", "naive",
        "seqLen", "24", "predLen", "8", "split", "ett-hour"), "ETTh1.csv", shortFile);
    assertThat(tooShort.status()).isEqualTo(trained.status());
    assertThat(tooShort.json().get("detail")).isEqualTo(trained.json().get("detail"));

    ApiClient.Reply noFile = api().postMultipart("/api/v1/backtests", naive(), "x.csv", null);
    assertThat(noFile.status()).isEqualTo(400);
  }

  @Test
  void theEndpointsAreInTheOpenApiDocument() {
    JsonNode paths = api().get("/v3/api-docs").json().get("paths");
    assertThat(paths.has("/api/v1/backtests")).isTrue();
    assertThat(paths.get("/api/v1/backtests").has("post")).isTrue();
    assertThat(paths.get("/api/v1/backtests/{id}").has("get")).isTrue();
    assertThat(paths.get("/api/v1/backtests/{id}/plot").has("get")).isTrue();
  }

  @Test
  void unknownIdsAndTrainingJobsAreNotFound() throws Exception {
    ApiClient.Reply unknown = api().get("/api/v1/backtests/no-such-job");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asText()).isEqualTo("no backtest job 'no-such-job'");
    assertThat(api().get("/api/v1/backtests/no-such-job/plot").status()).isEqualTo(404);

    byte[] small = String.join("\n", new String(ETTH1, StandardCharsets.UTF_8).lines().limit(601).toList())
        .getBytes(StandardCharsets.UTF_8);
    ApiClient.Reply training = api().postMultipart("/api/v1/models", Map.of("id", "naive-small", "modelType", "naive",
        "seqLen", "24", "predLen", "8", "split", "ratio"), "small.csv", small);
    assertThat(training.status()).as(training.body()).isEqualTo(202);
    String trainingId = training.json().get("id").asText();
    assertThat(training.json().get("kind").asText()).isEqualTo("training");
    ApiClient.Reply notABacktest = api().get("/api/v1/backtests/" + trainingId);
    assertThat(notABacktest.status()).isEqualTo(404);
    assertThat(notABacktest.json().get("detail").asText()).isEqualTo("job '" + trainingId
        + "' is a training job, not a backtest");
  }

  @Test
  void runningAndQueuedBacktestsCancel() throws Exception {
    // a slow DLinear backtest holds the training thread; a second waits in the queue behind it
    Map<String, String> slow = naive("modelType", "dlinear", "settings", "{\"epochs\": 200, \"patience\": 200}",
        "folds", "2", "intervals", "none");
    ApiClient.Reply first = api().postMultipart("/api/v1/backtests", slow, "ETTh1.csv", ETTH1);
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    String running = first.json().get("id").asText();
    ApiClient.Reply second = api().postMultipart("/api/v1/backtests", slow, "ETTh1.csv", ETTH1);
    assertThat(second.status()).as(second.body()).isEqualTo(202);
    String queued = second.json().get("id").asText();

    ApiClient.Reply cancelQueued = api().delete("/api/v1/jobs/" + queued);
    assertThat(cancelQueued.status()).as(cancelQueued.body()).isEqualTo(200);
    assertThat(cancelQueued.json().get("state").asText()).isEqualTo("CANCELLED");

    ApiClient.Reply cancelRunning = api().delete("/api/v1/jobs/" + running);
    assertThat(cancelRunning.status()).isIn(200, 202);
    JsonNode report = await(running, "SUCCEEDED", "FAILED", "CANCELLED");
    assertThat(report.get("job").get("state").asText()).as(report.toString()).isEqualTo("CANCELLED");
    assertThat(report.get("result").isNull()).isTrue();
    assertThat(STORE.resolve(".backtests").resolve(running + ".json")).doesNotExist();
    assertThat(await(queued, "CANCELLED").get("job").get("fold").isNull()).as("never started").isTrue();
    ApiClient.Reply plot = api().get("/api/v1/backtests/" + running + "/plot");
    assertThat(plot.status()).as(plot.body()).isEqualTo(422);
    assertThat(plot.json().get("detail").asText()).isEqualTo("backtest job '" + running
        + "' has no result to plot (state CANCELLED)");
  }
}
