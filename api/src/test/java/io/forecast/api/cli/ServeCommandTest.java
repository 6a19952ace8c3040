package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
