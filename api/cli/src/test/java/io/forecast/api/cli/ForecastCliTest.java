package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Error lines are one line and never carry raw control bytes to the terminal. */
class ForecastCliTest {

  @Test
  void controlCharactersAreEscapedAndLinesJoined() {
    assertThat(ForecastCli.oneLine("bad\u0007cell\nnext\r\u001b[31mred\uFFFD"))
        .isEqualTo("bad\\u0007cell next \\u001B[31mred\\uFFFD");
    assertThat(ForecastCli.oneLine("  plain text  ")).isEqualTo("plain text");
    assertThat(ForecastCli.oneLine(null)).isEmpty();
  }
}
