package io.forecast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.server.ForecastServer;
import io.forecast.api.testing.DemoData;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code GET /api/v1/models/{id}/plot} over HTTP: SVG by default, PNG on request, problem documents. */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelPlotHttpTest {
  static final Path STORE;

  static {
    try {
      STORE = Files.createTempDirectory("forecast-plot-store-");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
  }

  @BeforeAll
  void naiveModel() throws Exception {
    TimeSeriesFrame frame = TimeSeriesCsvReader.read(DemoData.ETTH1);
    try (FittedForecaster m = ForecastPipeline.train(frame, "0".repeat(64),
        new TrainingSpec("naive", 48, 12, SplitRule.AUTO, Map.of()), TrainingContext.defaults())) {
      AtomicDirectory.write(STORE.resolve("naive"), false, m::save);
    }
  }

  @AfterAll
  void removeStore() throws Exception {
    AtomicDirectory.deleteRecursively(STORE);
  }

  private HttpResponse<byte[]> get(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void svgByDefaultWithOneLinePerMetric() throws Exception {
    HttpResponse<byte[]> r = get("/api/v1/models/naive/plot", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    assertThat(f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body())).getDocumentElement().getNodeName())
        .isEqualTo("svg");
    String svg = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(svg).contains(">MSE<").contains(">MAE<");
  }

  @Test
  void pngWhenAskedFor() throws Exception {
    HttpResponse<byte[]> r = get("/api/v1/models/naive/plot?width=500&height=300", "image/png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(image.getWidth()).isEqualTo(500);
    assertThat(image.getHeight()).isEqualTo(300);
  }

  @Test
  void unknownModelAndBadSizeAreProblemDocuments() throws Exception {
    HttpResponse<byte[]> missing = get("/api/v1/models/nope/plot", "image/svg+xml, application/problem+json");
    assertThat(missing.statusCode()).as(new String(missing.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(404);
    HttpResponse<byte[]> size = get("/api/v1/models/naive/plot?width=5", "image/svg+xml, application/problem+json");
    assertThat(size.statusCode()).isEqualTo(400);
    assertThat(new String(size.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("width and height must be 100 … 4000 pixels, got 5×450");
  }

  @Test
  void acceptHeaderRule() {
    assertThat(ModelPlotController.wantsPng(null)).isFalse();
    assertThat(ModelPlotController.wantsPng("*/*")).isFalse();
    assertThat(ModelPlotController.wantsPng("image/png")).isTrue();
    assertThat(ModelPlotController.wantsPng("image/svg+xml, image/png;q=0.5")).isFalse();
    assertThat(ModelPlotController.wantsPng("image/svg+xml;q=0.4, image/png")).isTrue();
  }
}
