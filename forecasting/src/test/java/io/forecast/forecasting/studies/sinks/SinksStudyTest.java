package io.forecast.forecasting.studies.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.data.SplitRule;
import io.forecast.forecasting.nn.NativeEngine;
import io.forecast.forecasting.studies.cooccurrence.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sinks study at reduced sizes: the theory's outcome on the constructed input, the metrics against hand
 * computations, the window operator's band, a tiny end-to-end run and the settings' refusals.
 */
class SinksStudyTest {
  /** 32-row windows in 8 tokens of 4 rows, D = 8, 2 heads, 4 layers. */
  static SinksSettings small() {
    return new SinksSettings(32, 8, 4, 8, 2, 16, 4, 1, 16, 1e-3, 0, 64, 32, 1, 0, 2, 1, true, 400,
        List.of(SinkVariant.SOFTMAX, SinkVariant.WINDOW), List.of(Architecture.ATTENTION_ONLY));
  }

  @Test
  void attentionOnlySoftmaxShrinksTheRankOneDistanceAtEveryLayer() {
    ConstructedRun run = ConstructedCheck.one(small(), "a", Architecture.ATTENTION_ONLY, SinkVariant.SOFTMAX, 0, 0);
    double[] r = run.rankOne();
    assertThat(r).hasSize(5);
    assertThat(r[0]).as("constructed input: spread around a common mean").isBetween(0.2, 0.8);
    for (int l = 1; l < r.length; l++) {
      if (r[l - 1] > 1e-6) {
        assertThat(r[l]).as("layer %d", l).isLessThan(r[l - 1]);
      } else {
        assertThat(r[l]).as("layer %d: collapsed (all tokens equal in float32)", l).isLessThan(1e-6);
      }
    }
    assertThat(r[1]).as("near-uniform positive A contracts strongly").isLessThan(0.2 * r[0]);
  }

  @Test
  void nullSinkWithALargeLogitKeepsTheRankOneDistance() {
    double big = SinksSettings.CONSTRUCTED_LARGE;
    double[] kept = ConstructedCheck.one(small(), "v2", Architecture.RESIDUAL, SinkVariant.NULL_SINK, big, 0)
        .rankOne();
    double[] softmax = ConstructedCheck.one(small(), "s", Architecture.RESIDUAL, SinkVariant.SOFTMAX, 0, 0).rankOne();
    assertThat(softmax[0]).isEqualTo(kept[0]);
    for (int l = 1; l < kept.length; l++) {
      assertThat(kept[l]).as("switched-off head: H <- H + 0 at layer %d", l).isCloseTo(kept[0], within(1e-5));
      assertThat(softmax[l]).as("softmax with residual still smooths at layer %d", l).isLessThan(softmax[l - 1]);
    }
    double[] diagonal = ConstructedCheck.one(small(), "v3", Architecture.ATTENTION_ONLY, SinkVariant.DIAGONAL_BIAS, 0,
        big).rankOne();
    for (int l = 1; l < diagonal.length; l++) {
      assertThat(diagonal[l]).as("A = I keeps H at layer %d", l).isCloseTo(diagonal[0], within(1e-5));
    }
  }

