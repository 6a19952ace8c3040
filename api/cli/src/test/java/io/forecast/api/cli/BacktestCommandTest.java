package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {
  @TempDir Path dir;

  private static CliRun backtest(String... extra) {
    String[] base = {"backtest", "--data", InspectCommandTest.DEMO, "--model-type", "naive", "--seq-len", "48",
        "--pred-len", "24", "--no-progress"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  @Test
  void cutsTheTestSplitIntoFoldsAndDrawsThem() throws Exception {
    Path svg = dir.resolve("bt.svg");
    CliRun run = backtest("--folds", "2", "--plot", svg.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    // ETTh1's test split is rows [11520, 14400): two folds of 1440 rows, 1440 − 24 + 1 windows each
    assertThat(json.get("folds")).hasSize(2);
    assertThat(json.at("/folds/0/origin").asInt()).isEqualTo(11520);
    assertThat(json.at("/folds/1/origin").asInt()).isEqualTo(12960);
    assertThat(json.at("/folds/0/originTime").asText()).isEqualTo("2017-10-24 00:00:00");
    assertThat(json.at("/folds/1/windows").asInt()).isEqualTo(1417);
    assertThat(json.at("/aggregate/windows").asInt()).isEqualTo(2 * 1417);
    assertThat(json.at("/data/sha256").asText()).hasSize(64);
    assertThat(json.at("/folds/0/intervals/80/coverage").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.get("plot").asText()).isEqualTo(svg.toString());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    assertThat(f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName()).isEqualTo("svg");
    assertThat(Files.readString(svg)).contains(">MSE<").contains(">MAE<");
  }

  @Test
  void theFirstOriginMayBeATimestampOfTheFile() throws Exception {
    CliRun run = backtest("--first-origin", "2017-12-03 00:00:00", "--step", "480", "--folds", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    // 2017-12-03 00:00 is 40 days after row 11520 (2017-10-24 00:00): row 11520 + 960
    assertThat(json.at("/folds/0/origin").asInt()).isEqualTo(12480);
    assertThat(json.at("/folds/1/origin").asInt()).isEqualTo(12960);
    assertThat(json.at("/folds/0/testEnd").asInt()).isEqualTo(12960);
  }

  @Test
  void badFoldSettingsAreOneErrorLine() {
    CliRun window = backtest("--window", "rolling");
    assertThat(window.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(window.err()).isEqualTo("error: --window must be expanding or sliding, got 'rolling'\n");
    CliRun horizon = backtest("--horizon", "10");
    assertThat(horizon.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(horizon.err()).isEqualTo("error: the horizon (10 rows per fold) must be at least pred_len (24)\n");
    CliRun origin = backtest("--first-origin", "2030-01-01 00:00:00");
    assertThat(origin.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(origin.err()).isEqualTo("error: --first-origin 2030-01-01 00:00:00 is not a timestamp of ETTh1.csv\n");
    CliRun refit = backtest("--refit-every", "-1");
    assertThat(refit.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(refit.err()).isEqualTo("error: refit-every must be 0 (only the first fold) or at least 1, got -1\n");
  }
}
