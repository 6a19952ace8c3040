package io.forecast.api.security;

import io.forecast.api.testing.ApiClient;
import static io.forecast.api.security.ApiKeySecurityHttpTest.assertProblem;
import static io.forecast.api.testing.ApiClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.server.ForecastServer;
import io.forecast.forecasting.persist.AtomicDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The REST service without API keys (open development mode) over real HTTP: everything is allowed
 * except state-changing requests a browser marks as cross-site; CORS is off.
 */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenModeSecurityHttpTest {
  static final Path STORE = tempDir();
  static final String EVIL = "https://evil.example";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
    registry.add("forecast.security.training-rate-per-minute", () -> "1");
  }

  @AfterAll
  void removeStore() throws IOException {
    AtomicDirectory.deleteRecursively(STORE);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("forecast-open-store-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ApiClient http() {
    return new ApiClient(port);
  }

  private ApiClient.Reply submitTraining(Map<String, String> headers) {
    return http().postForm("/api/v1/models", Map.of("id", "m", "seqLen", "24", "predLen", "8"), null, headers);
  }

  @Test
  void everythingIsAllowedWithoutAKey() {
    assertThat(http().get("/api/v1/models", Map.of()).status()).isEqualTo(200);
    assertProblem(http().delete("/api/v1/models/nope", Map.of()), 404, "no model 'nope'");
  }

  @Test
  void crossSiteTrainingSubmissionIsRefused() {
    assertProblem(submitTraining(headers("Sec-Fetch-Site", "cross-site")), 403, "cross-site POST refused",
        "open mode");
  }

  @Test
  void crossOriginTrainingSubmissionIsRefused() {
    assertProblem(submitTraining(headers("Origin", EVIL)), 403, "cross-site POST refused");
  }

  @Test
  void crossOriginDeleteIsRefused() {
    assertProblem(http().delete("/api/v1/models/nope", headers("Origin", "http://localhost:9999")), 403,
        "cross-site DELETE refused");
  }

  @Test
  void sameOriginPostIsAllowed() {
    // the Swagger UI of the server itself: Origin equals the Host it was served from
    assertProblem(http().postJson("/api/v1/forecasts", "{\"modelId\": \"nope\", \"columns\": {\"OT\": [1]}}",
        headers("Origin", http().base(), "Sec-Fetch-Site", "same-origin")), 404, "no model 'nope'");
  }

  @Test
  void crossSiteReadIsNotRefusedButGetsNoCorsHeaders() {
    ApiClient.Reply r = http().get("/api/v1/models", headers("Origin", EVIL, "Sec-Fetch-Site", "cross-site"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void corsIsOffByDefault() {
    ApiClient.Reply preflight = http().options("/api/v1/models", headers("Origin", EVIL,
        "Access-Control-Request-Method", "POST"));
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void loopbackClientsAreNotRateLimitedInOpenMode() {
    // the limit is 1 per minute here, but a developer's own machine is not limited in open mode
    for (int i = 0; i < 3; i++) {
      assertThat(submitTraining(Map.of()).status()).isEqualTo(400);
    }
  }

  @Test
  void startLineSaysOpen(@org.springframework.beans.factory.annotation.Autowired ApiKeys keys) {
    assertThat(keys.isOpen()).isTrue();
    assertThat(keys.describe()).isEqualTo("open: no API keys configured — development use only");
  }
}
