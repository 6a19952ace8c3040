package io.forecast.api.cli;

import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Option defaults taken from the environment, so that a container (or a shell profile) sets them once
 * for every command: {@value #STORE} is the default of every {@code --store} option ({@code serve},
 * {@code forecast}), {@value #PORT} the default of {@code serve --port}. An option given on the
 * command line always wins; a variable that is unset or blank leaves the option's own default.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  /** The environment variable holding the default model store directory. */
  static final String STORE = "FORECAST_STORE";
  /** The environment variable holding the default port of {@code serve}. */
  static final String PORT = "FORECAST_PORT";

  private final Function<String, String> environment;

  /**
   * @param environment looks a variable up by name, returning null when it is unset ({@code
   *     System::getenv} in the application; a map in tests)
   */
  EnvironmentDefaults(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** The default from the environment for an option, or null to keep the option's own default. */
  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    String variable = variableFor(option);
    if (variable == null) {
      return null;
    }
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    if (PORT.equals(variable) && !isPort(value)) {
      // picocli would report "--port: 'x' is not an int", naming an option the user never typed
      throw new ParameterException(option.command().commandLine(),
          PORT + " (the default of --port) must be a port number between 0 and 65535, got '" + value + "'");
    }
    return value;
  }

  /** The environment variable that gives an option its default, or null for none. */
  static String variableFor(OptionSpec option) {
    String name = option.longestName();
    if ("--store".equals(name)) {
      return STORE;
    }
    if ("--port".equals(name) && option.command() != null && "serve".equals(option.command().name())) {
      return PORT;
    }
    return null;
  }

  private static boolean isPort(String value) {
    if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return Integer.parseInt(value) <= 65_535;
  }
}
