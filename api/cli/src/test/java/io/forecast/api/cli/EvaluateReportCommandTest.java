package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forecast evaluate} with the full metrics, {@code --season} and {@code --report}, on a tiny
 * hourly file (100 rows, split ratio: train [0, 70), validation [70, 80), test [80, 100)) and the
 * {@code naive} baseline.
 */
class EvaluateReportCommandTest {
  @TempDir Path dir;

  private Path file() throws Exception {
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    for (int i = 0; i < 100; i++) {
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(10 + 3 * Math.sin(2 * Math.PI * i / 24.0) + 0.05 * i).append(',')
          .append(2 + (i % 7) + 0.5 * Math.cos(0.37 * i)).append('\n');
    }
    Path file = dir.resolve("small.csv");
    Files.writeString(file, csv);
    return file;
  }

  private Path train(Path data, String name, String intervals) {
    Path model = dir.resolve(name);
    CliRun train = CliRun.of("train", "--data", data.toString(), "--out", model.toString(), "--model-type", "naive",
        "--seq-len", "4", "--pred-len", "3", "--split", "ratio", "--intervals", intervals, "--no-progress");
    assertThat(train.exitCode()).as(train.err()).isZero();
    return model;
  }

  @Test
  void reportWritesJsonAndMarkdownWithTheFileDigestAndTheFullMetrics() throws Exception {
    Path data = file();
    Path model = train(data, "with", "80");
    Path report = dir.resolve("out/report");
    CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "ratio",
        "--report", report.toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(eval.out());
    // the fields from before are kept
    assertThat(out.at("/type").asText()).isEqualTo("naive");
    assertThat(out.at("/split").asText()).isEqualTo("ratio");
    assertThat(out.at("/test/windows").asInt()).isEqualTo(18);
    assertThat(out.at("/provenance/data/trainEnd").asInt()).isEqualTo(70);
    // and the new ones
    assertThat(out.at("/metrics/masePeriod").asInt()).isEqualTo(24);
    assertThat(out.at("/metrics/original/overall/mase").isNumber()).isTrue();
    assertThat(out.at("/metrics/zScored/overall/mse").asDouble()).isEqualTo(out.at("/test/mse").asDouble(),
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(out.at("/intervals/zScored/0/level").asDouble()).isEqualTo(0.8);
    assertThat(out.at("/report").asText()).isEqualTo(report.toString());

    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data)));
    JsonNode json = new ObjectMapper().readTree(report.resolve("evaluation.json").toFile());
    assertThat(json.at("/data/sha256").asText()).isEqualTo(sha);
    assertThat(json.at("/data/rows").asInt()).isEqualTo(100);
    assertThat(json.at("/data/valEnd").asInt()).isEqualTo(80);
    assertThat(json.at("/model/data/sha256").asText()).isEqualTo(sha);
    assertThat(json.at("/libraries/java").asText()).isNotEmpty();
    assertThat(json.at("/definitions/mase").asText()).contains("seasonal-naive");
    assertThat(json.at("/intervals/original/0/overall/coverage").isNumber()).isTrue();
    String md = Files.readString(report.resolve("evaluation.md"));
    assertThat(md).contains(sha).contains("## Overall").contains("## Per column").contains("## Per horizon step")
        .contains("| 80.0 % |");

    // again into the same folder: the files are replaced; a season given is used
    CliRun again = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "ratio",
        "--report", report.toString(), "--season", "12");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(new ObjectMapper().readTree(report.resolve("evaluation.json").toFile()).at("/seasonalPeriod").asInt())
        .isEqualTo(12);
  }

  @Test
  void aModelWithoutIntervalsHasNoIntervalMetrics() throws Exception {
    Path data = file();
    Path model = train(data, "without", "none");
    CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "ratio");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(eval.out());
    assertThat(out.has("intervals")).isFalse();
    assertThat(out.at("/notes/intervals").asText()).contains("no split-conformal calibration");
    assertThat(out.has("metrics")).isTrue();
  }

  @Test
  void badSeasonsAndReportsGiveOneErrorLine() throws Exception {
    Path data = file();
    Path model = train(data, "m", "none");
    for (String season : new String[] {"0", "x", "-3"}) {
      CliRun bad = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--season", season);
      assertThat(bad.exitCode()).as(season).isEqualTo(2);
      assertThat(bad.err().strip()).as(season).startsWith("error:").doesNotContain("\n").contains("--season");
      assertThat(bad.out()).isEmpty();
    }
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    CliRun file = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--report",
        plain.toString());
    assertThat(file.exitCode()).isEqualTo(2);
    assertThat(file.err().strip()).startsWith("error:").doesNotContain("\n").contains("is a file");
  }
}
