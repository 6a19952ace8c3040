package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.api.security.ApiKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code forecast serve} and {@code forecast bench http} argument handling (no server is started). */
class ServeCommandTest {
  @Test
  void serveIsACommandWithPortAndStoreOptions() {
    CliRun help = CliRun.of("serve", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--port").contains("--store").contains("/api/v1");
    CliRun root = CliRun.of("--help");
    assertThat(root.out()).contains("serve");
  }

  @Test
  void badServeArgumentsAreOneLineErrors() {
    CliRun port = CliRun.of("serve", "--port", "70000");
    assertThat(port.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(port.err().strip()).isEqualTo("error: --port must be between 0 and 65535, got 70000");
    CliRun extra = CliRun.of("serve", "stray");
    assertThat(extra.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(extra.err()).contains("unexpected argument 'stray'");
    CliRun option = CliRun.of("serve", "--port", "99999", "--forecast.batching.max-size=1");
    assertThat(option.err()).as("Spring properties pass the parser").contains("--port must be between");
  }

  @Test
  void benchHttpRefusesNonLoopbackTargets() {
    CliRun remote = CliRun.of("bench", "http", "--url", "http://192.0.2.1:8080", "--model", "m", "--data",
        InspectCommandTest.DEMO);
    assertThat(remote.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(remote.err()).contains("not a loopback address");
    CliRun noServer = CliRun.of("bench", "http", "--url", "http://127.0.0.1:1", "--model", "m", "--data",
        InspectCommandTest.DEMO);
    assertThat(noServer.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(noServer.err()).contains("cannot reach http://127.0.0.1:1");
  }

  /** A parsed {@code serve} command (nothing started). */
  private static ServeCommand parsed(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve;
  }

  @Test
  void bindsLoopbackByDefault() {
    StringWriter err = new StringWriter();
    List<String> args = parsed().springArguments(new PrintWriter(err, true));
    assertThat(args).contains("--server.address=127.0.0.1", "--server.port=8080");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anotherLoopbackHostNeedsNoKeys() {
    assertThat(parsed("--host", "::1").springArguments(new PrintWriter(new StringWriter())))
        .contains("--server.address=::1");
  }

  @Test
  void nonLoopbackHostWithoutKeysIsRefusedWithExit2() {
    CliRun run = CliRun.of("serve", "--host", "0.0.0.0", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err().strip().lines()).singleElement().asString()
        .startsWith("error: refusing to serve 0.0.0.0 (not a loopback address) without API keys")
        .contains("FORECAST_SECURITY_WRITE_KEYS").contains("--insecure");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void nonLoopbackServerAddressPassThroughIsRefusedToo() {
    assertThatThrownBy(() -> parsed("--server.address=0.0.0.0").springArguments(new PrintWriter(new StringWriter())))
        .isInstanceOf(BadInputException.class).hasMessageContaining("refusing to serve 0.0.0.0");
  }

  @Test
  void insecureAcceptsANonLoopbackHostWithAWarning() {
    StringWriter err = new StringWriter();
    List<String> args = parsed("--host", "0.0.0.0", "--insecure").springArguments(new PrintWriter(err, true));
    assertThat(args).contains("--server.address=0.0.0.0");
    assertThat(err.toString().strip().lines()).singleElement().asString().startsWith("warning: --insecure");
  }

  @Test
  void keysGivenAsSpringPropertiesAllowANonLoopbackHost() {
    StringWriter err = new StringWriter();
    List<String> args = parsed("--host", "0.0.0.0", "--forecast.security.write-keys=k-0123456789abcdef")
        .springArguments(new PrintWriter(err, true));
    assertThat(args).contains("--server.address=0.0.0.0", "--forecast.security.write-keys=k-0123456789abcdef");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void blankKeysOrDisabledSecurityCountAsNoKeys() {
    assertThatThrownBy(() -> parsed("--host", "0.0.0.0", "--forecast.security.write-keys=")
        .springArguments(new PrintWriter(new StringWriter()))).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> parsed("--host", "0.0.0.0", "--forecast.security.read-keys=k-0123456789abcdef",
        "--forecast.security.enabled=false").springArguments(new PrintWriter(new StringWriter())))
        .isInstanceOf(BadInputException.class);
  }

  @Test
  void anInvalidPropertyIsBadInputNamingItOnOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRun run = CliRun.of("serve", "--port", "0", "--store", dir.toString(), "--forecast.training.queue-capacity=0");
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).isEqualTo("error: invalid configuration: forecast.training.queue-capacity must be greater "
        + "than or equal to 1, got 0\n");
  }

  @Test
  void theBindAddressIsGivenOnce() {
    CliRun run = CliRun.of("serve", "--host", "127.0.0.1", "--server.address=0.0.0.0");
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).contains("error: the bind address is given twice");
  }

  @Test
  void startLineSaysWhatIsServedAndWhetherTheServiceIsOpen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path root = dir.resolve("store");
    try (io.forecast.forecasting.service.ModelStore store = new io.forecast.forecasting.service.ModelStore(root)) {
      assertThat(ServeCommand.startLine(store, "127.0.0.1", 8080, ApiKeys.none()))
          .isEqualTo("forecast serve: serving 0 models from " + root.toAbsolutePath() + " on http://127.0.0.1:8080 "
              + "(open: no API keys configured — development use only)");
      assertThat(ServeCommand.startLine(store, "::1", 9000, ApiKeys.of(List.of("r-0123456789abcdef"), List.of())))
          .isEqualTo("forecast serve: serving 0 models from " + root.toAbsolutePath() + " on http://[::1]:9000 "
              + "(API keys required: 1 read, 0 write)");
    }
  }
}
