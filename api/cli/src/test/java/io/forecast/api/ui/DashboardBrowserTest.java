package io.forecast.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.testing.DemoData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a real {@code forecast serve} on a random loopback port,
 * as a user goes through it: the data report of the demo file and of a broken one, training a DLinear
 * model (progress and loss curve), forecasting with it (one chart per variate with history + forecast
 * points), a bad setting shown next to its field, the comparison table, deleting the model, and the
 * layout at phone width. The steps share one server and one browser and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Browser.class)
class DashboardBrowserTest {
  private static final String MODEL = "e2e-dlinear";
  private static final int SEQ = 96;
  private static final int PRED = 24;

  @TempDir static Path dir;
  private ServeProcess serve;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void start() throws Exception {
    browser = Browser.start();
    serve = new ServeProcess(dir.resolve("store"));
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  @AfterAll
  void stop() throws Exception {
    Browser.stop();
    if (serve != null) {
      serve.close();
    }
  }

  /** Loads the dashboard afresh on a page (a new document, so no state of an earlier step is left). */
  private void open(String page) {
    browser.get("about:blank");
    browser.get(serve.url() + "/#/" + page);
    String name = page.contains("/") ? page.substring(0, page.indexOf('/')) : page;
    wait.until(d -> "true".equals(d.findElement(By.id("view")).getAttribute("data-ready"))
        && name.equals(d.findElement(By.id("view")).getAttribute("data-page")));
  }

  private WebElement field(String name) {
    return browser.findElement(By.cssSelector("#view [name='" + name + "']"));
  }

  private String fieldError(String name) {
    WebElement input = field(name);
    return browser.findElement(By.id(input.getAttribute("id") + "-error")).getText();
  }

  @Test
  @Order(1)
  void theDashboardIsServedAtTheRootWithItsFivePages() {
    open("models");
    List<String> pages = browser.findElements(By.cssSelector("nav a")).stream().map(WebElement::getText).toList();
    assertThat(pages).containsExactly("Models", "Train", "Forecast", "Compare", "Data");
    assertThat(browser.findElement(By.cssSelector("#view")).getText()).contains("No models yet");
    assertThat(browser.findElement(By.cssSelector("nav a[aria-current='page']")).getText()).isEqualTo("Models");
  }

  @Test
  @Order(2)
  void theDataPageReportsTheDemoFile() {
    open("data");
    field("file").sendKeys(DemoData.ETTH1.toAbsolutePath().toString());
    browser.findElement(By.cssSelector("#view button[type='submit']")).click();
    WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view section h2")));
    assertThat(report.getText()).isEqualTo("ETTh1.csv");
    String text = browser.findElement(By.cssSelector("#view section")).getText();
    assertThat(text).contains("17420").contains("PT1H").contains("2016-07-01 00:00:00").contains("ett-hour");
  }

  @Test
  @Order(3)
  void anInvalidUploadShowsTheProblemNextToTheFileField() throws IOException {
    Path bad = Files.writeString(dir.resolve("broken.csv"), "date,a\n2020-01-01 00:00:00,1\nnot a time,2\n");
    open("data");
    field("file").sendKeys(bad.toAbsolutePath().toString());
    browser.findElement(By.cssSelector("#view button[type='submit']")).click();
    wait.until(d -> !fieldError("file").isEmpty());
    assertThat(fieldError("file")).contains("broken.csv").contains("line 3").contains("not a time");
    assertThat(field("file").getAttribute("aria-invalid")).isEqualTo("true");
  }

  @Test
  @Order(4)
  void aBadSettingIsShownNextToItsField() {
    open("train");
    field("file").sendKeys(DemoData.ETTH1.toAbsolutePath().toString());
    field("id").sendKeys("bad-setting");
    new Select(field("modelType")).selectByValue("dlinear");
    field("settings.kernel").sendKeys("-3");
    browser.findElement(By.cssSelector("#view form button[type='submit']")).click();
    wait.until(d -> !fieldError("settings.kernel").isEmpty());
    assertThat(fieldError("settings.kernel")).contains("setting 'kernel'").contains("got '-3'");
  }

  @Test
  @Order(5)
  void trainingAFastModelShowsTheJobUntilItSucceeds() {
    open("train");
    field("file").sendKeys(DemoData.ETTH1.toAbsolutePath().toString());
    field("id").sendKeys(MODEL);
    new Select(field("modelType")).selectByValue("dlinear");
    field("seqLen").clear();
    field("seqLen").sendKeys(String.valueOf(SEQ));
    field("predLen").clear();
    field("predLen").sendKeys(String.valueOf(PRED));
    field("settings.epochs").sendKeys("2");
    field("intervals").sendKeys("80");
    browser.findElement(By.cssSelector("#view form button[type='submit']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(240)).until(d ->
        "SUCCEEDED".equals(d.findElement(By.cssSelector("[data-job-state]")).getAttribute("data-job-state")));
    WebElement curve = browser.findElement(By.cssSelector("#view section figure.chart"));
    assertThat(curve.getAttribute("data-points")).isEqualTo("2"); // one point per epoch
    assertThat(curve.findElements(By.tagName("canvas"))).isNotEmpty();
    assertThat(browser.findElement(By.cssSelector("#view progress")).getAttribute("value")).isEqualTo("2");
  }

  @Test
  @Order(6)
  void forecastingDrawsHistoryPlusForecastForEveryVariate() throws IOException {
    List<String> lines = Files.readAllLines(DemoData.ETTH1);
    Path recent = dir.resolve("recent.csv");
    Files.write(recent, java.util.stream.Stream.concat(lines.stream().limit(1),
        lines.subList(lines.size() - 200, lines.size()).stream()).toList());
    open("forecast/" + MODEL);
    assertThat(new Select(field("modelId")).getFirstSelectedOption().getAttribute("value")).isEqualTo(MODEL);
    wait.until(d -> !d.findElements(By.cssSelector("#view input[name='level']")).isEmpty());
    field("file").sendKeys(recent.toAbsolutePath().toString());
    browser.findElement(By.cssSelector("#view form button[type='submit']")).click();
    wait.until(d -> d.findElements(By.cssSelector("#view section figure.chart[data-drawn='true']")).size() == 7);
    for (WebElement chart : browser.findElements(By.cssSelector("#view section figure.chart"))) {
      // the last seq_len history rows, then pred_len forecast steps
      assertThat(chart.getAttribute("data-points")).isEqualTo(String.valueOf(SEQ + PRED));
      assertThat(chart.getAttribute("data-series")).isEqualTo("2");
    }
    List<String> titles = browser.findElements(By.cssSelector("#view section figure.chart h3")).stream()
        .map(WebElement::getText).toList();
    assertThat(titles).containsExactly("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT");
    WebElement download = browser.findElement(By.linkText("Download CSV"));
    assertThat(download.getAttribute("download")).isEqualTo("forecast-" + MODEL + ".csv");
    // the 80 % band is drawn: the uPlot legend lists its two edges
    assertThat(browser.findElement(By.cssSelector("#view section")).getText()).contains("80 % upper");
  }

  @Test
  @Order(7)
  void theComparePageTabulatesTheModelAndItsErrorByHorizon() {
    open("compare");
    String table = browser.findElement(By.cssSelector("#view table")).getText();
    assertThat(table).contains(MODEL).contains("dlinear").contains(SEQ + "→" + PRED);
    WebElement chart = browser.findElement(By.cssSelector("#view figure.chart"));
    assertThat(chart.getAttribute("data-points")).isEqualTo(String.valueOf(PRED));
  }

  @Test
  @Order(8)
  void theNavigationWorksWithTheKeyboard() {
    open("compare");
    WebElement data = browser.findElement(By.cssSelector("nav a[data-page='data']"));
    // focus the link as Tab would, then press Enter
    ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", data);
    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
    wait.until(d -> "data".equals(d.findElement(By.id("view")).getAttribute("data-page")));
    assertThat(browser.findElement(By.cssSelector("#view h1")).getText()).isEqualTo("Data quality");
  }

  @Test
  @Order(9)
  void aPhoneSizedViewportHasNoSidewaysScrolling() {
    Dimension desktop = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(390, 844));
      for (String page : List.of("models", "train", "forecast", "compare", "data")) {
        open(page);
        Object overflow = ((JavascriptExecutor) browser).executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
      }
    } finally {
      browser.manage().window().setSize(desktop);
    }
  }

  @Test
  @Order(10)
  void deletingTheModelRemovesItsRowAndTheModel() throws Exception {
    open("models");
    browser.findElement(By.cssSelector("button[aria-label='delete " + MODEL + "']")).click();
    browser.findElement(By.cssSelector("button[data-confirm='" + MODEL + "']")).click();
    wait.until(d -> d.findElements(By.cssSelector("button[aria-label='delete " + MODEL + "']")).isEmpty());
    HttpResponse<String> list = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(serve.url() + "/api/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.body()).isEqualTo("[]");
  }
}
