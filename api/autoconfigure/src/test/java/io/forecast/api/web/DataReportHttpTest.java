package io.forecast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.api.server.ForecastServer;
import io.forecast.api.testing.ApiClient;
import io.forecast.api.testing.DemoData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code POST /api/v1/data-reports}: the report {@code forecast inspect} prints, and problem documents. */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataReportHttpTest {
  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path store = Files.createTempDirectory("forecast-data-report-store-");
    store.toFile().deleteOnExit();
    registry.add("forecast.store.path", store::toString);
  }

  private ApiClient.Reply post(Map<String, String> fields, String name, String csv) {
    return new ApiClient(port).postMultipart("/api/v1/data-reports", fields, name,
        csv == null ? null : csv.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  @Test
  void theDemoFileIsReportedWithItsEttSplitAndWindowCounts() throws Exception {
    ApiClient.Reply r = post(Map.of("seqLen", "96", "predLen", "24"), "ETTh1.csv", Files.readString(DemoData.ETTH1));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("rows").asInt()).isEqualTo(17_420);
    assertThat(j.get("frequency").asText()).isEqualTo("PT1H");
    assertThat(j.at("/split/rule").asText()).isEqualTo("ett-hour");
    // ETT hourly: train [0, 8640), val [8640 - 96, 11520), test [11520 - 96, 14400); windows = rows - seq - pred + 1
    assertThat(j.at("/windows/train").asInt()).isEqualTo(8640 - 96 - 24 + 1);
    assertThat(j.at("/quality/duplicateTimestamps").asInt()).isZero();
  }

  @Test
  void duplicatesAndGapsAreListedWithTheirLines() {
    StringBuilder csv = new StringBuilder("date,a\n");
    java.time.LocalDateTime start = java.time.LocalDateTime.of(2020, 1, 1, 0, 0);
    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (int h = 0; h < 40; h++) {
      if (h == 20) {
        continue; // one hour missing after 19:00
      }
      String row = start.plusHours(h).format(f) + "," + h + "\n";
      csv.append(row).append(h == 30 ? row : ""); // 2020-01-02 06:00:00 twice: lines 31 and 32
    }
    ApiClient.Reply r = post(Map.of("seqLen", "4", "predLen", "2", "split", "ratio"), "hours.csv", csv.toString());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode q = r.json().get("quality");
    assertThat(q.get("duplicateTimestamps").asInt()).isEqualTo(1);
    assertThat(q.at("/duplicates/0/timestamp").asText()).isEqualTo("2020-01-02 06:00:00");
    assertThat(q.at("/duplicates/0/line").asInt()).isEqualTo(32);
    assertThat(q.get("gapCount").asInt()).isEqualTo(1);
    assertThat(q.at("/gaps/0/after").asText()).isEqualTo("2020-01-01 19:00:00");
    assertThat(q.at("/gaps/0/missingSteps").asInt()).isEqualTo(1);
  }

  @Test
  void aBadTimestampIsA400NamingFileLineAndColumn() {
    ApiClient.Reply r = post(Map.of(), "broken.csv", "date,a\n2020-01-01 00:00:00,1\nnot a time,2\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("broken.csv").contains("line 3").contains("'date'");
  }

  @Test
  void aNonPositiveLengthIsA400NamingTheField() {
    ApiClient.Reply r = post(Map.of("seqLen", "0"), "x.csv", "date,a\n2020-01-01 00:00:00,1\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("field 'seqLen'");
  }

  @Test
  void anUnknownSplitRuleIsA400() {
    ApiClient.Reply r = post(Map.of("split", "weekly"), "x.csv", "date,a\n2020-01-01 00:00:00,1\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("weekly");
  }
}
