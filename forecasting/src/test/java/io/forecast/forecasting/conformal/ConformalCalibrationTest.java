package io.forecast.forecasting.conformal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.SlidingWindows;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformal rule against hand computations. */
class ConformalCalibrationTest {

  @Test
  void theRankHasTheFiniteSampleCorrection() {
    // n = 9, α = 0.2: ⌈10 · 0.8⌉ = 8
    assertThat(ConformalCalibration.rank(9, 80)).isEqualTo(8);
    // ⌈10 · 0.95⌉ = ⌈9.5⌉ = 10 > 9
    assertThat(ConformalCalibration.rank(9, 95)).isEqualTo(10);
    // ⌈20 · 0.95⌉ = 19
    assertThat(ConformalCalibration.rank(19, 95)).isEqualTo(19);
    // ⌈10 · 0.5⌉ = 5, exactly (no rounding up to 6)
    assertThat(ConformalCalibration.rank(9, 50)).isEqualTo(5);
    // 95 needs n ≥ 95/5 = 19; 80 needs n ≥ 80/20 = 4; 97.5 needs n ≥ 39
    assertThat(ConformalCalibration.minimumWindows(95)).isEqualTo(19);
    assertThat(ConformalCalibration.minimumWindows(80)).isEqualTo(4);
    assertThat(ConformalCalibration.minimumWindows(97.5)).isEqualTo(39);
  }

  @Test
  void theQuantileIsTheRankthSmallestResidual() {
    double[] residuals = {0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6};
    // sorted 0.1 .. 0.9: the 8th smallest is 0.8, the 5th 0.5
    assertThat(ConformalCalibration.quantile(residuals, 80)).contains(0.8);
    assertThat(ConformalCalibration.quantile(residuals, 50)).contains(0.5);
    assertThat(ConformalCalibration.quantile(residuals, 95)).as("rank 10 of 9: unbounded, refused").isEmpty();
  }

  @Test
  void levelsAreParsedAndLabelled() {
    assertThat(ConformalCalibration.parseLevels("80, 95,97.5")).containsExactly(80.0, 95.0, 97.5);
    assertThat(ConformalCalibration.label(80.0)).isEqualTo("80");
    assertThat(ConformalCalibration.label(97.5)).isEqualTo("97.5");
    assertThatThrownBy(() -> ConformalCalibration.parseLevels("80,100"))
        .isInstanceOf(IntervalsUnavailableException.class).hasMessage("interval level 100.0 is not a percentage in (0, 100)");
    assertThatThrownBy(() -> ConformalCalibration.parseLevels("0"))
        .isInstanceOf(IntervalsUnavailableException.class).hasMessageContaining("not a percentage in (0, 100)");
    assertThatThrownBy(() -> ConformalCalibration.parseLevels("80,x"))
        .isInstanceOf(IntervalsUnavailableException.class).hasMessageContaining("'x' is not a number");
    assertThatThrownBy(() -> ConformalCalibration.parseLevels("80,80"))
        .isInstanceOf(IntervalsUnavailableException.class).hasMessage("interval level 80 is given twice");
  }

  /** Values 1..rows in one column; a predictor of zeros makes each residual its target. */
  private static SlidingWindows ramp(int rows) {
    double[] data = new double[rows];
    for (int i = 0; i < rows; i++) {
      data[i] = i + 1;
    }
    return SlidingWindows.over(data, 1, 0, rows, 1, 1);
  }

  @Test
  void calibrationOnNineWindowsTakesTheEighthResidualAndRefuses95() {
    // 10 values, seq 1, pred 1: 9 windows with targets 2..10; zero forecasts → residuals 2..10
    ConformalCalibration c = ConformalCalibration.calibrate((w, from, count) -> new float[count], ramp(10),
        List.of("y"), List.of(80.0, 95.0)).orElseThrow();
    assertThat(c.windows()).isEqualTo(9);
    assertThat(c.halfWidth(80, 0, 0)).isEqualTo(9.0); // 8th smallest of 2..10
    assertThat(c.levels()).containsExactly("80");
    assertThatThrownBy(() -> c.require(List.of(95.0)))
        .isInstanceOf(IntervalsUnavailableException.class)
        .hasMessageContaining("the 95% interval needs at least 19 validation windows")
        .hasMessageContaining("calibrated on n = 9")
        .hasMessageEndingWith("available levels: 80");
    assertThatThrownBy(() -> c.require(List.of(90.0)))
        .isInstanceOf(IntervalsUnavailableException.class)
        .hasMessage("the 90% interval was not calibrated for this model; available levels: 80");
    // ŷ ± q·std: forecast 100, std 2 → [82, 118]
    PredictionIntervals p = c.intervals(new double[] {100}, new double[] {2}, List.of(80.0));
    assertThat(p.bands().get("80").lower()).containsExactly(82.0);
    assertThat(p.bands().get("80").upper()).containsExactly(118.0);
  }

  @Test
  void manyWindowsAreThinnedWithAFixedStride() {
    // 12,001 values: 12,000 windows, targets i + 2; capped at 5,000 → stride 3, n = 4,000 windows
    // 0, 3, 6, ...: residuals 2 + 3j; 80 %: rank ⌈4001 · 0.8⌉ = 3201 → j = 3200 → 9602
    ConformalCalibration c = ConformalCalibration.calibrate((w, from, count) -> new float[count], ramp(12_001),
        List.of("y"), List.of(80.0)).orElseThrow();
    assertThat(c.validationWindows()).isEqualTo(12_000);
    assertThat(c.stride()).isEqualTo(3);
    assertThat(c.windows()).isEqualTo(4_000);
    assertThat(c.halfWidth(80, 0, 0)).isCloseTo(9602.0, within(0.0));
  }

  @Test
  void noValidationWindowsMeansNoCalibration() {
    assertThat(ConformalCalibration.calibrate((w, from, count) -> new float[count], ramp(1), List.of("y"),
        List.of(80.0))).isEmpty();
  }
}
