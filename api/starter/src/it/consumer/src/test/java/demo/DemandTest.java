package demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The host application as a user runs it, in this project's directory: TrainEtth1 trains and saves
 * models/etth1 from the repository's demo file, then Demand starts (the starter's auto-configuration
 * and REST API), forecasts from recent.csv at startup, and serves /api/v1.
 */
class DemandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void trainsThenServesForecastsThroughTheStarter() throws Exception {
    Path csv = Path.of(System.getProperty("demo.csv"));
    assertThat(csv).as("the repository's demo file").isRegularFile();
    FileSystemUtils.deleteRecursively(Path.of("models"));
    Files.deleteIfExists(Path.of("target/host-log.txt"));

    // The libraries alone: what a jar may not carry, so the host's configuration is the one in force.
    for (String config : List.of("logback.xml", "logback-test.xml", "logback.groovy", "log4j2.xml",
        "log4j2-test.xml", "logback-spring.xml")) {
      List<URL> found = Collections.list(getClass().getClassLoader().getResources(config));
      found.removeIf(u -> u.toString().contains("/target/classes/"));
      assertThat(found).as("logging configuration %s in a dependency", config).isEmpty();
    }

    String trained = captureStdout(() -> TrainEtth1.main(new String[] {csv.toString()}));
    assertThat(trained).containsPattern("test MSE \\d")
        .contains("next 96 rows × 7 columns: 672 values");
    assertThat(Path.of("models/etth1")).isDirectory();

    // recent.csv: the header and the last 200 rows of the demo file
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> recent = new ArrayList<>();
    recent.add(lines.get(0));
    recent.addAll(lines.subList(lines.size() - 200, lines.size()));
    Files.write(Path.of("recent.csv"), recent, StandardCharsets.UTF_8);

    ConfigurableApplicationContext[] context = new ConfigurableApplicationContext[1];
    // SpringApplication.run(Demand.class, ...) as Demand.main does; the main class is named because
    // here main() is surefire's, and Boot's startup line ("Started Demand in ...") names it.
    SpringApplication application = new SpringApplication(Demand.class);
    application.setMainApplicationClass(Demand.class);
    String started = captureStdout(() -> context[0] = application.run("--server.port=0"));
    try (ConfigurableApplicationContext app = context[0]) {
      assertThat(started).containsPattern("next 96 rows from \\S.*, OT first step = -?\\d");
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/v1/models")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      JSON.readTree(models.body()).forEach(m -> ids.add(m.path("id").asText()));
      assertThat(ids).contains("etth1");

      String boundary = "demand-it-boundary";
      byte[] body = multipart(boundary, Path.of("recent.csv"));
      HttpResponse<String> forecast = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/v1/forecasts")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
      JsonNode result = JSON.readTree(forecast.body());
      assertThat(result.path("modelId").asText()).isEqualTo("etth1");
      assertThat(result.path("predLen").asInt()).isEqualTo(96);
      assertThat(result.path("timestamps").size()).isEqualTo(96);
      assertThat(result.path("columns").path("OT").size()).isEqualTo(96);
      // the startup runner forecast from the same file: the same first timestamp
      assertThat(started).contains("next 96 rows from " + result.path("timestamps").get(0).asText() + ",");
    }

    // The host's logback-spring.xml took effect: its file has Spring Boot's startup line.
    Path hostLog = Path.of("target/host-log.txt");
    assertThat(hostLog).isRegularFile();
    try (Stream<String> log = Files.lines(hostLog)) {
      assertThat(log.anyMatch(l -> l.startsWith("[demand-host] ") && l.contains("Started Demand"))).isTrue();
    }
  }

  private static byte[] multipart(String boundary, Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"modelId\"\r\n\r\netth1\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
        + "\"\r\nContent-Type: text/csv\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.UTF_8));
    out.write(Files.readAllBytes(file));
    out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  interface Action {
    void run() throws Exception;
  }

  /** Runs the action with System.out also copied into the returned text. */
  private static String captureStdout(Action action) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        copy.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        copy.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    try {
      action.run();
    } finally {
      tee.flush();
      System.setOut(original);
    }
    return copy.toString(StandardCharsets.UTF_8);
  }
}
