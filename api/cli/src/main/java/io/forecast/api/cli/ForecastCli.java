package io.forecast.api.cli;

import io.forecast.data.DataException;
import io.forecast.forecasting.ForecastingException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import picocli.CommandLine;

/** Builds the picocli command line with the project's error conventions. */
public final class ForecastCli {
  /** Exit status of a run that succeeded. */
  public static final int OK = 0;
  /** Exit status for an unexpected internal failure. */
  public static final int INTERNAL_ERROR = 1;
  /** Exit status for bad input: bad arguments, bad data, unknown model. */
  public static final int BAD_INPUT = 2;

  private ForecastCli() {}

  /** Runs a command with the process's stdout and stderr. */
  public static int execute(String... args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    return execute(out, err, args);
  }

  /** Runs a command writing to the given streams (used by tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return commandLine(out, err).execute(args);
  }

  /** The configured command line, with option defaults from the process environment (see {@link EnvironmentDefaults}). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, System::getenv);
  }

  /**
   * The configured command line, with option defaults from the given environment (tests pass a map's
   * {@code get}; the application passes {@code System::getenv}).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Function<String, String> environment) {
    CommandLine cl = new CommandLine(new RootCommand());
    cl.setOut(out);
    cl.setErr(err);
    // FORECAST_STORE / FORECAST_PORT: defaults of --store and serve --port (set for every subcommand)
    cl.setDefaultValueProvider(new EnvironmentDefaults(environment));
    // picocli's own Path conversion reports a NUL or otherwise invalid path with the JDK's exception name
    cl.registerConverter(java.nio.file.Path.class, ForecastCli::path);
    cl.setParameterExceptionHandler((ex, args) -> {
      String command = ex.getCommandLine().getCommandName();
      err.println("error: " + oneLine(withoutJavaNames(ex.getMessage())) + " (see 'forecast "
          + ("forecast".equals(command) ? "" : command + " ") + "--help')");
      err.flush();
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (isBadInput(ex)) {
        err.println("error: " + oneLine(ex.getMessage()));
        err.flush();
        return BAD_INPUT;
      }
      if (ex instanceof io.forecast.forecasting.nn.EngineUnavailableException) {
        err.println("error: " + oneLine(ex.getMessage()));
        err.flush();
        return INTERNAL_ERROR;
      }
      err.println("error: internal error: " + oneLine(ex.toString()));
      if (System.getenv("FORECAST_DEBUG") != null) {
        ex.printStackTrace(err);
      }
      err.flush();
      return INTERNAL_ERROR;
    });
    return cl;
  }

  /** A path option's value; an invalid path (a NUL character, ...) is a conversion error, not a crash. */
  static java.nio.file.Path path(String value) {
    try {
      return java.nio.file.Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a valid path: " + e.getReason());
    }
  }

  /**
   * Drops the JDK exception names picocli appends to some conversion messages ("... (java.lang.
   * NumberFormatException: ...)"), keeping the sentence that names the option and value.
   */
  static String withoutJavaNames(String message) {
    if (message == null) {
      return null;
    }
    return message.replaceAll("\\s*\\((?:java|javax|jakarta)\\.[\\w.$]+(?::[^)]*)?\\)", "")
        .replaceAll("(?:java|javax|jakarta)\\.(?:[a-z]\\w*\\.)+([A-Z]\\w*)(?:Exception|Error): ?", "");
  }

  private static boolean isBadInput(Exception ex) {
    return ex instanceof DataException || ex instanceof ForecastingException || ex instanceof BadInputException
        || ex instanceof io.forecast.forecasting.service.InvalidModelIdException
        || ex instanceof io.forecast.forecasting.conformal.IntervalsUnavailableException;
  }

  /**
   * The message on one line, with every other control character (and the replacement character of
   * undecodable bytes) escaped as {@code \\uXXXX}, so binary input never reaches the terminal raw.
   */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(message.length());
    message.codePoints().forEach(cp -> {
      if (cp == '\n' || cp == '\r' || cp == '\t') {
        sb.append(' ');
      } else if (Character.isISOControl(cp) || cp == 0xFFFD || Character.getType(cp) == Character.FORMAT) {
        sb.append(String.format("\\u%04X", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString().trim();
  }
}
