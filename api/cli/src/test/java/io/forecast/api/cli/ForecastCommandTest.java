package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

  @Test
  void intervalsAddLowerAndUpperColumnsPerLevel() throws Exception {
    Path out = dir.resolve("i.csv");
    CliRun run = CliRun.of("forecast", "--model", store.resolve("tiny").toString(), "--data", InspectCommandTest.DEMO,
        "--out", out.toString(), "--intervals", "80,95");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("intervals").toString()).isEqualTo("[\"80\",\"95\"]");
    List<String> lines = Files.readAllLines(out);
    String[] header = lines.get(0).split(",");
    assertThat(header).hasSize(3 + 7 + 2 * 7 * 2);
    assertThat(List.of(header).subList(10, 14)).containsExactly("HUFL_lo80", "HUFL_hi80", "HULL_lo80", "HULL_hi80");
    assertThat(List.of(header).subList(24, 26)).containsExactly("HUFL_lo95", "HUFL_hi95");
    assertThat(header[header.length - 1]).isEqualTo("OT_hi95");
    // by hand from the saved files: ŷ ± halfWidth[step][column] · std[column]
    ObjectMapper json = new ObjectMapper();
    JsonNode conformal = json.readTree(store.resolve("tiny").resolve("conformal.json").toFile());
    JsonNode std = json.readTree(store.resolve("tiny").resolve("scaler.json").toFile()).get("std");
    for (int k = 0; k < 8; k++) {
      String[] cells = lines.get(1 + k).split(",");
      for (int c = 0; c < 7; c++) {
        double y = Double.parseDouble(cells[3 + c]);
        for (int l = 0; l < 2; l++) {
          double h = conformal.get("halfWidths").get(l == 0 ? "80" : "95").get(k).get(c).asDouble()
              * std.get(c).asDouble();
          assertThat(Double.parseDouble(cells[10 + l * 14 + 2 * c])).isCloseTo(y - h, within(1e-9 * Math.max(1, Math.abs(y))));
          assertThat(Double.parseDouble(cells[11 + l * 14 + 2 * c])).isCloseTo(y + h, within(1e-9 * Math.max(1, Math.abs(y))));
        }
        assertThat(Double.parseDouble(cells[24 + 2 * c])).as("95 % is wider than 80 %")
            .isLessThan(Double.parseDouble(cells[10 + 2 * c]));
      }
    }
  }

  @Test
  void intervalErrorsExitTwoNamingTheAvailableLevels() throws Exception {
    CliRun notCalibrated = CliRun.of("forecast", "--model", store.resolve("tiny").toString(), "--data",
        InspectCommandTest.DEMO, "--out", dir.resolve("a.csv").toString(), "--intervals", "80,90");
    assertThat(notCalibrated.exitCode()).isEqualTo(2);
    assertThat(notCalibrated.err()).contains("the 90% interval was not calibrated for this model; available levels: "
        + "80, 95");
    assertThat(dir.resolve("a.csv")).doesNotExist();

    CliRun outOfRange = CliRun.of("forecast", "--model", store.resolve("tiny").toString(), "--data",
        InspectCommandTest.DEMO, "--out", dir.resolve("b.csv").toString(), "--intervals", "100");
    assertThat(outOfRange.exitCode()).isEqualTo(2);
    assertThat(outOfRange.err()).contains("interval level 100.0 is not a percentage in (0, 100)");

    // a model saved before intervals existed: no conformal.json
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    try (var files = Files.list(store.resolve("tiny"))) {
      for (Path p : files.toList()) {
        if (!p.getFileName().toString().equals("conformal.json")) {
          Files.copy(p, old.resolve(p.getFileName()));
        }
      }
    }
    CliRun plain = CliRun.of("forecast", "--model", old.toString(), "--data", InspectCommandTest.DEMO, "--out",
        dir.resolve("c.csv").toString());
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    CliRun none = CliRun.of("forecast", "--model", old.toString(), "--data", InspectCommandTest.DEMO, "--out",
        dir.resolve("d.csv").toString(), "--intervals", "80");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("has no conformal calibration").contains("retrain it to get intervals");
    assertThat(dir.resolve("d.csv")).doesNotExist();
  }

  @Test
  void trainCalibratesTheLevelsAskedFor() throws Exception {
    Path model = dir.resolve("mean");
    CliRun train = CliRun.of("train", "--data", InspectCommandTest.DEMO, "--out", model.toString(), "--model-type",
        "mean", "--seq-len", "24", "--pred-len", "8", "--intervals", "50,99", "--no-progress");
    assertThat(train.exitCode()).as(train.err()).isZero();
    JsonNode conformal = new ObjectMapper().readTree(train.out()).get("conformal");
    assertThat(conformal.get("levels").toString()).isEqualTo("[\"50\",\"99\"]");
    // ETT hourly validation rows [8640 - 24, 11520): 2904 - 24 - 8 + 1 windows
    assertThat(conformal.get("windows").asInt()).isEqualTo(2873);
    assertThat(conformal.get("testCoverage").get("99").asDouble()).isBetween(0.0, 100.0);
    CliRun wrong = CliRun.of("forecast", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--out",
        dir.resolve("w.csv").toString(), "--intervals", "80");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("available levels: 50, 99");
  }
}