  @Test
  void metricsMatchHandComputations() {
    // layer 0: tokens (1, 0) and (0, 1); layer 1: two equal tokens (1, 1) after A = [[.5, .3], [.2, .6]]
    SinksModel.Probed p = new SinksModel.Probed(1, 1, 2, 2, java.util.Arrays.asList(new float[] {0.5f, 0.3f, 0.2f,
        0.6f}), List.of(new float[] {1, 0, 0, 1}, new float[] {1, 1, 1, 1}));
    List<LayerMetrics> m = LayerMetrics.of(List.of(p));
    LayerMetrics in = m.get(0);
    // mean (.5, .5): ||H - 1 mean|| = 1, ||H|| = sqrt 2
    assertThat(in.rankOneDistance()).isCloseTo(1 / Math.sqrt(2), within(1e-12));
    assertThat(in.meanCosine()).isCloseTo(0, within(1e-12));
    // (1/N^2) sum ||h_i - h_j||^2 = (2 * 2) / 4 = 1, over ||H||^2 / N = 1
    assertThat(in.dirichletEnergy()).isCloseTo(1, within(1e-12));
    // singular values 1, 1: p = (.5, .5), exp(ln 2) = 2
    assertThat(in.effectiveRank()).isCloseTo(2, within(1e-9));
    assertThat(in.contraction()).isNull();
    assertThat(in.sinkMass()).isNull();
    LayerMetrics out = m.get(1);
    assertThat(out.rankOneDistance()).isZero();
    assertThat(out.contraction()).isZero();
    assertThat(out.meanCosine()).isCloseTo(1, within(1e-12));
    assertThat(out.effectiveRank()).isCloseTo(1, within(1e-9));
    assertThat(out.diagonalMass()).isCloseTo((0.5 + 0.6) / 2, within(1e-7));
    // column sums .7 and .9: the most attended key gets .9 / 2
    assertThat(out.sinkMass()).isCloseTo(0.45, within(1e-7));
    // each row sums to .8: .2 goes to the null column, below the .9 switch threshold
    assertThat(out.switchOffMass()).isCloseTo(0.2, within(1e-7));
    assertThat(out.switchRate()).isZero();
    // rows renormalised: (5/8, 3/8) and (1/4, 3/4)
    double h1 = -(0.625 * Math.log(0.625) + 0.375 * Math.log(0.375));
    double h2 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    assertThat(out.entropy()).isCloseTo((h1 + h2) / 2, within(1e-6));
  }

