package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} end to end on the bundled ETTh1 with cheap models, and its refusals. */
class CompareCommandTest {
  @TempDir Path dir;

  @Test
  void aSmallGridWritesItsFilesAndResumes() throws Exception {
    Path out = dir.resolve("grid");
    String[] args = {"compare", "--data", InspectCommandTest.DEMO, "--models", "naive,seasonal-naive,dlinear",
        "--pred-len", "8,16", "--seq-len", "24", "--epochs", "1", "--set", "batchSize=1024", "--seed-list", "2023",
        "--threads", "2", "--no-progress", "--out", out.toString()};
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("runs").asInt()).isEqualTo(6);
    assertThat(summary.get("trained").asInt()).isEqualTo(6);
    assertThat(summary.get("failed").asInt()).isZero();
    assertThat(summary.get("byModelAndHorizon")).hasSize(6);
    for (String file : new String[] {"results.json", "results.md", "mse-by-horizon.svg", "error-by-step-8.svg",
        "error-by-step-16.svg", "runs/dlinear_24_16_seed2023.json", "runs/naive_24_8_seed2023.json"}) {
      assertThat(out.resolve(file)).as(file).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("mse-by-horizon.svg"))).startsWith("<?xml").contains(">dlinear<");
    assertThat(Files.readString(out.resolve("results.md"))).contains("| seasonal-naive |").contains(" H=16 |");

    CliRun again = CliRun.of(args);
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode second = new ObjectMapper().readTree(again.out());
    assertThat(second.get("trained").asInt()).isZero();
    assertThat(second.get("resumed").asInt()).isEqualTo(6);
    assertThat(second.get("byModelAndHorizon")).isEqualTo(summary.get("byModelAndHorizon"));
  }

  @Test
  void badGridsExitTwoWithOneErrorLine() {
    String[][] bad = {
        {"--models", "naive,nope", "--pred-len", "8"},
        {"--models", " , ", "--pred-len", "8"},
        {"--models", "naive", "--pred-len", "8,x"},
        {"--models", "naive", "--pred-len", "0"},
        {"--models", "naive,dlinear", "--pred-len", "8", "--set", "kernal=25"},
    };
    String[] expected = {"unknown model type 'nope'", "--models is empty", "'x' is not a whole number", "pred_len",
        "'kernal'"};
    for (int i = 0; i < bad.length; i++) {
      String[] args = new String[bad[i].length + 7];
      String[] head = {"compare", "--data", InspectCommandTest.DEMO, "--no-progress", "--out",
          dir.resolve("bad" + i).toString(), "--seq-len=24"};
      System.arraycopy(head, 0, args, 0, head.length);
      System.arraycopy(bad[i], 0, args, head.length, bad[i].length);
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(run.err().strip()).startsWith("error: ").doesNotContain("\n").contains(expected[i]);
      assertThat(dir.resolve("bad" + i)).as("nothing written").doesNotExist();
    }
  }
}
