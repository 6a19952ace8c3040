package io.forecast.forecasting.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  @Test
  void counterGrowsOnlyWhenStrictlyWorseAndATieResaves() {
    EarlyStopping stopping = new EarlyStopping(2);
    assertThat(stopping.update(1.0)).isTrue();
    assertThat(stopping.update(1.5)).isFalse();
    assertThat(stopping.counter()).isEqualTo(1);
    assertThat(stopping.update(1.0)).isTrue(); // tie: improvement, counter reset
    assertThat(stopping.counter()).isZero();
    assertThat(stopping.update(1.1)).isFalse();
    assertThat(stopping.shouldStop()).isFalse();
    assertThat(stopping.update(Double.NaN)).isFalse();
    assertThat(stopping.shouldStop()).isTrue();
    assertThat(stopping.best()).isEqualTo(1.0);
  }
}
