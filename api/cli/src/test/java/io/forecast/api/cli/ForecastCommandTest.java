package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {
  @TempDir static Path store;
  @TempDir Path dir;

  @BeforeAll
  static void trainTinyModel() {
    CliRun train = CliRun.of(TrainEvaluateCommandTest.args("train", "--data", InspectCommandTest.DEMO,
        "--out", store.resolve("tiny").toString()));
    assertThat(train.exitCode()).as(train.err()).isZero();
  }

  @Test
  void forecastsTheRowsAfterTheFileAndMatchesTheLibrary() throws Exception {
    Path out = dir.resolve("f.csv");
    CliRun run = CliRun.of("forecast", "--model", store.resolve("tiny").toString(), "--data", InspectCommandTest.DEMO,
        "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("origins").asInt()).isEqualTo(1);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(1 + 8);
    assertThat(lines.get(0)).isEqualTo("origin,timestamp,step,HUFL,HULL,MUFL,MULL,LUFL,LULL,OT");
    assertThat(lines.get(1)).startsWith("2018-06-26 19:00:00,2018-06-26 20:00:00,1,");
    assertThat(lines.get(8)).startsWith("2018-06-26 19:00:00,2018-06-27 03:00:00,8,");

    TimeSeriesFrame frame = TimeSeriesCsvReader.read(Path.of(InspectCommandTest.DEMO));
    try (Forecaster f = ForecasterTypes.load(store.resolve("tiny"))) {
      double[] expected = f.forecast(frame.values(frame.rows() - 24, frame.rows()), 24);
      for (int k = 0; k < 8; k++) {
        String[] cells = lines.get(1 + k).split(",");
        for (int c = 0; c < 7; c++) {
          assertThat(Double.parseDouble(cells[3 + c])).isEqualTo(expected[k * 7 + c]);
        }
      }
    }
  }

  @Test
  void rollingByIdFromTheStore() throws Exception {
    Path out = dir.resolve("r.csv");
    CliRun run = CliRun.of("forecast", "--model", "tiny", "--store", store.toString(), "--data",
        InspectCommandTest.DEMO, "--out", out.toString(), "--rolling", "--stride", "2000", "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    // origins 17420, 15420, ..., 1420 (>= seq_len 24): 9 of them
    assertThat(new ObjectMapper().readTree(run.out()).get("origins").asInt()).isEqualTo(9);
    assertThat(Files.readAllLines(out)).hasSize(1 + 9 * 8);
    assertThat(ForecastCommand.origins(100, 24, 30)).containsExactly(40, 70, 100);
  }

  @Test
  void badInputExitsTwo() throws Exception {
    Path out = dir.resolve("x.csv");
    Files.writeString(out, "keep me");
    CliRun exists = CliRun.of("forecast", "--model", store.resolve("tiny").toString(), "--data",
        InspectCommandTest.DEMO, "--out", out.toString());
    assertThat(exists.exitCode()).isEqualTo(2);
    assertThat(Files.readString(out)).isEqualTo("keep me");

    CliRun unknown = CliRun.of("forecast", "--model", "nope", "--store", store.toString(), "--data",
        InspectCommandTest.DEMO, "--out", dir.resolve("y.csv").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no model 'nope'");

    CliRun traversal = CliRun.of("forecast", "--model", "../etc", "--store", store.toString(), "--data",
        InspectCommandTest.DEMO, "--out", dir.resolve("y.csv").toString());
    assertThat(traversal.exitCode()).isEqualTo(2);

    Path other = dir.resolve("other.csv");
    Files.writeString(other, "date,a,b\n2020-01-01,1,2\n2020-01-02,3,4\n");
    CliRun columns = CliRun.of("forecast", "--model", store.resolve("tiny").toString(), "--data", other.toString(),
        "--out", dir.resolve("z.csv").toString());
    assertThat(columns.exitCode()).isEqualTo(2);
    assertThat(columns.err()).contains("has columns [a, b] but the model was trained on");
    assertThat(dir.resolve("z.csv")).doesNotExist();
  }
}
