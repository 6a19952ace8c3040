package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * FORECAST_STORE and FORECAST_PORT as the defaults of {@code --store} and {@code serve --port}. The
 * environment is a map handed to the command line, never the process's own.
 */
class EnvironmentDefaultsTest {
  private static final Map<String, String> CONTAINER = Map.of(EnvironmentDefaults.STORE, "/models",
      EnvironmentDefaults.PORT, "9090");

  /** The command line with the given environment. */
  private static CommandLine commandLine(Map<String, String> environment, StringWriter out, StringWriter err) {
    return ForecastCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment::get);
  }

  /** The subcommand object after parsing {@code args} with the given environment (nothing runs). */
  private static <T> T parsed(Map<String, String> environment, Class<T> type, String... args) {
    ParseResult result = commandLine(environment, new StringWriter(), new StringWriter()).parseArgs(args);
    return type.cast(result.subcommand().commandSpec().userObject());
  }

  /** Runs a command with the given environment. */
  private static CliRun run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = commandLine(environment, out, err).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void serveTakesPortAndStoreFromTheEnvironment() {
    ServeCommand serve = parsed(CONTAINER, ServeCommand.class, "serve");
    assertThat(serve.port).isEqualTo(9090);
    assertThat(serve.store).isEqualTo(Path.of("/models"));
    List<String> args = serve.springArguments(new PrintWriter(new StringWriter()));
    assertThat(args).contains("--server.port=9090", "--forecast.store.path=" + Path.of("/models").toAbsolutePath());
  }

  @Test
  void theCommandLineWinsOverTheEnvironment() {
    ServeCommand serve = parsed(CONTAINER, ServeCommand.class, "serve", "--port", "7000", "--store", "elsewhere");
    assertThat(serve.port).isEqualTo(7000);
    assertThat(serve.store).isEqualTo(Path.of("elsewhere"));
    ForecastCommand forecast = parsed(CONTAINER, ForecastCommand.class, "forecast", "--model", "m", "--data", "d.csv",
        "--out", "o.csv", "--store", "elsewhere");
    assertThat(forecast.store).isEqualTo(Path.of("elsewhere"));
  }

  @Test
  void withoutTheVariablesTheOptionsKeepTheirDefaults() {
    for (Map<String, String> environment : List.of(Map.<String, String>of(),
        Map.of(EnvironmentDefaults.STORE, " ", EnvironmentDefaults.PORT, ""))) {
      ServeCommand serve = parsed(environment, ServeCommand.class, "serve");
      assertThat(serve.port).isEqualTo(8080);
      assertThat(serve.store).as("serve: forecast.store.path, else ./models, decided by Spring").isNull();
      ForecastCommand forecast = parsed(environment, ForecastCommand.class, "forecast", "--model", "m", "--data",
          "d.csv", "--out", "o.csv");
      assertThat(forecast.store).isEqualTo(Path.of("models"));
    }
  }

  @Test
  void forecastResolvesModelIdsInTheEnvironmentsStore() {
    ForecastCommand forecast = parsed(Map.of(EnvironmentDefaults.STORE, "/srv/models"), ForecastCommand.class,
        "forecast", "--model", "m", "--data", "d.csv", "--out", "o.csv");
    assertThat(forecast.store).isEqualTo(Path.of("/srv/models"));
    CliRun run = run(Map.of(EnvironmentDefaults.STORE, "/nonexistent-store"), "forecast", "--model", "no-such-model",
        "--data", InspectCommandTest.DEMO, "--out", "unused.csv");
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).contains("no model 'no-such-model' in /nonexistent-store");
  }

  @Test
  void aPortThatIsNoNumberIsAOneLineErrorNamingTheVariable() {
    for (String bad : List.of("http", "-1", "65536", "80a")) {
      CliRun run = run(Map.of(EnvironmentDefaults.PORT, bad), "serve");
      assertThat(run.exitCode()).as(bad).isEqualTo(ForecastCli.BAD_INPUT);
      assertThat(run.err().strip().lines()).singleElement().asString()
          .startsWith("error: FORECAST_PORT (the default of --port) must be a port number between 0 and 65535, got '"
              + bad + "'");
    }
    assertThat(parsed(Map.of(EnvironmentDefaults.PORT, "bad"), ServeCommand.class, "serve", "--port", "1").port)
        .as("a typed --port never reads the variable").isEqualTo(1);
  }

  @Test
  void onlyServesPortComesFromForecastPort() {
    CommandLine cl = commandLine(Map.of(), new StringWriter(), new StringWriter());
    cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().options().forEach(option -> {
      String variable = EnvironmentDefaults.variableFor(option);
      if (EnvironmentDefaults.PORT.equals(variable)) {
        assertThat(sub.getCommandName()).isEqualTo("serve");
      }
      if (EnvironmentDefaults.STORE.equals(variable)) {
        assertThat(option.longestName()).isEqualTo("--store");
      }
    }));
  }

  @Test
  void anExplicitStorePropertyBeatsTheEnvironmentButNotATypedStore() {
    ServeCommand fromEnvironment = parsed(CONTAINER, ServeCommand.class, "serve",
        "--forecast.store.path=/data/models");
    assertThat(fromEnvironment.springArguments(new PrintWriter(new StringWriter())))
        .contains("--forecast.store.path=/data/models")
        .noneMatch(a -> a.startsWith("--forecast.store.path=") && !a.equals("--forecast.store.path=/data/models"));
    ServeCommand typed = parsed(Map.of(), ServeCommand.class, "serve", "--store", "a",
        "--forecast.store.path=/data/models");
    assertThatThrownBy(() -> typed.springArguments(new PrintWriter(new StringWriter())))
        .isInstanceOf(BadInputException.class).hasMessageContaining("the model store is given twice");
  }

  @Test
  void helpNamesTheVariables() {
    CliRun serve = run(Map.of(), "serve", "--help");
    assertThat(serve.exitCode()).isZero();
    // picocli wraps the descriptions: compare with the line breaks and indentation folded into spaces
    assertThat(serve.out().replaceAll("\\s+", " ")).contains("(default: $FORECAST_PORT, else 8080;")
        .contains("(default: $FORECAST_STORE, else forecast.store.path, else ./models)");
    CliRun forecast = run(Map.of(), "forecast", "--help");
    assertThat(forecast.out().replaceAll("\\s+", " ")).contains("(default: $FORECAST_STORE, else ./models)");
  }
}
