package io.forecast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.api.server.ForecastServer;
import io.forecast.api.testing.ApiClient;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.service.AttentionComparisonReport;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/v1/attention-comparisons} over real HTTP with a tiny itransformer (dModel 16, one layer, one
 * epoch) on a small synthetic file: protocols A and B as jobs with progress over the grid, the result as
 * JSON, Markdown and SVG (also after a restart), problem documents for bad requests and unknown ids, and
 * cancelling.
 */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttentionComparisonApiHttpTest {
  static final Path STORE = tempDir();
  static final String TINY = "{\"dModel\": 16, \"dFf\": 16, \"nHeads\": 2, \"eLayers\": 1, \"epochs\": 1, "
      + "\"batchSize\": 16, \"learningRate\": 0.001}";
  static final byte[] CSV = synthetic(4, 420);

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
      return Files.createTempDirectory("forecast-attention-store-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code columns} noisy periodic hourly series of {@code rows} rows. */
  static byte[] synthetic(int columns, int rows) {
    StringBuilder csv = new StringBuilder("date");
    for (int c = 0; c < columns; c++) {
      csv.append(",c").append(c);
    }
    csv.append('\n');
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    Random rnd = new Random(1);
    for (int i = 0; i < rows; i++) {
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00");
      for (int c = 0; c < columns; c++) {
        csv.append(String.format(Locale.ROOT, ",%.5f",
            c + Math.sin(2 * Math.PI * i / (12.0 + 6 * c)) + 0.1 * rnd.nextGaussian()));
      }
      csv.append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private ApiClient api() {
    if (api == null) {
      api = new ApiClient(port);
    }
    return api;
  }

  /** itransformer, seqLen 24, predLen 8, one seed, the tiny settings, and the given fields. */
  static Map<String, String> form(String... more) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("model", "itransformer");
    f.put("seqLen", "24");
    f.put("predLen", "8");
    f.put("seeds", "1");
    f.put("settings", TINY);
    for (int i = 0; i < more.length; i += 2) {
      f.put(more[i], more[i + 1]);
    }
    return f;
  }

  private JsonNode await(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      ApiClient.Reply r = api().get("/api/v1/attention-comparisons/" + jobId);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode report = r.json();
      if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(report.get("job").get("state").asText())
          || System.nanoTime() > deadline) {
        return report;
      }
      Thread.sleep(100);
    }
  }

  private String submit(Map<String, String> fields) {
    ApiClient.Reply submitted = api().postMultipart("/api/v1/attention-comparisons", fields, "synthetic.csv", CSV);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String id = submitted.json().get("id").asText();
    assertThat(submitted.header("Location")).isEqualTo("/api/v1/attention-comparisons/" + id);
    assertThat(submitted.json().get("kind").asText()).isEqualTo("attention-comparison");
    assertThat(submitted.json().get("modelId").isNull()).isTrue();
    return id;
  }

  @Test
  void protocolBRunsAsAJobWithItsResultTableAndChart() throws Exception {
    String id = submit(form("protocol", "B", "variants", "softmax, monarch:block-size=4,monarch:block-size=2"));
    JsonNode report = await(id);
    JsonNode job = report.get("job");
    assertThat(job.get("state").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    // one grid run (the softmax-trained model, one seed), its one epoch
    assertThat(job.get("fold").asInt()).isEqualTo(1);
    assertThat(job.get("folds").asInt()).isEqualTo(1);
    assertThat(job.get("epochs")).hasSize(1);
    JsonNode result = report.get("result");
    assertThat(result.get("protocol").asText()).isEqualTo("B");
    List<String> labels = new ArrayList<>();
    result.get("swaps").forEach(s -> labels.add(s.get("variant").asText()));
    assertThat(labels).containsExactly("softmax", "monarch_block-size=4", "monarch_block-size=2");
    // softmax through the swap path is the trained model; one monarch block of all 4 tokens is softmax
    assertThat(result.get("swaps").get(0).get("deltaMseMean").asDouble()).isEqualTo(0.0);
    assertThat(Math.abs(result.get("swaps").get(1).get("deltaMseMean").asDouble())).isLessThan(1e-5);
    assertThat(result.get("swaps").get(2).get("layers").get(0).get("relativeError").asDouble()).isGreaterThan(1e-4);

    ApiClient.Reply md = api().get("/api/v1/attention-comparisons/" + id + "/markdown");
    assertThat(md.status()).as(md.body()).isEqualTo(200);
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.body()).startsWith("# Attention variants of itransformer on synthetic.csv (protocol B)")
        .contains("Zero-shot swaps", "| monarch_block-size=2 |");
    ApiClient.Reply svg = api().get("/api/v1/attention-comparisons/" + id + "/plot");
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.contentType()).startsWith("image/svg+xml");
    assertThat(svg.body()).contains("<svg", "data-variant=\"softmax-trained\"");

    // listed with the other jobs; its folder in the store holds what the command writes
    List<String> kinds = new ArrayList<>();
    api().get("/api/v1/jobs").json().forEach(j -> {
      if (j.get("id").asText().equals(id)) {
        kinds.add(j.get("kind").asText());
      }
    });
    assertThat(kinds).containsExactly("attention-comparison");
    Path folder = STORE.resolve(".attention-comparisons").resolve(id);
    assertThat(folder.resolve("results.md")).hasContent(md.body());
    assertThat(folder.resolve("runs")).isDirectory();

    // a new service on the same store (a restart) still serves the finished result
    try (ForecastService restarted = new ForecastService(new ModelStore(STORE, ModelLoader.DEFAULT, 2),
        new ForecastServiceSettings(1, 100, 100, 1, 1), TrainingListener.NONE)) {
      AttentionComparisonReport again = restarted.attentionComparison(id);
      assertThat(again.job().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(again.result().get("swaps")).hasSize(3);
    }
  }

  @Test
  void protocolAReportsProgressOverTheWholeGrid() throws Exception {
    String id = submit(form("variants", "softmax,sinkhorn", "seeds", "2", "diagnosticWindows", "16"));
    JsonNode report = await(id);
    assertThat(report.get("job").get("state").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    // 2 variants × 2 seeds
    assertThat(report.get("job").get("fold").asInt()).isEqualTo(4);
    assertThat(report.get("job").get("folds").asInt()).isEqualTo(4);
    JsonNode variants = report.get("result").get("variants");
    assertThat(variants).hasSize(2);
    variants.forEach(v -> {
      assertThat(v.get("runs").asInt()).isEqualTo(2);
      assertThat(v.get("diagnosticWindows").asInt()).isEqualTo(16);
    });
    // softmax rows sum to one
    assertThat(variants.get(0).get("diagnostics").get(0).get("rowError").asDouble()).isLessThan(1e-5);
  }

  @Test
  void badRequestsAreProblemDocumentsNamingTheProblem() {
    ApiClient.Reply olinear = api().postMultipart("/api/v1/attention-comparisons",
        form("model", "olinear", "protocol", "B", "variants", "monarch", "settings", "{\"epochs\": 1}"),
        "synthetic.csv", CSV);
    assertThat(olinear.status()).as(olinear.body()).isEqualTo(400);
    assertThat(olinear.contentType()).startsWith("application/problem+json");
    assertThat(olinear.json().get("detail").asText()).contains("NormLin", "itransformer or patchtst");

    ApiClient.Reply unknown = api().postMultipart("/api/v1/attention-comparisons", form("variants", "softmax,flash"),
        "synthetic.csv", CSV);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.json().get("detail").asText()).contains("flash");

    ApiClient.Reply slot = api().postMultipart("/api/v1/attention-comparisons",
        form("variants", "softmax", "settings", "{\"attention\": \"qr\"}"), "synthetic.csv", CSV);
    assertThat(slot.status()).isEqualTo(400);
    assertThat(slot.json().get("detail").asText()).contains("'attention'", "--variants");

    ApiClient.Reply protocol = api().postMultipart("/api/v1/attention-comparisons",
        form("variants", "softmax", "protocol", "C"), "synthetic.csv", CSV);
    assertThat(protocol.status()).isEqualTo(400);

    ApiClient.Reply setting = api().postMultipart("/api/v1/attention-comparisons",
        form("variants", "softmax", "settings", "{\"dModel\": -3}"), "synthetic.csv", CSV);
    assertThat(setting.status()).as(setting.body()).isEqualTo(400);
    assertThat(setting.json().get("detail").asText()).contains("dModel");

    ApiClient.Reply seeds = api().postMultipart("/api/v1/attention-comparisons", form("variants", "softmax",
        "seeds", "0"), "synthetic.csv", CSV);
    assertThat(seeds.status()).isEqualTo(400);
    assertThat(seeds.json().get("detail").asText()).startsWith("field 'seeds': ");

    Map<String, String> noVariants = form();
    ApiClient.Reply missing = api().postMultipart("/api/v1/attention-comparisons", noVariants, "synthetic.csv", CSV);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("detail").asText()).contains("variants");

    // too short for the split and lengths: the data layer's message, before anything is queued
    ApiClient.Reply tooShort = api().postMultipart("/api/v1/attention-comparisons", form("variants", "softmax"),
        "short.csv", synthetic(4, 40));
    assertThat(tooShort.status()).as(tooShort.body()).isBetween(400, 499);
    assertThat(tooShort.contentType()).startsWith("application/problem+json");

    assertThat(api().postMultipart("/api/v1/attention-comparisons", form("variants", "softmax"), "x.csv", null)
        .status()).isEqualTo(400);
  }

  @Test
  void unknownIdsAndOtherKindsAreNotFoundAndARunningComparisonCancels() throws Exception {
    ApiClient.Reply unknown = api().get("/api/v1/attention-comparisons/no-such-job");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("detail").asText()).isEqualTo("no attention-comparison job 'no-such-job'");
    assertThat(api().get("/api/v1/attention-comparisons/no-such-job/markdown").status()).isEqualTo(404);

    // a long grid holds the training thread: no result yet (422), then cancelled
    String id = submit(form("variants", "softmax,sinkhorn,qr", "seeds", "3", "settings",
        "{\"dModel\": 16, \"dFf\": 16, \"nHeads\": 2, \"eLayers\": 1, \"epochs\": 300, \"patience\": 300}"));
    ApiClient.Reply early = api().get("/api/v1/attention-comparisons/" + id + "/markdown");
    assertThat(early.status()).as(early.body()).isEqualTo(422);
    assertThat(early.json().get("detail").asText()).contains("has no results.md");
    ApiClient.Reply cancel = api().delete("/api/v1/jobs/" + id);
    assertThat(cancel.status()).isIn(200, 202);
    JsonNode report = await(id);
    assertThat(report.get("job").get("state").asText()).as(report.toString()).isEqualTo("CANCELLED");
    assertThat(report.get("result").isNull()).isTrue();

    ApiClient.Reply backtest = api().postMultipart("/api/v1/backtests", Map.of("modelType", "naive", "seqLen", "24",
        "predLen", "8", "folds", "1", "intervals", "none"), "synthetic.csv", CSV);
    assertThat(backtest.status()).as(backtest.body()).isEqualTo(202);
    String backtestId = backtest.json().get("id").asText();
    ApiClient.Reply notAComparison = api().get("/api/v1/attention-comparisons/" + backtestId);
    assertThat(notAComparison.status()).isEqualTo(404);
    assertThat(notAComparison.json().get("detail").asText())
        .isEqualTo("job '" + backtestId + "' is a backtest job, not an attention-comparison");
  }

  @Test
  void theEndpointsAreInTheOpenApiDocument() {
    JsonNode paths = api().get("/v3/api-docs").json().get("paths");
    assertThat(paths.get("/api/v1/attention-comparisons").has("post")).isTrue();
    assertThat(paths.get("/api/v1/attention-comparisons/{id}").has("get")).isTrue();
    assertThat(paths.get("/api/v1/attention-comparisons/{id}/markdown").has("get")).isTrue();
    assertThat(paths.get("/api/v1/attention-comparisons/{id}/plot").has("get")).isTrue();
  }
}
