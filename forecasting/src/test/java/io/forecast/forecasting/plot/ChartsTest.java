package io.forecast.forecasting.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ChartsTest {
  static final double[] HISTORY = {1, 2, 3, 2, 1, 2, 3, 4};
  static final double[] FORECAST = {4.5, 5, 5.5};
  static final double[] ACTUAL = {4, 5, 7};

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  /**
   * Groups drawn with the series stroke (1.6 px) in colour {@code rgb}: each series line is one such
   * group in the plot and one in the legend.
   */
  private static long seriesStrokes(Document doc, String rgb) {
    NodeList groups = doc.getElementsByTagName("g");
    long n = 0;
    for (int i = 0; i < groups.getLength(); i++) {
      var style = groups.item(i).getAttributes().getNamedItem("style");
      if (style != null && style.getNodeValue().contains("stroke-width:1.6")
          && style.getNodeValue().contains("stroke:" + rgb + ";")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void theForecastChartIsValidSvgWithOneLinePerSeriesAndTheLegend() throws Exception {
    String svg = Charts.svg(Charts.forecast("ETTh1 OT", "OT", HISTORY, FORECAST, ACTUAL, new double[] {4, 4, 4},
        new double[] {5, 6, 7}, "80"), 800, 400);
    Document doc = parse(svg);
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(svg).contains(">history<").contains(">forecast<").contains(">actual<").contains(">80 % interval<");
    // three lines: the first three palette colours, each once in the plot and once in the legend
    for (String rgb : new String[] {"rgb(31,119,180)", "rgb(214,39,40)", "rgb(44,160,44)"}) {
      assertThat(seriesStrokes(doc, rgb)).as(rgb).isEqualTo(2);
    }
    assertThat(seriesStrokes(doc, "rgb(255,127,14)")).isZero(); // no fourth line
  }

  @Test
  void withoutActualsOrBandThereAreTwoSeries() throws Exception {
    Chart chart = Charts.forecast("t", "OT", HISTORY, FORECAST, null, null, null, null);
    assertThat(chart.lines()).hasSize(2);
    assertThat(chart.band()).isNull();
    assertThat(Charts.jfree(chart).getXYPlot().getDatasetCount()).isEqualTo(1);
    assertThat(Charts.jfree(chart).getXYPlot().getDataset(0).getSeriesCount()).isEqualTo(2);
    assertThat(Charts.svg(chart, 400, 300)).doesNotContain(">actual<");
  }

  @Test
  void thePngRendersAndIsNotBlank() throws Exception {
    byte[] png = Charts.png(Charts.forecast("t", "OT", HISTORY, FORECAST, ACTUAL, null, null, null), 640, 320);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(320);
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 3) {
      for (int y = 0; y < image.getHeight(); y += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).isGreaterThan(10);
  }

  @Test
  void errorByHorizonHasOneSeriesPerModelOverSteps1ToP() {
    Map<String, double[]> errors = new LinkedHashMap<>();
    errors.put("olinear", new double[] {0.1, 0.2, 0.3});
    errors.put("dlinear", new double[] {0.2, 0.3, 0.4});
    Chart chart = Charts.errorByHorizon("MSE by step", "MSE", errors);
    var dataset = Charts.jfree(chart).getXYPlot().getDataset(0);
    assertThat(dataset.getSeriesCount()).isEqualTo(2);
    assertThat(dataset.getXValue(0, 0)).isEqualTo(1);
    assertThat(dataset.getXValue(1, 2)).isEqualTo(3);
  }

  @Test
  void badInputIsRefusedNamingIt() {
    assertThatThrownBy(() -> new Chart.Line("x", new double[2], new double[3]))
        .hasMessage("line 'x' has 2 x values but 3 y values");
    assertThatThrownBy(() -> Charts.forecast("t", "OT", HISTORY, FORECAST, null, new double[3], null, "80"))
        .hasMessage("an interval needs both lower and upper bounds");
    assertThatThrownBy(() -> Charts.svg(Charts.forecast("t", "OT", HISTORY, FORECAST, null, null, null, null), 50, 50))
        .hasMessage("chart size must be 100 … 10000 pixels each way, got 50×50");
  }

  @Test
  void theMetricByHorizonChartPutsEachModelAtItsHorizons() throws Exception {
    Map<String, double[]> byModel = new LinkedHashMap<>();
    byModel.put("dlinear", new double[] {0.4, 0.5});
    byModel.put("naive", new double[] {1.2, Double.NaN});
    Chart chart = Charts.metricByHorizon("ETTh1", "test MSE", java.util.List.of(96, 192), byModel);
    assertThat(chart.lines()).hasSize(2);
    assertThat(chart.lines().get(0).x()).containsExactly(96, 192);
    assertThat(chart.lines().get(1).name()).isEqualTo("naive");
    assertThat(chart.markers()).as("points marked: a single horizon still shows").isTrue();
    String svg = Charts.svg(chart, 600, 400);
    assertThat(parse(svg).getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(svg).contains(">dlinear<").contains(">naive<").contains(">horizon (steps)<");
    assertThatThrownBy(() -> Charts.metricByHorizon("t", "m", java.util.List.of(96), byModel))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dlinear has 2 values for 1 horizons");
  }
}
