package io.forecast.forecasting.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeasonalNaiveScaleTest {
  /**
   * Column a = 1, 3, 2, 6, 4; b = 5, 5, 5, 5, 5.
   *
   * <pre>
   * m = 2: a: |2−1| + |6−3| + |4−2| = 1 + 3 + 2 = 6 over T − m = 3 → 2;  b: 0
   * m = 1: a: |3−1| + |2−3| + |6−2| + |4−6| = 2 + 1 + 4 + 2 = 9 over 4 → 2.25
   * m = 4: a: |4−1| = 3 over 1 → 3
   * </pre>
   */
  @Test
  void seasonalNaiveInSampleMaeByHand() {
    double[][] cols = {{1, 3, 2, 6, 4}, {5, 5, 5, 5, 5}};
    SeasonalNaiveScale m2 = SeasonalNaiveScale.of(cols, 2);
    assertThat(m2.scales()).containsExactly(2.0, 0.0);
    assertThat(m2.period()).isEqualTo(2);
    assertThat(m2.trainingRows()).isEqualTo(5);
    assertThat(SeasonalNaiveScale.of(cols, 1).scale(0)).isCloseTo(2.25, within(1e-15));
    assertThat(SeasonalNaiveScale.of(cols, 4).scale(0)).isCloseTo(3.0, within(1e-15));
  }

  @Test
  void streamingRowsInBatchesEqualsColumns() {
    SeasonalNaiveScale b = SeasonalNaiveScale.builder(2, 2)
        .addRows(new double[] {1, 5, 3, 5})
        .addRows(new double[0])
        .addRow(new double[] {2, 5})
        .addRows(new double[] {6, 5, 4, 5})
        .build();
    assertThat(b.scales()).containsExactly(2.0, 0.0);
  }

  /** The frame's training rows [0, 5): a = 1, 3, 2, 6, 4 → 2 (as above), OT constant → 0; row 5 unread. */
  @Test
  void fromTheTrainingRowsOfAFrame() {
    String csv = "date,a,OT\n"
        + "2021-01-01 00:00:00,1,5\n2021-01-01 01:00:00,3,5\n2021-01-01 02:00:00,2,5\n"
        + "2021-01-01 03:00:00,6,5\n2021-01-01 04:00:00,4,5\n2021-01-01 05:00:00,90,5\n";
    TimeSeriesFrame frame = TimeSeriesCsvReader.read("t.csv", csv.getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
    SeasonalNaiveScale scale = SeasonalNaiveScale.of(frame, 0, 5, 2);
    assertThat(scale.scales()).containsExactly(2.0, 0.0);
    assertThat(scale.trainingRows()).isEqualTo(5);
  }

  @Test
  void refusesTooFewRowsAndBadShapes() {
    assertThatThrownBy(() -> SeasonalNaiveScale.of(new double[][] {{1, 2}}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than period 2 training rows, got 2");
    assertThatThrownBy(() -> SeasonalNaiveScale.of(new double[][] {{1, 2, 3}, {1, 2}}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1 has 2 rows, column 0 has 3");
    assertThatThrownBy(() -> SeasonalNaiveScale.builder(2, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
    assertThatThrownBy(() -> SeasonalNaiveScale.builder(2, 1).addRow(new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row has 3 values, expected 2 columns");
    assertThatThrownBy(() -> SeasonalNaiveScale.builder(1, 1).addRow(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
  }
}
