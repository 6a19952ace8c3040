package io.forecast.api;

import io.forecast.api.cli.ForecastCli;

/**
 * Entry point of the executable jar ({@code api/cli/target/forecast.jar}, run by {@code ./forecast}).
 *
 * <p>Every command is a picocli command. Batch commands ({@code inspect}, {@code bench}, ...) run
 * without starting a Spring context or a web server, so they start fast and print only their JSON
 * on stdout.
 *
 * <p>Logging: the command line's configuration ({@value #LOGGING_CONFIG}: warnings and errors on
 * stderr, so stdout holds only a command's output) is named here, under a name logback never finds
 * by itself, so no jar of this project configures the logging of an application that embeds it.
 * {@code -Dlogback.configurationFile=...} or, for {@code serve}, {@code --logging.config=...} replace it.
 */
public final class ForecastApplication {
  /** The command line's logback configuration, a class path resource. */
  public static final String LOGGING_CONFIG = "io/forecast/api/cli/logback-cli.xml";

  private ForecastApplication() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING_CONFIG);
    }
    System.exit(ForecastCli.execute(args));
  }
}
