package io.forecast.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScalerAndWindowsTest {

  @Test
  void scalerStatisticsEqualAHandComputation() {
    // two columns, 4 rows; fit on the first 3 rows only
    double[] data = {
        1, 10,
        2, 10,
        6, 10,
        100, -5};
    StandardScaler s = StandardScaler.fit(data, 2, 0, 3);
    // column 0: mean 3, population variance ((1-3)^2 + (2-3)^2 + (6-3)^2) / 3 = 14/3
    assertThat(s.mean()[0]).isEqualTo(3.0);
    assertThat(s.std()[0]).isCloseTo(Math.sqrt(14.0 / 3.0), within(1e-15));
    // column 1: constant on the training rows -> std 0 replaced by 1
    assertThat(s.mean()[1]).isEqualTo(10.0);
    assertThat(s.std()[1]).isEqualTo(1.0);

    double[] z = s.transform(data);
    assertThat(z[0]).isCloseTo((1 - 3) / Math.sqrt(14.0 / 3.0), within(1e-15));
    assertThat(z[7]).isEqualTo(-15.0);
    assertThat(s.inverse(z)).containsExactly(data, within(1e-12));
    assertThat(data[0]).as("transform does not modify its input").isEqualTo(1.0);
  }

  @Test
  void windowsAreViewsOverOneArray() {
    int rows = 20;
    int cols = 3;
    double[] data = new double[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    SlidingWindows w = SlidingWindows.over(data, cols, 2, 18, 5, 3);
    assertThat(w.count()).isEqualTo(16 - 5 - 3 + 1);
    assertThat(w.data()).isSameAs(data);
    assertThat(w.inputOffset(0)).isEqualTo(2 * cols);
    assertThat(w.targetOffset(0)).isEqualTo(7 * cols);
    assertThat(w.targetRow(w.count() - 1) + 3).isEqualTo(18);
    float[] in = new float[5 * cols];
    w.copyInput(1, in, 0);
    assertThat(in[0]).isEqualTo(9f);
    assertThat(in[in.length - 1]).isEqualTo(23f);
    float[] out = new float[3 * cols];
    w.copyTarget(1, out, 0);
    assertThat(out[0]).isEqualTo(24f);
    assertThatThrownBy(() -> w.inputOffset(w.count())).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void tooShortSplitNamesTheSplitAndTheNeed() {
    SplitBoundaries b = SplitBoundaries.of(SplitRule.RATIO, "small.csv", 100);
    assertThatThrownBy(() -> b.windows("small.csv", new double[100], 1, Split.VAL, 24, 24))
        .isInstanceOf(SeriesTooShortException.class)
        .hasMessageContaining("small.csv")
        .hasMessageContaining("val split has 10 rows")
        .hasMessageContaining("needs 24");
    assertThatThrownBy(() -> SplitBoundaries.of(SplitRule.ETT_HOUR, "x.csv", 1000))
        .isInstanceOf(SeriesTooShortException.class)
        .hasMessageContaining("needs at least 14400 rows");
  }
}
