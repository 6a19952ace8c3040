package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench http}'s reading of the server's own request timer and its split of the cost per request. */
class HttpLoadTest {
  private static final String SCRAPE = String.join("\n",
      "# HELP http_server_requests_seconds",
      "# TYPE http_server_requests_seconds summary",
      "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/api/v1/forecasts\"} 1200.0",
      "http_server_requests_seconds_sum{error=\"none\",exception=\"none\",method=\"POST\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/api/v1/forecasts\"} 2.4",
      "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\",outcome=\"CLIENT_ERROR\","
          + "status=\"422\",uri=\"/api/v1/forecasts\"} 30.0",
      "http_server_requests_seconds_sum{error=\"none\",exception=\"none\",method=\"POST\",outcome=\"CLIENT_ERROR\","
          + "status=\"422\",uri=\"/api/v1/forecasts\"} 0.06",
      "http_server_requests_seconds_max{error=\"none\",exception=\"none\",method=\"POST\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/api/v1/forecasts\"} 0.9",
      "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/api/v1/models/{id}\"} 5.0",
      "http_server_requests_seconds_sum{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/api/v1/models/{id}\"} 7.0",
      "");

  private static double[] scrape(String body, int status) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/actuator/prometheus", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      return HttpLoad.serverRequestTotals(HttpClient.newHttpClient(), base);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void sumsTheForecastTimerOverStatusCodesAndIgnoresOtherRoutesAndTheMax() throws Exception {
    assertThat(scrape(SCRAPE, 200)).containsExactly(new double[] {1230, 2.46}, within(1e-12));
  }

  @Test
  void noTimerWhereTheScrapeIsRefusedOrHasNoForecasts() throws Exception {
    assertThat(scrape(SCRAPE, 401)).isNull();
    assertThat(scrape("# nothing timed yet\n", 200)).isNull();
  }

  @Test
  void splitsTheCostPerCompletedRequest() {
    Map<String, Object> level = new LinkedHashMap<>();
    level.put("completed", 1000);
    HttpLoad.putCostSplit(level, new double[] {200, 0.5}, new double[] {1200, 2.5}, 10_000.0, 13_000.0, 500.0, 1_500.0);
    assertThat(level).containsEntry("serverRequestsTimed", 1000L);
    assertThat((Double) level.get("serverMeanMs")).isCloseTo(2.0, within(1e-12)); // 2 s over 1,000 requests
    assertThat((Double) level.get("serverCpuMsPerRequest")).isCloseTo(3.0, within(1e-12));
    assertThat((Double) level.get("clientCpuMsPerRequest")).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void leavesOutWhatWasNotMeasured() {
    Map<String, Object> level = new LinkedHashMap<>();
    level.put("completed", 10);
    HttpLoad.putCostSplit(level, null, new double[] {1, 1}, null, 5.0, 1.0, 2.0);
    assertThat(level).doesNotContainKeys("serverMeanMs", "serverCpuMsPerRequest").containsKey("clientCpuMsPerRequest");
  }
}