  @Test
  void windowAttentionGivesMaskedKeysExactlyZero() {
    try (NDManager m = NativeEngine.get().newBaseManager()) {
      NDArray q = m.randomNormal(new Shape(1, 1, 5, 3));
      NDArray k = m.randomNormal(new Shape(1, 1, 5, 3));
      NDArray v = m.randomNormal(new Shape(1, 1, 5, 2));
      WindowAttention w = new WindowAttention(AttentionOperators.create("softmax", Map.of()), 1);
      float[] a = w.apply(q, k, v, null, true).weights().toFloatArray();
      for (int i = 0; i < 5; i++) {
        double row = 0;
        for (int j = 0; j < 5; j++) {
          if (Math.abs(i - j) > 1) {
            assertThat(a[i * 5 + j]).as("A[%d][%d]", i, j).isZero();
          } else {
            assertThat(a[i * 5 + j]).isPositive();
          }
          row += a[i * 5 + j];
        }
        assertThat(row).isCloseTo(1, within(1e-6));
      }
    }
    assertThatThrownBy(() -> new WindowAttention(null, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 0");
  }

  @Test
  void aTinyRunMeasuresEveryLayerAndJudgesTheClaims() {
    SinksResult r = SinksStudy.run(small(), null, SplitRule.AUTO, s -> { });
    assertThat(r.runs()).hasSize(2);
    assertThat(r.datasets()).containsExactly("synthetic");
    for (TrainedRun run : r.runs()) {
      assertThat(run.layers()).hasSize(5);
      assertThat(run.testMse()).isFinite().isPositive();
      assertThat(run.layers().get(1).entropy()).isPositive();
      assertThat(run.layers().get(1).switchOffMass()).as("row-stochastic").isCloseTo(0, within(1e-5));
    }
    TrainedRun window = SinksVerdicts.find(r.runs(), "synthetic", Architecture.ATTENTION_ONLY, SinkVariant.WINDOW);
    // a window of ±1 over 8 tokens: at most 3 keys per query, so the row entropy is at most ln 3
    assertThat(window.layers().get(1).entropy()).isLessThanOrEqualTo(Math.log(3) + 1e-6);
    assertThat(r.verdicts()).extracting(Verdict::claim).anyMatch(c -> c.contains("attention-only softmax: r(H) "
        + "shrinks")).anyMatch(c -> c.contains("residual v2 large logit: r(H) is kept"));
    assertThat(r.verdicts().subList(0, 6)).allMatch(Verdict::holds);
    assertThat(r.summary()).containsKeys("settings", "constructed", "runs", "verdicts", "verdictsHeld");
    assertThat(r.markdown()).contains("## synthetic, attention-only").contains("| window |");
    assertThat(SinksCharts.rankOne(r, "synthetic", Architecture.ATTENTION_ONLY).lines()).hasSize(2);
  }

  @Test
  void theSwitchVariantLearnsItsPerHeadValues() {
    SinksSettings s = small().comparing(List.of(SinkVariant.SWITCH, SinkVariant.NULL_SINK),
        List.of(Architecture.RESIDUAL));
    SinksResult r = SinksStudy.run(s, null, SplitRule.AUTO, x -> { });
    TrainedRun sw = r.runs().get(0);
    assertThat(sw.learnedLogits()).hasDimensions(4, 2);
    assertThat(sw.learnedDiagonals()).hasDimensions(4, 2);
    // both start at 0 (b = 0, β = 0 in small()); one epoch of Adam moves each by about lr per step
    assertThat(java.util.Arrays.stream(sw.learnedLogits()).flatMapToDouble(java.util.Arrays::stream)
        .map(Math::abs).max().orElseThrow()).isGreaterThan(1e-5).isLessThan(1);
    assertThat(sw.layers().get(1).switchOffMass()).as("b_h ~ 0 over 8 keys: about 1/9 off").isBetween(0.05, 0.2);
    TrainedRun v2 = r.runs().get(1);
    assertThat(v2.learnedLogits()).hasDimensions(4, 2);
    assertThat(v2.learnedDiagonals()).isNull();
    assertThat(r.summary().toString()).contains("learnedLogits");
    assertThat(r.markdown()).contains("| learned b_h, β_h per layer (mean over heads) |", "b 0.");
  }

  @Test
  void settingsAndNamesAreChecked() {
    assertThatThrownBy(() -> new SinksSettings(30, 8, 4, 8, 2, 16, 4, 1, 16, 1e-3, 0, 64, 32, 1, 0, 2, 1, true, 400,
        List.of(SinkVariant.SOFTMAX), List.of(Architecture.FULL))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of the patch");
    assertThatThrownBy(() -> new SinksSettings(32, 8, 4, 8, 3, 16, 4, 1, 16, 1e-3, 0, 64, 32, 1, 0, 2, 1, true, 400,
        List.of(SinkVariant.SOFTMAX), List.of(Architecture.FULL))).hasMessageContaining("multiple of the heads");
    assertThatThrownBy(() -> new SinksSettings(32, 8, 4, 8, 2, 16, 4, 1, 16, 1e-3, 0, 64, 32, 1, 2000, 2, 1, true, 400,
        List.of(SinkVariant.SOFTMAX), List.of(Architecture.FULL))).hasMessageContaining("±1000");
    assertThatThrownBy(() -> small().comparing(List.of(), List.of(Architecture.FULL)))
        .hasMessageContaining("at least one variant");
    assertThat(SinkVariant.parse("v2")).isEqualTo(SinkVariant.NULL_SINK);
    assertThat(SinkVariant.parse("diagonal-bias")).isEqualTo(SinkVariant.DIAGONAL_BIAS);
    assertThat(SinkVariant.parse("Window")).isEqualTo(SinkVariant.WINDOW);
    assertThatThrownBy(() -> SinkVariant.parse("v9")).hasMessageContaining("unknown variant 'v9'");
    assertThat(Architecture.parse("residual-mlp")).isEqualTo(Architecture.FULL);
    assertThatThrownBy(() -> Architecture.parse("mlp")).hasMessageContaining("known: attention-only");
  }
}
