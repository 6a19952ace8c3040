package io.forecast.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DemoDatasetTest {
  static final Path DEMO = Path.of("demo", "ETTh1.csv");

  @Test
  void bundledEtth1IsByteIdenticalToTheUpstreamFile() throws Exception {
    byte[] bytes = Files.readAllBytes(DEMO);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(sha).isEqualTo("f18de3ad269cef59bb07b5438d79bb3042d3be49bdeecf01c1cd6d29695ee066");
    assertThat(bytes).hasSize(2_589_657);
  }

  @Test
  void bundledEtth1LoadsWithTheStandardSplit() {
    TimeSeriesFrame f = TimeSeriesCsvReader.read(DEMO);
    PreparedSeries p = PreparedSeries.prepare(f, SplitRule.AUTO, 96, 96);
    assertThat(p.boundaries().rule()).isEqualTo(SplitRule.ETT_HOUR);
    assertThat(p.windows(Split.TRAIN).count()).isEqualTo(8449);
  }
}
