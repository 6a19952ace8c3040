package io.forecast.api.web;

import io.forecast.api.testing.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.api.cli.ForecastCli;
import io.forecast.api.server.ForecastServer;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.persist.AtomicDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every registered model type — the project's and the test-only {@code test-offset} found through
 * {@code META-INF/services} — trains through the CLI, is saved, loaded, and forecasts the same
 * values through the library, the CLI and REST on a random port.
 */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryModelTypeTest {
  static final Path STORE = tempDir();
  static final int ROWS = 1000;
  static final Path DATA = STORE.resolveSibling(STORE.getFileName() + "-etth1-small.csv");
  static final Path HISTORY = STORE.resolveSibling(STORE.getFileName() + "-history.csv");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
  }

  static Stream<String> types() {
    return ForecasterTypes.names().stream();
  }

  @AfterAll
  void cleanUp() throws IOException {
    AtomicDirectory.deleteRecursively(STORE);
    Files.deleteIfExists(DATA);
    Files.deleteIfExists(HISTORY);
  }

  @Test
  void theTestTypeIsListedEverywhere() throws Exception {
    assertThat(ForecasterTypes.names()).contains("olinear", "naive", "seasonal-naive", "mean", "test-offset");
    String[] cli = cli("types");
    assertThat(cli[0]).isEqualTo("0");
    JsonNode listed = ApiClient.JSON.readTree(cli[1]);
    assertThat(listed.get("test-offset").get("settings").get(0).get("name").asText()).isEqualTo("offset");
    assertThat(listed.get("test-offset").get("settings").get(0).get("default").asDouble()).isEqualTo(0.5);
    ApiClient.Reply rest = new ApiClient(port).get("/api/v1/model-types");
    assertThat(rest.status()).isEqualTo(200);
    assertThat(rest.json()).isEqualTo(listed);
    for (String type : ForecasterTypes.names()) {
      assertThat(rest.json().has(type)).as(type).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void trainSaveLoadForecastThroughLibraryCliAndRest(String type) throws Exception {
    writeData();
    Path model = STORE.resolve(type);
    List<String> args = new ArrayList<>(List.of("train", "--model-type", type, "--data", DATA.toString(), "--seq-len",
        "24", "--pred-len", "8", "--split", "ratio", "--out", model.toString(), "--overwrite", "--no-progress"));
    if (ForecasterTypes.get(type).settings().has("epochs")) {
      args.addAll(List.of("--set", "epochs=1"));
    }
    if (type.equals("olinear")) {
      args.addAll(List.of("--d-model", "16", "--embed-size", "2"));
    }
    if (type.equals("patchtst")) { // the defaults (dModel 512, dFf 2048) take seconds per epoch even here
      args.addAll(List.of("--set", "dModel=32", "--set", "dFf=64"));
    }
    String[] trained = cli(args.toArray(String[]::new));
    assertThat(trained[0]).as(trained[2]).isEqualTo("0");
    JsonNode summary = ApiClient.JSON.readTree(trained[1]);
    assertThat(summary.get("type").asText()).isEqualTo(type);
    assertThat(summary.get("test").get("mse").asDouble()).isPositive();
    assertThat(summary.get("test").get("perStep")).hasSize(8);

    double[] history;
    double[] library;
    List<String> columns;
    // the service's intra-op thread count (forecast.engine.inference-threads = 1), so that the REST
    // forecast is comparable bit for bit
    io.forecast.forecasting.nn.EngineThreads.useOnCurrentThread(1);
    try (FittedForecaster f = ForecasterTypes.load(model)) {
      columns = f.card().columns();
      String[] lines = Files.readString(HISTORY).split("\n");
      history = new double[(lines.length - 1) * columns.size()];
      for (int r = 1; r < lines.length; r++) {
        String[] cells = lines[r].split(",");
        for (int c = 0; c < columns.size(); c++) {
          history[(r - 1) * columns.size() + c] = Double.parseDouble(cells[c + 1]);
        }
      }
      library = f.forecast(history, lines.length - 1);
    }

    Path out = STORE.resolveSibling(STORE.getFileName() + "-" + type + "-out.csv");
    String[] forecast = cli("forecast", "--model", model.toString(), "--data", HISTORY.toString(), "--out",
        out.toString(), "--overwrite");
    assertThat(forecast[0]).as(forecast[2]).isEqualTo("0");
    List<String> rows = Files.readAllLines(out);
    Files.delete(out);
    double[] viaCli = new double[library.length];
    for (int r = 1; r < rows.size(); r++) {
      String[] cells = rows.get(r).split(",");
      for (int c = 0; c < columns.size(); c++) {
        viaCli[(r - 1) * columns.size() + c] = Double.parseDouble(cells[3 + c]);
      }
    }
    assertThat(viaCli).containsExactly(library);

    ApiClient.Reply rest = new ApiClient(port).postMultipart("/api/v1/forecasts", Map.of("modelId", type),
        "history.csv", Files.readAllBytes(HISTORY));
    assertThat(rest.status()).as(rest.body()).isEqualTo(200);
    for (int c = 0; c < columns.size(); c++) {
      JsonNode values = rest.json().get("columns").get(columns.get(c));
      for (int h = 0; h < 8; h++) {
        assertThat(values.get(h).asDouble()).as(type + " " + columns.get(c) + " step " + h)
            .isEqualTo(library[h * columns.size() + c]);
      }
    }
  }

  private static void writeData() throws IOException {
    if (Files.exists(HISTORY)) {
      return;
    }
    List<String> lines = Files.readAllLines(io.forecast.api.testing.DemoData.ETTH1);
    Files.writeString(DATA, String.join("\n", lines.subList(0, ROWS + 1)) + "\n", StandardCharsets.UTF_8);
    List<String> history = new ArrayList<>();
    history.add(lines.get(0));
    history.addAll(lines.subList(ROWS + 1, ROWS + 41));
    Files.writeString(HISTORY, String.join("\n", history) + "\n", StandardCharsets.UTF_8);
  }

  private static String[] cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ForecastCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("forecast-every-type-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
