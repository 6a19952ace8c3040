package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void naiveModel() {
    model = dir.resolve("naive");
    CliRun train = CliRun.of("train", "--data", InspectCommandTest.DEMO, "--model-type", "naive", "--seq-len", "48",
        "--pred-len", "24", "--out", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
  }

  @Test
  void drawsTheLastWindowAsSvgAndPng() throws Exception {
    Path svg = dir.resolve("p.svg");
    CliRun run = CliRun.of("plot", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--out",
        svg.toString(), "--history", "96");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("column").asText()).isEqualTo("OT");
    assertThat(json.get("historyRows").asInt()).isEqualTo(96);
    assertThat(json.get("mse").asDouble()).isPositive();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    assertThat(f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName()).isEqualTo("svg");
    assertThat(Files.readString(svg)).contains(">history<").contains(">forecast<").contains(">actual<");

    Path png = dir.resolve("p.png");
    CliRun p = CliRun.of("plot", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--column", "HUFL",
        "--out", png.toString(), "--width", "640", "--height", "320");
    assertThat(p.exitCode()).as(p.err()).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(640);
  }

  @Test
  void badOutputNameAndUnknownColumnAreBadInput() {
    CliRun ext = CliRun.of("plot", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--out",
        dir.resolve("p.gif").toString());
    assertThat(ext.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(ext.err()).startsWith("error: --out must end in .svg or .png");
    CliRun col = CliRun.of("plot", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--column", "XX",
        "--out", dir.resolve("q.svg").toString());
    assertThat(col.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(col.err()).isEqualTo("error: --column 'XX' is not a column of the model; its columns: HUFL, HULL, "
        + "MUFL, MULL, LUFL, LULL, OT\n");
  }

  @Test
  void evaluateDrawsTheErrorByHorizonStep() throws Exception {
    Path svg = dir.resolve("eval.svg");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--plot",
        svg.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(svg)).contains(">MSE<").contains(">MAE<");
    CliRun bad = CliRun.of("evaluate", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--plot",
        dir.resolve("eval.jpg").toString());
    assertThat(bad.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(bad.err()).startsWith("error: --plot must end in .svg or .png");
  }

  @Test
  void forecastDrawsTheLastOriginWithTheWidestBand() throws Exception {
    Path svg = dir.resolve("f.svg");
    Path csv = dir.resolve("f.csv");
    CliRun run = CliRun.of("forecast", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--out",
        csv.toString(), "--intervals", "80,95", "--plot", svg.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String text = Files.readString(svg);
    assertThat(text).contains(">history<").contains(">forecast<").contains(">95 % interval<").doesNotContain(">actual<");
    CliRun bad = CliRun.of("forecast", "--model", model.toString(), "--data", InspectCommandTest.DEMO, "--out",
        dir.resolve("g.csv").toString(), "--plot", svg.toString(), "--plot-column", "XX", "--overwrite");
    assertThat(bad.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(bad.err()).startsWith("error: --plot-column 'XX' is not a column of the model");
    assertThat(dir.resolve("g.csv")).doesNotExist();
  }
}
