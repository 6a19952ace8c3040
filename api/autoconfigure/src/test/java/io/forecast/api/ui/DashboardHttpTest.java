package io.forecast.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.server.ForecastServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard as {@code forecast serve} ships it, with API keys configured: its page and assets are
 * served without a key (they hold no data), the API it calls is not.
 */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"forecast.security.read-keys=r-0123456789abcdef", "forecast.security.write-keys=w-0123456789abcdef"})
class DashboardHttpTest {
  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path store = Files.createTempDirectory("forecast-ui-store-");
    store.toFile().deleteOnExit();
    registry.add("forecast.store.path", store::toString);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRootAnswersTheDashboardPageWithoutAKey() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.body()).contains("<script type=\"module\" src=\"/ui/app.js\">").contains("/ui/vendor/uPlot.iife.min.js");
  }

  @Test
  void everyAssetThePageNamesIsServedFromTheJar() throws Exception {
    String page = get("/").body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"(/ui/[^\"]+)\"").matcher(page);
    int assets = 0;
    while (m.find()) {
      HttpResponse<String> r = get(m.group(1));
      assertThat(r.statusCode()).as(m.group(1)).isEqualTo(200);
      assets++;
    }
    assertThat(assets).isEqualTo(4); // two stylesheets, uPlot and the app's module
  }

  @Test
  void everyModuleTheAppImportsIsServed() throws Exception {
    // the ES modules are loaded by the browser from their import lines; a missing one breaks the page
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(java.util.List.of("/ui/app.js"));
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      String path = todo.pop();
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("from '(\\.{1,2}/[^']+)'").matcher(r.body());
      while (m.find()) {
        todo.push(URI.create("http://x" + path).resolve(m.group(1)).getPath());
      }
    }
    assertThat(seen).contains("/ui/api.js", "/ui/forms.js", "/ui/charts.js", "/ui/pages/models.js",
        "/ui/pages/train.js", "/ui/pages/forecast.js", "/ui/pages/compare.js", "/ui/pages/data.js");
  }

  @Test
  void theApiTheDashboardCallsStillNeedsAKey() throws Exception {
    assertThat(get("/api/v1/models").statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownAssetIsNotFound() throws Exception {
    assertThat(get("/ui/nothing-here.js").statusCode()).isEqualTo(404);
  }
}
