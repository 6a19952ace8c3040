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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Open mode with one allowed CORS origin: that origin's pages may call the API, others may not. */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsSecurityHttpTest {
  static final Path STORE = tempDir();
  static final String DASHBOARD = "https://dashboard.example";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
    registry.add("forecast.security.cors.allowed-origins", () -> DASHBOARD);
  }

  @AfterAll
  void removeStore() throws IOException {
    AtomicDirectory.deleteRecursively(STORE);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("forecast-cors-store-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ApiClient http() {
    return new ApiClient(port);
  }

  @Test
  void preflightOfAnAllowedOriginIsAnswered() {
    ApiClient.Reply r = http().options("/api/v1/models/x", headers("Origin", DASHBOARD,
        "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "authorization"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
    assertThat(r.header("Access-Control-Allow-Methods")).contains("DELETE");
  }

  @Test
  void preflightOfAnotherOriginIsRefused() {
    ApiClient.Reply r = http().options("/api/v1/models/x", headers("Origin", "https://evil.example",
        "Access-Control-Request-Method", "DELETE"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void crossSiteDeleteFromTheAllowedOriginPasses() {
    ApiClient.Reply r = http().delete("/api/v1/models/nope", headers("Origin", DASHBOARD,
        "Sec-Fetch-Site", "cross-site"));
    assertProblem(r, 404, "no model 'nope'");
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
  }

  @Test
  void crossSiteDeleteFromAnotherOriginIsStillRefused() {
    assertProblem(http().delete("/api/v1/models/nope", headers("Origin", "https://evil.example",
        "Sec-Fetch-Site", "cross-site")), 403, "cross-site DELETE refused");
  }
}
