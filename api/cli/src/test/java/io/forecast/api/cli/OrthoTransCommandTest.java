package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.forecasting.io.NpyIo;
import io.forecast.forecasting.io.MatrixCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrthoTransCommandTest {
  @TempDir Path dir;

  @Test
  void buildsAndWritesQFromTheTrainSplit() throws Exception {
    Path npy = dir.resolve("q.npy");
    CliRun run = CliRun.of("orthotrans", "--data", InspectCommandTest.DEMO, "--length", "24", "--out", npy.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("length").asInt()).isEqualTo(24);
    assertThat(json.get("trainingRows").asInt()).isEqualTo(8640);
    assertThat(json.get("variatesUsed")).hasSize(7);
    assertThat(json.get("variatesSkipped")).isEmpty();
    assertThat(json.get("eigenvalueSum").asDouble()).isCloseTo(24.0, within(1e-9));
    assertThat(json.get("maxOrthogonalityError").asDouble()).isLessThan(1e-12);
    double[][] q = NpyIo.readMatrix(npy);
    assertThat(q).hasNumberOfRows(24);
    assertThat(q[0]).hasSize(24);

    Path csv = dir.resolve("q.csv");
    CliRun ratio = CliRun.of("orthotrans", "--data", InspectCommandTest.DEMO, "--length", "24", "--ratio", "0.6",
        "--out", csv.toString());
    assertThat(ratio.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(ratio.out()).get("trainingRows").asInt()).isEqualTo(10452);
    assertThat(MatrixCsv.read(csv)).hasNumberOfRows(24);

    CliRun again = CliRun.of("orthotrans", "--data", InspectCommandTest.DEMO, "--length", "12", "--out", csv.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
    assertThat(MatrixCsv.read(csv)).as("the stored file is kept").hasNumberOfRows(24);
  }

  @Test
  void badInputGetsOneLineErrors() throws Exception {
    CliRun tooShort = CliRun.of("orthotrans", "--data", InspectCommandTest.DEMO, "--length", "1");
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.err()).startsWith("error: --length must be at least 2");

    Path small = dir.resolve("small.csv");
    StringBuilder sb = new StringBuilder("date,a,b\n");
    java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
    for (int i = 0; i < 40; i++) {
      sb.append(d.plusDays(i)).append(',').append(Math.sin(i)).append(',').append(i % 3).append('\n');
    }
    Files.writeString(small, sb);
    CliRun tooLong = CliRun.of("orthotrans", "--data", small.toString(), "--length", "30");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err()).contains("small.csv: --length 30 needs at least 31 training rows");

    Path flat = dir.resolve("flat.csv");
    Files.writeString(flat, sb.toString().replaceAll(",[^,\\n]+,", ",1.0,").replaceAll(",\\d\\n", ",2\n"));
    CliRun skipped = CliRun.of("orthotrans", "--data", flat.toString(), "--length", "5");
    assertThat(skipped.exitCode()).isEqualTo(2);
    assertThat(skipped.err().strip()).doesNotContain("\n").contains("all 2 variates");

    Path holes = dir.resolve("holes.csv");
    Files.writeString(holes, sb.toString().replace("2020-01-03,", "2020-01-03,x").replaceFirst("2020-01-03,x[^,]*,", "2020-01-03,,"));
    CliRun nan = CliRun.of("orthotrans", "--data", holes.toString(), "--length", "5", "--missing", "keep");
    assertThat(nan.exitCode()).isEqualTo(2);
    assertThat(nan.err()).startsWith("error: ").containsIgnoringCase("nan");

    CliRun ext = CliRun.of("orthotrans", "--data", InspectCommandTest.DEMO, "--length", "8", "--out", "q.txt");
    assertThat(ext.exitCode()).isEqualTo(2);
    assertThat(ext.err()).contains("--out must end in .npy or .csv");
  }
}
