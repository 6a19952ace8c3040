package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  static final String DEMO = io.forecast.api.testing.DemoData.ETTH1.toString();
  @TempDir Path dir;

  @Test
  void inspectsTheBundledDemoDataset() throws Exception {
    CliRun run = CliRun.of("inspect", "--data", DEMO, "--pred-len", "336");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("rows").asInt()).isEqualTo(17420);
    assertThat(json.get("columns").asInt()).isEqualTo(7);
    assertThat(json.get("target").asText()).isEqualTo("OT");
    assertThat(json.get("firstTimestamp").asText()).isEqualTo("2016-07-01 00:00:00");
    assertThat(json.get("frequency").asText()).isEqualTo("PT1H");
    assertThat(json.at("/split/rule").asText()).isEqualTo("ett-hour");
    assertThat(json.at("/split/test/1").asInt()).isEqualTo(14400);
    assertThat(json.at("/windows/train").asInt()).isEqualTo(8209);
    assertThat(json.at("/windows/val").asInt()).isEqualTo(2545);
    assertThat(json.at("/windows/test").asInt()).isEqualTo(2545);
    assertThat(json.at("/quality/duplicateTimestamps").asInt()).isZero();
  }

  @Test
  void explicitSplitOverridesTheFileName() throws Exception {
    CliRun run = CliRun.of("inspect", "--data", DEMO, "--split", "ratio");
    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.at("/split/train/1").asInt()).isEqualTo(12194);
  }

  @Test
  void badFileExitsTwoWithOneLine() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "date,a,OT\n2020-01-01 00:00:00,1,2\n2020-01-01 01:00:00,x,4\n");
    CliRun run = CliRun.of("inspect", "--data", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).doesNotContain("\n")
        .startsWith("error: bad.csv, line 3, column 'a': non-numeric value 'x'");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void missingFileAndBadOptionsExitTwo() {
    CliRun missing = CliRun.of("inspect", "--data", dir.resolve("none.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("error: ").contains("none.csv: file not found");

    CliRun split = CliRun.of("inspect", "--data", DEMO, "--split", "weekly");
    assertThat(split.exitCode()).isEqualTo(2);
    assertThat(split.err().strip()).doesNotContain("\n").contains("unknown split 'weekly'");

    CliRun noData = CliRun.of("inspect");
    assertThat(noData.exitCode()).isEqualTo(2);
    assertThat(noData.err()).startsWith("error: Missing required option: '--data=FILE'");

    CliRun tooLong = CliRun.of("inspect", "--data", DEMO, "--pred-len", "3000");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err()).contains("val split has 2880 rows, too few");

    CliRun unknown = CliRun.of("frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("error: ");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"--help"}, {"inspect", "--help"}, {"bench", "--help"}, {"bench", "load", "--help"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).contains("Usage:");
    }
  }
}
