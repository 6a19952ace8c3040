package io.forecast.api.ui;

import io.forecast.api.testing.DemoData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard benchmark (not a test: it only runs with {@code -Dforecast.bench.dashboard=FILE} and
 * asserts nothing; {@code bench/dashboard.sh} runs it). Against a real {@code forecast serve} with a
 * DLinear 96→96 model trained through the API: the first load of the dashboard in a fresh browser
 * (bytes transferred, time to the first page drawn) and, on the Forecast page, the time from the click
 * on "Forecast" to the charts drawn. Medians and ranges over the rounds go to FILE (Markdown).
 */
@EnabledIfSystemProperty(named = "forecast.bench.dashboard", matches = ".+")
class DashboardBenchmark {
  private static final int LOADS = Integer.getInteger("forecast.bench.loads", 5);
  private static final int FORECASTS = Integer.getInteger("forecast.bench.forecasts", 10);

  @TempDir Path dir;

  @Test
  void measure() throws Exception {
    Path out = Path.of(System.getProperty("forecast.bench.dashboard"));
    try (ServeProcess serve = new ServeProcess(dir.resolve("store"))) {
      train(serve.url());
      List<double[]> loads = new ArrayList<>();
      for (int i = 0; i < LOADS; i++) {
        WebDriver b = Browser.start(); // a fresh profile: a cold cache
        try {
          b.get(serve.url() + "/");
          new WebDriverWait(b, Duration.ofSeconds(60)).until(d -> "true".equals(
              d.findElement(By.id("view")).getAttribute("data-ready")));
          Map<?, ?> m = (Map<?, ?>) ((JavascriptExecutor) b).executeScript("""
              const nav = performance.getEntriesByType('navigation')[0];
              const res = performance.getEntriesByType('resource');
              const bytes = nav.transferSize + res.filter(r => r.name.includes('/ui/'))
                  .reduce((s, r) => s + r.transferSize, 0);
              const decoded = nav.decodedBodySize + res.filter(r => r.name.includes('/ui/'))
                  .reduce((s, r) => s + r.decodedBodySize, 0);
              return {bytes, decoded, files: 1 + res.filter(r => r.name.includes('/ui/')).length,
                  ready: performance.getEntriesByName('dashboard-ready')[0].startTime,
                  dcl: nav.domContentLoadedEventEnd};""");
          loads.add(new double[] {num(m.get("bytes")), num(m.get("decoded")), num(m.get("files")),
              num(m.get("ready")), num(m.get("dcl"))});
        } finally {
          Browser.stop();
        }
      }
      double[] clicks = forecastClicks(serve.url());
      Files.writeString(out, report(loads, clicks), StandardCharsets.UTF_8);
    }
  }

  private static double num(Object o) {
    return ((Number) o).doubleValue();
  }

  /** A DLinear 96→96 model, 2 epochs, through the API (as the Train page would). */
  private void train(String url) throws Exception {
    String boundary = "bench" + System.nanoTime();
    byte[] body = io.forecast.api.testing.Multipart.form(boundary, Map.of("id", "bench", "seqLen", "96", "predLen",
        "96", "modelType", "dlinear", "settings", "{\"epochs\": 2}"), "ETTh1.csv", Files.readAllBytes(DemoData.ETTH1));
    HttpClient http = HttpClient.newHttpClient();
    http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    for (int i = 0; i < 600; i++) {
      String models = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      if (models.contains("\"bench\"")) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the benchmark model did not train within 300 s");
  }

  private double[] forecastClicks(String url) throws Exception {
    List<String> lines = Files.readAllLines(DemoData.ETTH1);
    Path recent = dir.resolve("recent.csv");
    List<String> rows = new ArrayList<>(lines.subList(0, 1));
    rows.addAll(lines.subList(lines.size() - 96, lines.size()));
    Files.write(recent, rows);
    WebDriver b = Browser.start();
    try {
      b.get(url + "/#/forecast/bench");
      WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(60));
      wait.until(d -> !d.findElements(By.cssSelector("#view input[name='file']")).isEmpty());
      b.findElement(By.cssSelector("#view input[name='file']")).sendKeys(recent.toAbsolutePath().toString());
      double[] ms = new double[FORECASTS + 1];
      for (int i = 0; i <= FORECASTS; i++) { // the first click warms the model up; not counted
        ((JavascriptExecutor) b).executeScript("const s = document.querySelector('#view section');"
            + "if (s) delete s.dataset.forecastMs;");
        b.findElement(By.cssSelector("#view form button[type='submit']")).click();
        wait.until(d -> d.findElement(By.cssSelector("#view section")).getAttribute("data-forecast-ms") != null);
        ms[i] = Double.parseDouble(b.findElement(By.cssSelector("#view section")).getAttribute("data-forecast-ms"));
      }
      return Arrays.copyOfRange(ms, 1, ms.length);
    } finally {
      Browser.stop();
    }
  }

  private static String report(List<double[]> loads, double[] clicks) {
    StringBuilder s = new StringBuilder();
    s.append("| measure | median | min | max | rounds |\n|---|---|---|---|---|\n");
    String[] names = {"first load: bytes transferred (page + /ui/ assets)", "first load: bytes decoded",
        "first load: files", "first load: time to the first page drawn (ms)", "first load: DOMContentLoaded (ms)"};
    for (int k = 0; k < names.length; k++) {
      final int col = k;
      s.append(row(names[k], loads.stream().mapToDouble(r -> r[col]).toArray()));
    }
    s.append(row("click on Forecast → 7 charts drawn, 96→96 (ms)", clicks));
    s.append("\nload average at the end: ").append(loadAverage()).append('\n');
    return s.toString();
  }

  private static String row(String name, double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |%n", name, median, sorted[0],
        sorted[sorted.length - 1], v.length);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "not measured";
    }
  }
}
