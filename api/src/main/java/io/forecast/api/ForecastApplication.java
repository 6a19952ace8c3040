package io.forecast.api;

import io.forecast.api.cli.ForecastCli;

/**
 * Entry point of the executable jar ({@code api/target/forecast.jar}, run by {@code ./forecast}).
 *
 * <p>Every command is a picocli command. Batch commands ({@code inspect}, {@code bench}, ...) run
 * without starting a Spring context or a web server, so they start fast and print only their JSON
 * on stdout.
 */
public final class ForecastApplication {
  private ForecastApplication() {}

  public static void main(String[] args) {
    System.exit(ForecastCli.execute(args));
  }
}
