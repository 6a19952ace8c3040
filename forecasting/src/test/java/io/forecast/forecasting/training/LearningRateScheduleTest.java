package io.forecast.forecasting.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void type1HalvesFromEpochThree() {
    LearningRateSchedule s = LearningRateSchedule.TYPE1;
    assertThat(s.rate(5e-4, 1, 30)).isEqualTo(5e-4);
    assertThat(s.rate(5e-4, 2, 30)).isEqualTo(5e-4);
    assertThat(s.rate(5e-4, 3, 30)).isEqualTo(2.5e-4);
    assertThat(s.rate(5e-4, 5, 30)).isEqualTo(6.25e-5);
  }

  @Test
  void type3DecaysByPointNineAfterEpochFour() {
    LearningRateSchedule s = LearningRateSchedule.TYPE3;
    assertThat(s.rate(1e-3, 1, 30)).isEqualTo(1e-3);
    assertThat(s.rate(1e-3, 4, 30)).isEqualTo(1e-3);
    assertThat(s.rate(1e-3, 5, 30)).isCloseTo(9e-4, within(1e-15));
    assertThat(s.rate(1e-3, 6, 30)).isCloseTo(8.1e-4, within(1e-15));
  }

  @Test
  void cosineStartsAtLr0AndReachesHalfAtMidway() {
    LearningRateSchedule s = LearningRateSchedule.COSINE;
    assertThat(s.rate(5e-4, 1, 50)).isEqualTo(5e-4);
    assertThat(s.rate(5e-4, 26, 50)).isCloseTo(2.5e-4, within(1e-15));
    assertThat(s.rate(5e-4, 50, 50))
        .isCloseTo(0.5 * 5e-4 * (1 + Math.cos(Math.PI * 49 / 50)), within(1e-18));
  }

  @Test
  void parsesScriptNames() {
    assertThat(LearningRateSchedule.parse("type1")).isEqualTo(LearningRateSchedule.TYPE1);
    assertThat(LearningRateSchedule.parse("Cosine")).isEqualTo(LearningRateSchedule.COSINE);
    assertThat(LearningRateSchedule.TYPE3.scriptName()).isEqualTo("type3");
    assertThatThrownBy(() -> LearningRateSchedule.parse("type2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type2");
  }
}
