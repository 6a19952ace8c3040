package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} then {@code evaluate} end to end on the bundled ETTh1, with a tiny model. */
class TrainEvaluateCommandTest {
  static final String[] TINY = {"--seq-len", "24", "--pred-len", "8", "--preset", "fast", "--d-model", "16",
      "--embed-size", "2", "--epochs", "1", "--no-progress", "--threads", "2"};
  @TempDir Path dir;

  static String[] args(String... head) {
    String[] all = new String[head.length + TINY.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(TINY, 0, all, head.length, TINY.length);
    return all;
  }

  @Test
  void trainSavesAModelThatEvaluateScoresIdentically() throws Exception {
    Path model = dir.resolve("etth1");
    CliRun train = CliRun.of(args("train", "--data", InspectCommandTest.DEMO, "--out", model.toString()));
    assertThat(train.exitCode()).as(train.err()).isZero();
    JsonNode t = new ObjectMapper().readTree(train.out());
    assertThat(t.get("epochsRun").asInt()).isEqualTo(1);
    assertThat(t.at("/test/windows").asInt()).isEqualTo(2880 - 8 + 1);
    assertThat(t.at("/test/mse").asDouble()).isPositive().isLessThan(2.0);
    assertThat(t.at("/test/perColumn/OT/mae").asDouble()).isPositive();
    assertThat(model.resolve("model.json")).exists();
    assertThat(model.resolve("weights.bin")).exists();
    assertThat(model.resolve("q_in.npy")).exists();
    assertThat(model.resolve("provenance.json")).exists();
    assertThat(Files.readString(model.resolve("provenance.json")))
        .contains("f18de3ad269cef59bb07b5438d79bb3042d3be49bdeecf01c1cd6d29695ee066");

    CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--data", InspectCommandTest.DEMO);
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode e = new ObjectMapper().readTree(eval.out());
    assertThat(e.at("/test/mse").asDouble()).isEqualTo(t.at("/test/mse").asDouble());
    assertThat(e.at("/test/mae").asDouble()).isEqualTo(t.at("/test/mae").asDouble());

    CliRun again = CliRun.of(args("train", "--data", InspectCommandTest.DEMO, "--out", model.toString()));
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already exists").contains("--overwrite");
    assertThat(model.resolve("model.json")).as("the stored model is kept").exists();
  }

  @Test
  void badModelsAndDataGiveOneLineErrors() throws Exception {
    CliRun missing = CliRun.of("evaluate", "--model", dir.resolve("nope").toString(), "--data", InspectCommandTest.DEMO);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).doesNotContain("\n").endsWith("nope: no such model directory");

    Files.createDirectories(dir.resolve("empty"));
    CliRun notModel = CliRun.of("evaluate", "--model", dir.resolve("empty").toString(), "--data", InspectCommandTest.DEMO);
    assertThat(notModel.exitCode()).isEqualTo(2);
    assertThat(notModel.err()).contains("not a model directory");

    CliRun preset = CliRun.of("train", "--data", InspectCommandTest.DEMO, "--out", dir.resolve("x").toString(),
        "--preset", "huge");
    assertThat(preset.exitCode()).isEqualTo(2);
    assertThat(preset.err()).contains("setting 'preset' of model type 'olinear' must be one of fast, paper, got 'huge'");

    Path other = dir.resolve("sales.csv");
    StringBuilder sb = new StringBuilder("date,units\n");
    java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
    for (int i = 0; i < 300; i++) {
      sb.append(d.plusDays(i)).append(',').append(i % 7).append('\n');
    }
    Files.writeString(other, sb);
    CliRun paper = CliRun.of("train", "--data", other.toString(), "--out", dir.resolve("y").toString(), "--preset", "paper");
    assertThat(paper.exitCode()).isEqualTo(2);
    assertThat(paper.err()).contains("no paper settings for 'sales.csv'");

    CliRun threads = CliRun.of("train", "--data", other.toString(), "--out", dir.resolve("z").toString(), "--threads", "0");
    assertThat(threads.exitCode()).isEqualTo(2);
    assertThat(threads.err()).contains("--threads must be at least 1");
    assertThat(dir.resolve("y")).doesNotExist();
  }

  @Test
  void withoutATerminalProgressIsOnePlainLinePerEpochAndPerPhase() {
    CliRun train = CliRun.of("train", "--data", InspectCommandTest.DEMO, "--out", dir.resolve("lines").toString(),
        "--seq-len", "24", "--pred-len", "8", "--model-type", "dlinear", "--set", "epochs=2");
    assertThat(train.exitCode()).as(train.err()).isZero();
    List<String> lines = train.err().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 2))
        .allMatch(l -> l.matches("train dlinear ETTh1.csv 24→8: epoch [12]/2 train \\S+ val \\S+ lr \\S+ \\S+s"));
    // ETT hourly split: test rows [11520 - 24, 14400) = 2904 rows; windows of 24 + 8 rows: 2904 - 32 + 1
    // ETT hourly split: validation rows [8640 - 24, 11520) = 2904 rows, also 2873 windows
    assertThat(lines.get(2)).matches("train dlinear ETTh1.csv 24→8: conformal calibration, 2873 validation windows \\S+s");
    assertThat(lines.get(3)).matches("train dlinear ETTh1.csv 24→8: test evaluation, 2873 windows \\S+s");
  }
}
