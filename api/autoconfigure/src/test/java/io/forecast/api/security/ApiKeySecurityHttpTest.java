package io.forecast.api.security;

import io.forecast.api.testing.ApiClient;
import static io.forecast.api.testing.ApiClient.bearer;
import static io.forecast.api.testing.ApiClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.api.server.ForecastServer;
import io.forecast.forecasting.persist.AtomicDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The REST service with API keys configured, over real HTTP on a random port: one behaviour per test. */
@AutoConfigureObservability
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeySecurityHttpTest {
  static final String READ_KEY = "read-key-0123456789abcdef";
  static final String WRITE_KEY = "write-key-0123456789abcdef";
  /** A second write key used only by the rate-limit test, so that its bucket is its own. */
  static final String RATE_KEY = "rate-key-0123456789abcdef";
  /** A write key used only by the backtest rate-limit test. */
  static final String BACKTEST_RATE_KEY = "backtest-rate-key-0123456789abcdef";
  static final int RATE = 3;
  static final Path STORE = tempDir();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
    registry.add("forecast.security.read-keys", () -> READ_KEY);
    registry.add("forecast.security.write-keys", () -> WRITE_KEY + ", " + RATE_KEY + ", " + BACKTEST_RATE_KEY);
    registry.add("forecast.security.training-rate-per-minute", () -> Integer.toString(RATE));
  }

  @AfterAll
  void removeStore() throws IOException {
    AtomicDirectory.deleteRecursively(STORE);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("forecast-security-store-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ApiClient http() {
    return new ApiClient(port);
  }

  /** A training submission without its file: passes security, then gets the API's own 400. */
  private ApiClient.Reply submitTraining(Map<String, String> headers) {
    return http().postForm("/api/v1/models", Map.of("id", "m", "seqLen", "24", "predLen", "8"), null, headers);
  }

  static void assertProblem(ApiClient.Reply r, int status, String... detailParts) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).contains(detailParts);
  }

  @Test
  void noKeyIs401WithBearerChallenge() {
    ApiClient.Reply r = http().get("/api/v1/models", Map.of());
    assertProblem(r, 401, "needs an API key", "Authorization: Bearer KEY", "X-API-Key: KEY");
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(r.json().get("instance").asText()).isEqualTo("/api/v1/models");
  }

  @Test
  void unknownKeyIs401AndNeverEchoed() {
    ApiClient.Reply r = http().get("/api/v1/models", bearer("not-a-configured-key-123"));
    assertProblem(r, 401, "unknown API key");
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(r.body()).doesNotContain("not-a-configured-key-123");
  }

  @Test
  void noKeyOnTrainingIs401() {
    assertProblem(submitTraining(Map.of()), 401, "needs an API key");
  }

  @Test
  void readKeyListsModels() {
    ApiClient.Reply r = http().get("/api/v1/models", bearer(READ_KEY));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void readKeyInXApiKeyHeaderListsModelTypes() {
    ApiClient.Reply r = http().get("/api/v1/model-types", headers("X-API-Key", READ_KEY));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().has("olinear")).isTrue();
  }

  @Test
  void readKeyMayForecast() {
    // passes security: the unknown model is the API's own 404
    assertProblem(http().postJson("/api/v1/forecasts", "{\"modelId\": \"nope\", \"columns\": {\"OT\": [1]}}",
        bearer(READ_KEY)), 404, "no model 'nope'");
  }

  @Test
  void readKeyIs403OnTraining() {
    assertProblem(submitTraining(bearer(READ_KEY)), 403, "may only read", "needs a write key");
  }

  @Test
  void readKeyIs403OnDeletingAModel() {
    assertProblem(http().delete("/api/v1/models/nope", bearer(READ_KEY)), 403, "needs a write key");
  }

  @Test
  void readKeyIs403OnCancellingAJob() {
    assertProblem(http().delete("/api/v1/jobs/nope", headers("X-API-Key", READ_KEY)), 403, "needs a write key");
  }

  @Test
  void writeKeyDeletesPastSecurity() {
    assertProblem(http().delete("/api/v1/models/nope", bearer(WRITE_KEY)), 404, "no model 'nope'");
  }

  @Test
  void writeKeySubmitsTrainingPastSecurity() {
    assertProblem(submitTraining(headers("X-API-Key", WRITE_KEY)), 400, "'file'");
  }

  @Test
  void writeKeyReads() {
    assertThat(http().get("/api/v1/jobs/nope", bearer(WRITE_KEY)).status()).isEqualTo(404);
  }

  @Test
  void trainingSubmissionsAreRateLimitedPerKey() {
    for (int i = 0; i < RATE; i++) {
      assertThat(submitTraining(bearer(RATE_KEY)).status()).as("submission %d", i + 1).isEqualTo(400);
    }
    ApiClient.Reply limited = submitTraining(bearer(RATE_KEY));
    assertProblem(limited, 429, "too many training submissions", "at most " + RATE + " per minute");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    assertThat(http().get("/api/v1/models", bearer(RATE_KEY)).status()).as("only training is limited")
        .isEqualTo(200);
  }

  /** A backtest submission without its file: passes security, then gets the API's own 400. */
  private ApiClient.Reply submitBacktest(Map<String, String> headers) {
    return http().postForm("/api/v1/backtests", Map.of("modelType", "naive", "seqLen", "24", "predLen", "8"), null,
        headers);
  }

  @Test
  void dataReportsNeedAReadKey() {
    ApiClient.Reply withoutFile = http().postForm("/api/v1/data-reports", Map.of(), null, bearer(READ_KEY));
    assertProblem(withoutFile, 400, "'file'");
    assertProblem(http().postForm("/api/v1/data-reports", Map.of(), null, Map.of()), 401, "needs an API key");
  }

  @Test
  void backtestsNeedAWriteKeyToSubmitAndAReadKeyToRead() {
    assertProblem(submitBacktest(bearer(READ_KEY)), 403, "needs a write key");
    assertProblem(submitBacktest(Map.of()), 401, "needs an API key");
    assertProblem(submitBacktest(bearer(WRITE_KEY)), 400, "'file'");
    assertProblem(http().get("/api/v1/backtests/nope", bearer(READ_KEY)), 404, "no backtest job 'nope'");
  }

  @Test
  void backtestSubmissionsShareTheTrainingRateLimit() {
    for (int i = 0; i < RATE - 1; i++) {
      assertThat(submitBacktest(bearer(BACKTEST_RATE_KEY)).status()).as("submission %d", i + 1).isEqualTo(400);
    }
    assertThat(submitTraining(bearer(BACKTEST_RATE_KEY)).status()).isEqualTo(400);
    assertProblem(submitBacktest(bearer(BACKTEST_RATE_KEY)), 429, "at most " + RATE + " per minute");
    assertProblem(submitTraining(bearer(BACKTEST_RATE_KEY)), 429, "at most " + RATE + " per minute");
  }

  @Test
  void healthIsOpen() {
    ApiClient.Reply r = http().get("/actuator/health", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("UP");
  }

  @Test
  void infoIsOpenAndShowsOnlyTheProductVersion() {
    ApiClient.Reply r = http().get("/actuator/info", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode info = r.json();
    assertThat(info.has("java")).isFalse();
    assertThat(info.has("os")).isFalse();
    assertThat(info.has("process")).isFalse();
    assertThat(info.get("app").get("version").asText()).isNotBlank().doesNotContain("@");
  }

  @Test
  void prometheusNeedsAKey() {
    assertProblem(http().get("/actuator/prometheus", Map.of()), 401, "needs an API key");
    ApiClient.Reply r = http().get("/actuator/prometheus", bearer(READ_KEY));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("jvm_");
  }

  @Test
  void openApiDocumentIsOpen() {
    ApiClient.Reply r = http().get("/v3/api-docs", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("paths").has("/api/v1/forecasts")).isTrue();
  }

  @Test
  void unknownPathWithoutKeyIs401() {
    assertProblem(http().get("/api/v1/nothing-here", Map.of()), 401, "needs an API key");
  }
}
