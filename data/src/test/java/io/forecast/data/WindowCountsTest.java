package io.forecast.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Window counts of the seven benchmark files under the standard splits (Time-Series-Library rules). */
class WindowCountsTest {

  static Stream<Arguments> published() {
    return Stream.of(
        // file, seq, pred, train, val, test
        Arguments.of("ETTh1.csv", 96, new int[] {96, 192, 336, 720}, new int[] {8449, 8353, 8209, 7825},
            new int[] {2785, 2689, 2545, 2161}, new int[] {2785, 2689, 2545, 2161}),
        Arguments.of("ETTh2.csv", 96, new int[] {96, 192, 336, 720}, new int[] {8449, 8353, 8209, 7825},
            new int[] {2785, 2689, 2545, 2161}, new int[] {2785, 2689, 2545, 2161}),
        Arguments.of("ETTm1.csv", 96, new int[] {96, 192, 336, 720}, new int[] {34369, 34273, 34129, 33745},
            new int[] {11425, 11329, 11185, 10801}, new int[] {11425, 11329, 11185, 10801}),
        Arguments.of("ETTm2.csv", 96, new int[] {96, 192, 336, 720}, new int[] {34369, 34273, 34129, 33745},
            new int[] {11425, 11329, 11185, 10801}, new int[] {11425, 11329, 11185, 10801}),
        Arguments.of("weather.csv", 96, new int[] {96, 192, 336, 720}, new int[] {36696, 36600, 36456, 36072},
            new int[] {5175, 5079, 4935, 4551}, new int[] {10444, 10348, 10204, 9820}),
        Arguments.of("exchange_rate.csv", 96, new int[] {96, 192, 336, 720}, new int[] {5120, 5024, 4880, 4496},
            new int[] {665, 569, 425, 41}, new int[] {1422, 1326, 1182, 798}),
        // ILI, seq 36: 966 rows -> train 676, val 97, test 193 (7:1:2).
        // train 676-36-h+1, val 97-h+1, test 193-h+1 for h = 24, 36, 48, 60.
        Arguments.of("national_illness.csv", 36, new int[] {24, 36, 48, 60}, new int[] {617, 605, 593, 581},
            new int[] {74, 62, 50, 38}, new int[] {170, 158, 146, 134}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("published")
  void windowCountsMatchTheSplitRules(String file, int seq, int[] preds, int[] train, int[] val, int[] test) {
    TimeSeriesFrame frame = TimeSeriesCsvReader.read(SharedData.file(file),
        CsvLoadOptions.defaults().withMissingValues(MissingValuePolicy.KEEP));
    SplitBoundaries b = SplitBoundaries.of(SplitRule.AUTO, file, frame.rows());
    for (int k = 0; k < preds.length; k++) {
      assertThat(b.windowCount(Split.TRAIN, seq, preds[k])).as("%s train pred %d", file, preds[k]).isEqualTo(train[k]);
      assertThat(b.windowCount(Split.VAL, seq, preds[k])).as("%s val pred %d", file, preds[k]).isEqualTo(val[k]);
      assertThat(b.windowCount(Split.TEST, seq, preds[k])).as("%s test pred %d", file, preds[k]).isEqualTo(test[k]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("published")
  void preparedSeriesExposesTheSameWindows(String file, int seq, int[] preds, int[] train, int[] val, int[] test) {
    TimeSeriesFrame frame = TimeSeriesCsvReader.read(SharedData.file(file),
        CsvLoadOptions.defaults().withMissingValues(MissingValuePolicy.KEEP));
    PreparedSeries p = PreparedSeries.prepare(frame, SplitRule.AUTO, seq, preds[0]);
    assertThat(p.windows(Split.TRAIN).count()).isEqualTo(train[0]);
    assertThat(p.windows(Split.VAL).count()).isEqualTo(val[0]);
    assertThat(p.windows(Split.TEST).count()).isEqualTo(test[0]);
    // the first validation/test target starts exactly at the split boundary
    assertThat(p.windows(Split.VAL).targetRow(0)).isEqualTo(p.boundaries().trainEnd());
    assertThat(p.windows(Split.TEST).targetRow(0)).isEqualTo(p.boundaries().valEnd());
    // the last test target ends exactly at the test boundary
    SlidingWindows t = p.windows(Split.TEST);
    assertThat(t.targetRow(t.count() - 1) + preds[0]).isEqualTo(p.boundaries().testEnd());
  }

  @org.junit.jupiter.api.Test
  void boundariesFollowTheReadmeTable() {
    assertThat(SplitBoundaries.of(SplitRule.AUTO, "ETTh1.csv", 17420))
        .isEqualTo(new SplitBoundaries(SplitRule.ETT_HOUR, 8640, 11520, 14400, 17420));
    assertThat(SplitBoundaries.of(SplitRule.AUTO, "ETTm2.csv", 69680))
        .isEqualTo(new SplitBoundaries(SplitRule.ETT_MINUTE, 34560, 46080, 57600, 69680));
    assertThat(SplitBoundaries.of(SplitRule.AUTO, "weather.csv", 52696))
        .isEqualTo(new SplitBoundaries(SplitRule.RATIO, 36887, 42157, 52696, 52696));
    assertThat(SplitBoundaries.of(SplitRule.AUTO, "national_illness.csv", 966))
        .isEqualTo(new SplitBoundaries(SplitRule.RATIO, 676, 773, 966, 966));
    // explicit override beats the file name
    assertThat(SplitBoundaries.of(SplitRule.RATIO, "ETTh1.csv", 17420).trainEnd()).isEqualTo(12194);
  }
}
