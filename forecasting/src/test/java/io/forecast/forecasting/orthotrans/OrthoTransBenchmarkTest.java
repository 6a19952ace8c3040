package io.forecast.forecasting.orthotrans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Structure of the benchmark rows (tiny inputs; not a timing test). */
class OrthoTransBenchmarkTest {
  @Test
  void runsInFullWithinBudgetAndExtrapolatesBeyondIt() {
    double[][] data = OrthoTransBenchmark.synthetic(6, 400, 1);
    List<OrthoTransBenchmark.Row> full = OrthoTransBenchmark.run(
        List.of(new OrthoTransBenchmark.Case("tiny", data, new int[] {24, 48})),
        new OrthoTransBenchmark.Options(0, 3, 60, 1e9));
    assertThat(full).hasSize(2);
    OrthoTransBenchmark.Row r = full.get(0);
    assertThat(r.caseName()).isEqualTo("tiny");
    assertThat(r.length()).isEqualTo(24);
    assertThat(r.variates()).isEqualTo(6);
    assertThat(r.rows()).isEqualTo(400);
    assertThat(r.naiveExtrapolated()).isFalse();
    assertThat(r.naiveVariatesMeasured()).isEqualTo(6);
    assertThat(r.slidingMillisMedian()).isPositive();
    assertThat(r.maxOrthoError()).isLessThan(1e-12);
    assertThat(r.maxSigmaDiff()).isLessThan(1e-10);

    List<OrthoTransBenchmark.Row> capped = OrthoTransBenchmark.run(
        List.of(new OrthoTransBenchmark.Case("tiny", data, new int[] {24})),
        new OrthoTransBenchmark.Options(0, 1, 1e-9, 1e9));
    OrthoTransBenchmark.Row c = capped.get(0);
    assertThat(c.naiveExtrapolated()).isTrue();
    assertThat(c.naiveVariatesMeasured()).isEqualTo(Math.min(6, Runtime.getRuntime().availableProcessors()));
    assertThat(OrthoTransBenchmark.format(capped)).contains("extrap.");
  }

  @Test
  void syntheticInputIsDeterministic() {
    assertThat(OrthoTransBenchmark.synthetic(3, 100, 9)).isDeepEqualTo(OrthoTransBenchmark.synthetic(3, 100, 9));
    double[][] ecl = OrthoTransBenchmark.syntheticEcl(42);
    assertThat(ecl).hasNumberOfRows(321);
    assertThat(ecl[0]).hasSize(18_412);
  }
}
