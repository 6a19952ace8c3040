package io.forecast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model directory written by the code before model types were plugins loads with today's code and
 * forecasts what that code forecast (its {@code forecast} command's output is the reference).
 */
class LegacyModelTest {

  @Test
  void aModelWrittenBeforeThePluginCoreForecastsTheSame() throws Exception {
    Path dir = resource("legacy-olinear");
    List<String> history = Files.readAllLines(dir.resolve("history.csv"));
    List<String> expected = Files.readAllLines(dir.resolve("expected.csv"));
    try (FittedForecaster model = ForecasterTypes.load(dir.resolve("model"))) {
      assertThat(model.card().type()).isEqualTo("olinear");
      assertThat(model.provenance().details()).as("read from the old 'orthoTrans' field").containsKey("rows");
      int n = model.card().columns().size();
      double[] values = new double[(history.size() - 1) * n];
      for (int r = 1; r < history.size(); r++) {
        String[] cells = history.get(r).split(",");
        for (int c = 0; c < n; c++) {
          values[(r - 1) * n + c] = Double.parseDouble(cells[c + 1]);
        }
      }
      double[] forecast = model.forecast(values, history.size() - 1);
      assertThat(expected).hasSize(model.card().predLen() + 1);
      for (int h = 0; h < model.card().predLen(); h++) {
        String[] cells = expected.get(h + 1).split(",");
        for (int c = 0; c < n; c++) {
          double want = Double.parseDouble(cells[3 + c]);
          assertThat(forecast[h * n + c]).as("step " + (h + 1) + ", column " + c)
              .isCloseTo(want, within(1e-5 * Math.max(1, Math.abs(want))));
        }
      }
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(LegacyModelTest.class.getClassLoader().getResource(name).toURI());
  }
}
