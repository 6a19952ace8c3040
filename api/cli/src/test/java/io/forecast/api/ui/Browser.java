package io.forecast.api.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through chromedriver (Debian's {@code chromium} and {@code chromium-driver}
 * packages, or {@code CHROME_BIN} / {@code CHROMEDRIVER}). Without them the browser tests are skipped,
 * unless {@code FORECAST_REQUIRE_BROWSER=1} (set by {@code .ci/run}), which makes them fail. As a JUnit
 * extension it saves a screenshot and the page's HTML of every failed test to {@code
 * target/browser-screenshots/}.
 */
final class Browser implements AfterTestExecutionCallback {
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  /** Selenium warns on every start that it has no CDP classes for this Chromium; they are not used. */
  private static final java.util.logging.Logger CDP = java.util.logging.Logger.getLogger(
      "org.openqa.selenium.devtools");
  private static WebDriver current;

  /** Starts a browser with a 1280×800 window, or skips (fails under {@code FORECAST_REQUIRE_BROWSER=1}). */
  static WebDriver start() {
    Path chrome = Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
    Path driver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
    boolean present = Files.isExecutable(chrome) && Files.isExecutable(driver);
    if (!present && "1".equals(System.getenv("FORECAST_REQUIRE_BROWSER"))) {
      throw new IllegalStateException("FORECAST_REQUIRE_BROWSER=1 but " + chrome + " or " + driver + " is missing "
          + "(apt-get install chromium chromium-driver)");
    }
    Assumptions.assumeTrue(present, "headless Chromium not installed (" + chrome + ", " + driver + ")");
    CDP.setLevel(java.util.logging.Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chrome.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,800", "--disable-extensions", "--no-first-run");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
        .usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    current = browser;
    return browser;
  }

  static void stop() {
    if (current != null) {
      current.quit();
      current = null;
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws IOException {
    if (context.getExecutionException().isEmpty() || current == null) {
      return;
    }
    Files.createDirectories(SCREENSHOTS);
    String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) current).getScreenshotAs(OutputType.BYTES));
    Files.writeString(SCREENSHOTS.resolve(name + ".html"), current.getPageSource());
  }
}
