package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecast diagnose} on a tiny itransformer trained here, and its refusals. */
class DiagnoseCommandTest {
  @TempDir static Path dir;
  static Path csv;
  static Path store;

  @BeforeAll
  static void tinyModels() throws Exception {
    StringBuilder s = new StringBuilder("date,a,b,c,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    for (int i = 0; i < 400; i++) {
      double x = Math.sin(2 * Math.PI * i / 24.0);
      s.append(t.plusHours(i).toString().replace('T', ' ')).append(":00")
          .append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f%n", 10 + 3 * x, Math.cos(2 * Math.PI * i / 12.0),
              5 - x + (i % 5) * 0.05, 20 + x + 0.01 * i));
    }
    csv = dir.resolve("four.csv");
    Files.writeString(csv, s.toString());
    store = dir.resolve("store");
    CliRun it = CliRun.of("train", "--data", csv.toString(), "--model-type", "itransformer", "--seq-len", "24",
        "--pred-len", "8", "--epochs", "1", "--set", "dModel=16", "--set", "dFf=16", "--set", "nHeads=2", "--set",
        "eLayers=2", "--threads", "1", "--no-progress", "--out", store.resolve("tiny-it").toString());
    assertThat(it.exitCode()).as(it.err()).isZero();
    CliRun naive = CliRun.of("train", "--data", csv.toString(), "--model-type", "naive", "--seq-len", "24",
        "--pred-len", "8", "--no-progress", "--out", store.resolve("tiny-naive").toString());
    assertThat(naive.exitCode()).as(naive.err()).isZero();
  }

  @Test
  void reportsEveryLayerOfAStoredItransformer() throws Exception {
    Path out = dir.resolve("diag");
    CliRun run = CliRun.of("diagnose", "--model", "tiny-it", "--store", store.toString(), "--data", csv.toString(),
        "--windows", "10", "--threads", "1", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("type").asText()).isEqualTo("itransformer");
    assertThat(json.get("windows").asInt()).isEqualTo(10);
    JsonNode layers = json.get("layers");
    assertThat(layers).hasSize(2);
    for (int l = 0; l < 2; l++) {
      JsonNode layer = layers.get(l);
      assertThat(layer.get("layer").asInt()).isEqualTo(l + 1);
      // softmax: rows sum to 1, so the row error is float32 rounding only
      assertThat(layer.get("rowError").asDouble()).isLessThan(1e-5);
      // 4 tokens: row entropy within (0, ln 4], sink mass within [1/4, 1], diagonal mass within [0, 1]
      assertThat(layer.get("entropy").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(Math.log(4) + 1e-9);
      assertThat(layer.get("sinkMass").asDouble()).isBetween(0.25 - 1e-9, 1.0);
      assertThat(layer.get("diagonalMass").asDouble()).isBetween(0.0, 1.0);
      assertThat(layer.get("rankOneDistance").asDouble()).isBetween(0.0, 1.0);
      assertThat(layer.get("effectiveRank").asDouble()).isBetween(1.0, 4.0 + 1e-9);
    }
    JsonNode file = new ObjectMapper().readTree(out.resolve("diagnostics.json").toFile());
    assertThat(file.get("layers")).isEqualTo(layers);
    assertThat(Files.readString(out.resolve("diagnostics.md"))).contains("| layer | row error", "| 2 | ");
  }

  @Test
  void aModelWithoutAttentionIsRefusedNamingItsType() {
    CliRun run = CliRun.of("diagnose", "--model", "tiny-naive", "--store", store.toString(), "--data", csv.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: model type 'naive' exposes no attention probe");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void badInputGetsOneErrorLine() {
    CliRun missing = CliRun.of("diagnose", "--model", "nope", "--store", store.toString(), "--data", csv.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("error: nope: no such model directory");
    assertThat(missing.err().strip().lines()).hasSize(1);

    CliRun windows = CliRun.of("diagnose", "--model", "tiny-it", "--store", store.toString(), "--data", csv.toString(),
        "--windows", "0");
    assertThat(windows.exitCode()).isEqualTo(2);
    assertThat(windows.err()).startsWith("error: --windows must be at least 1");

    CliRun other = CliRun.of("diagnose", "--model", "tiny-it", "--store", store.toString(), "--data",
        InspectCommandTest.DEMO);
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).startsWith("error: ").contains("columns");
    assertThat(other.err().strip().lines()).hasSize(1);
  }
}
