package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecast bench forward}: argument errors and tiny runs (counts and shapes, never timings). */
class BenchForwardCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void refusesBadArgumentsWithOneErrorLine() {
    String[][] bad = {
      {"bench", "forward"},
      {"bench", "forward", "--model", "x", "--preset", "fast"},
      {"bench", "forward", "--preset", "fast", "--batch", "0"},
      {"bench", "forward", "--preset", "fast", "--batch", "1,-3"},
      {"bench", "forward", "--preset", "fast", "--calls", "0"},
      {"bench", "forward", "--preset", "fast", "--warmup", "-1"},
      {"bench", "forward", "--preset", "fast", "--format", "xml"},
      {"bench", "forward", "--preset", "fast", "--threads", "0"},
      {"bench", "forward", "--preset", "huge", "--data", InspectCommandTest.DEMO},
      {"bench", "forward", "--model", dir.resolve("missing").toString(), "--data", InspectCommandTest.DEMO},
    };
    String[] expected = {
      "Missing required argument", "mutually exclusive", "--batch sizes, --calls and --traced must be at least 1",
      "--batch sizes, --calls and --traced must be at least 1", "--batch sizes, --calls and --traced must be at least 1",
      "--warmup at least 0", "--format must be json or markdown", "--threads must be at least 1",
      "unknown preset 'huge'", "no such model directory",
    };
    for (int i = 0; i < bad.length; i++) {
      CliRun run = CliRun.of(bad[i]);
      assertThat(run.exitCode()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", bad[i])).contains(expected[i]);
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void timesEveryBatchSizeOfAnUntrainedPreset() throws Exception {
    CliRun run = CliRun.of("bench", "forward", "--preset", "fast", "--data", InspectCommandTest.DEMO, "--batch", "1,3",
        "--calls", "4", "--warmup", "1", "--threads", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("benchmark").asText()).isEqualTo("forward");
    assertThat(json.get("preset").asText()).isEqualTo("fast");
    // fast preset, 96→96, 7 variates: 14 RevIN + 8 φ + 2·672 δ + 98,432 + 66,609 (one layer) + 256 + 99,072
    // + 98,432 + 12,384
    assertThat(json.get("parameters").asLong()).isEqualTo(376_551L);
    // ETTh1 test split: rows [11520 − 96, 14400) → 2976 − 96 − 96 + 1 windows
    assertThat(json.get("testWindows").asInt()).isEqualTo(2785);
    JsonNode rows = json.get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("batch").asInt()).isEqualTo(1);
    assertThat(rows.get(1).get("batch").asInt()).isEqualTo(3);
    for (JsonNode row : rows) {
      assertThat(row.get("millis")).hasSize(4);
      assertThat(row.get("calls").asInt()).isEqualTo(4);
      double median = row.get("medianMillis").asDouble();
      assertThat(row.get("minMillis").asDouble()).isPositive().isLessThanOrEqualTo(median);
      assertThat(row.get("p99Millis").asDouble()).isGreaterThanOrEqualTo(median);
    }
  }

  @Test
  void timesASavedModelAndPrintsMarkdown() {
    Path model = dir.resolve("naive");
    CliRun train = CliRun.of("train", "--data", InspectCommandTest.DEMO, "--model-type", "naive", "--seq-len", "48",
        "--pred-len", "24", "--out", model.toString(), "--no-progress");
    assertThat(train.exitCode()).as(train.err()).isZero();
    CliRun run = CliRun.of("bench", "forward", "--model", model.toString(), "--data", InspectCommandTest.DEMO,
        "--batch", "2,5,1", "--calls", "3", "--warmup", "0", "--format", "markdown");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(2 + 3);
    assertThat(lines[0]).startsWith("| batch | calls | median ms | p99 ms");
    assertThat(lines[2]).startsWith("| 2 | 3 |");
    assertThat(lines[3]).startsWith("| 5 | 3 |");
    assertThat(lines[4]).startsWith("| 1 | 3 |");
  }
}
