package io.forecast.forecasting.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.backtest.FoldPlan.Fold;
import io.forecast.forecasting.backtest.FoldPlan.Window;
import org.junit.jupiter.api.Test;

class FoldPlanTest {

  @Test
  void expandingFoldsOfASmallSeries() {
    // 20 rows, first origin 8, step 4, horizon 4: origins 8, 12, 16 (16 + 4 = 20 fits, 20 + 4 does not)
    FoldPlan plan = FoldPlan.plan(20, Window.EXPANDING, 0, 8, 4, 4, 1);
    assertThat(plan.folds()).containsExactly(
        new Fold(0, 0, 8, 12, true, 0, 8),
        new Fold(1, 0, 12, 16, true, 0, 12),
        new Fold(2, 0, 16, 20, true, 0, 16));
  }

  @Test
  void slidingFoldsKeepTheWindowLength() {
    // window 6: training rows [2, 8), [6, 12), [10, 16)
    FoldPlan plan = FoldPlan.plan(20, Window.SLIDING, 6, 8, 4, 4, 1);
    assertThat(plan.folds()).extracting(Fold::trainStart).containsExactly(2, 6, 10);
    assertThat(plan.folds()).extracting(Fold::origin).containsExactly(8, 12, 16);
  }

  @Test
  void refitEveryTwoFoldsReusesTheLastModelWhichNeverSeesPastItsOrigin() {
    // origins 5, 7, 9, 11, 13 (13 + 2 = 15 ≤ 15); refit at folds 0, 2, 4
    FoldPlan plan = FoldPlan.plan(15, Window.EXPANDING, 0, 5, 2, 2, 2);
    assertThat(plan.folds()).extracting(Fold::refit).containsExactly(true, false, true, false, true);
    assertThat(plan.folds()).extracting(Fold::modelTrainEnd).containsExactly(5, 5, 9, 9, 13);
    for (Fold f : plan.folds()) {
      assertThat(f.modelTrainEnd()).isLessThanOrEqualTo(f.origin());
    }
  }

  @Test
  void neverRefittingUsesTheFirstModelThroughout() {
    FoldPlan plan = FoldPlan.plan(15, Window.SLIDING, 4, 5, 5, 3, 0);
    // origins 5, 10 (15 + 3 > 15 stops): the model of fold 0, trained on [1, 5)
    assertThat(plan.folds()).containsExactly(
        new Fold(0, 1, 5, 8, true, 1, 5),
        new Fold(1, 6, 10, 13, false, 1, 5));
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingThem() {
    assertThatThrownBy(() -> FoldPlan.plan(20, Window.EXPANDING, 0, 8, 0, 4, 1)).hasMessage("step must be at least 1, got 0");
    assertThatThrownBy(() -> FoldPlan.plan(20, Window.EXPANDING, 0, 18, 4, 4, 1))
        .hasMessage("no fold fits: the first origin 18 plus the horizon 4 passes the 20 rows of the series");
    assertThatThrownBy(() -> FoldPlan.plan(20, Window.SLIDING, 9, 8, 4, 4, 1))
        .hasMessage("a sliding window needs 1 … first origin (8) training rows, got 9");
    assertThatThrownBy(() -> FoldPlan.plan(20, Window.EXPANDING, 0, 8, 4, 4, -1))
        .hasMessage("refit-every must be 0 (only the first fold) or at least 1, got -1");
  }
}
