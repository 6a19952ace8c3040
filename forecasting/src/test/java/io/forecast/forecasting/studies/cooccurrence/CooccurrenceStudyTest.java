package io.forecast.forecasting.studies.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.studies.cooccurrence.CooccurrenceData.Group;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The study of spec §7 at reduced cost: the generator, the §7.2 gradients derived by hand against
 * DJL's autograd, and the theorem's claims on short runs (phase 1 at the paper's widths within 40
 * epochs; the end-of-training claims at the paper's widths but 5× its learning rate, where they
 * hold after {@value #END_EPOCHS} epochs instead of 30,000; at lr 0.01 the loss is still 1.2e-3 after
 * 1,000 epochs, and halving m and m1 makes the loss fall more slowly, not faster).
 */
class CooccurrenceStudyTest {
  /** Epochs of the end-of-training test (at lr {@value #END_LR}; the paper: 30,000 at 0.01). */
  static final int END_EPOCHS = 400;
  /** Learning rate of the end-of-training test: 5× the paper's, to reach loss < 1e-3 in 400 epochs. */
  static final double END_LR = 0.05;

  @Test
  void generatorHasTheExactLabelMixAndTheCommonTokenEverywhere() {
    CooccurrenceData data = CooccurrenceData.generate(7);
    assertThat(data.size()).isEqualTo(60);
    Map<Group, Integer> counts = new EnumMap<>(Group.class);
    for (int s = 0; s < data.size(); s++) {
      int[] w = data.words()[s];
      assertThat(w).hasSize(5);
      long mu1 = Arrays.stream(w).filter(x -> x == 0).count();
      long mu2 = Arrays.stream(w).filter(x -> x == 1).count();
      long mu3 = Arrays.stream(w).filter(x -> x == 2).count();
      assertThat(mu3).as("mu3 once in sample %d", s).isEqualTo(1);
      Group expected = mu1 == 1 && mu2 == 1 ? Group.BOTH : mu1 == 1 ? Group.MU1_ONLY : mu2 == 1 ? Group.MU2_ONLY
          : Group.NEITHER;
      assertThat(mu1 + mu2).isLessThanOrEqualTo(2);
      assertThat(data.group(s)).isEqualTo(expected);
      assertThat(data.label(s)).isEqualTo(expected == Group.BOTH ? 1 : -1);
      assertThat(Arrays.stream(w).allMatch(x -> x >= 0 && x < 64)).isTrue();
      counts.merge(expected, 1, Integer::sum);
    }
    assertThat(counts).containsEntry(Group.BOTH, 30).containsEntry(Group.MU1_ONLY, 10)
        .containsEntry(Group.MU2_ONLY, 10).containsEntry(Group.NEITHER, 10);
    double[] x = data.oneHot();
    assertThat(Arrays.stream(x).sum()).as("one 1 per token").isEqualTo(300.0);

    assertThat(CooccurrenceData.generate(7)).isEqualTo(data);
    assertThat(CooccurrenceData.generate(8)).isNotEqualTo(data);
    assertThatThrownBy(() -> CooccurrenceData.generate(61, 5, 64, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 6");
  }

  @Test
  void handDerivedGradientsEqualAutograd() {
    CooccurrenceData data = CooccurrenceData.generate(12, 4, 8, 3);
    int m = 4;
    int m1 = 5;
    try (CooccurrenceModel model = CooccurrenceModel.create(data, m, m1, Init.KAIMING, "softmax", 5)) {
      Map<String, double[]> auto = model.gradients();
      Map<String, double[]> hand = HandGradients.of(data, model, m, m1);
      for (String name : CooccurrenceModel.PARAMETERS) {
        double[] a = auto.get(name);
        double[] h = hand.get(name);
        assertThat(a).hasSameSizeAs(h);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
          diff = Math.max(diff, Math.abs(a[i] - h[i]));
          scale = Math.max(scale, Math.abs(h[i]));
        }
        assertThat(scale).as(name + " gradient is not trivially 0").isGreaterThan(1e-6);
        assertThat(diff / scale).as(name).isLessThan(1e-8);
      }
      // a gradient call leaves the parameters alone and does not accumulate
      assertThat(model.gradients().get("W")).containsExactly(auto.get("W"));
    }
  }

  @Test
  void qrAttentionGivesWqAndWkNoGradient() {
    CooccurrenceData data = CooccurrenceData.generate(12, 4, 8, 3);
    try (CooccurrenceModel model = CooccurrenceModel.create(data, 6, 5, Init.KAIMING, "qr", 5)) {
      Map<String, double[]> g = model.gradients();
      assertThat(maxAbs(g.get("W_Q"))).isLessThanOrEqualTo(1e-12);
      assertThat(maxAbs(g.get("W_K"))).isLessThanOrEqualTo(1e-12);
      assertThat(maxAbs(g.get("W_V"))).isGreaterThan(1e-4);
      assertThat(maxAbs(g.get("W"))).isGreaterThan(1e-4);
    }
  }

  @Test
  void phaseOneAlignsTheReadoutAndClassifiesEverySample() {
    CooccurrenceResult r = CooccurrenceStudy.run(CooccurrenceSettings.defaults().withEpochs(40));
    assertThat(r.phase1End()).isBetween(1, 40);
    Snapshot p1 = r.phase1();
    assertThat(p1.accuracy()).isEqualTo(1.0);
    assertThat(p1.minMargin()).isPositive();
    assertThat(r.at(p1.epoch() - 1).accuracy()).as("the epoch before").isLessThan(1.0);
    assertThat(p1.g()[0]).isPositive();
    assertThat(p1.g()[1]).isPositive();
    assertThat(p1.g()[2]).isNegative();
    assertThat(p1.loss()).as("still Theta(1)").isGreaterThan(0.01);
    assertThat(r.verdicts().subList(0, 3)).allMatch(Verdict::holds);
  }

  @Test
  void trainingDrivesTheLossToZeroAndMovesTheScoresAsTheTheoremSays() {
    CooccurrenceResult r = CooccurrenceStudy.run(CooccurrenceSettings.defaults().withLr(END_LR)
        .withEpochs(END_EPOCHS));
    assertThat(r.last().loss()).isLessThan(1e-3);
    double[] ds = r.scoreChanges();
    assertThat(ds[0]).as("score q<-mu1,k<-mu2").isPositive();
    assertThat(ds[1]).as("score q<-mu2,k<-mu1").isPositive();
    assertThat(ds[2]).as("score q<-mu1,k<-mu3").isNegative();
    assertThat(ds[3]).as("score q<-mu2,k<-mu3").isNegative();
  }

  @Test
  void withSmallInitTheSingleTargetLossFirstRises() {
    CooccurrenceResult r = CooccurrenceStudy.run(CooccurrenceSettings.defaults().withInit(Init.SMALL).withEpochs(31));
    assertThat(r.at(30).groupLoss(Group.MU1_ONLY)).isGreaterThan(r.at(0).groupLoss(Group.MU1_ONLY));
    assertThat(r.at(0).loss()).as("F is near 0 at a small init").isCloseTo(Math.log(2), org.assertj.core.api
        .Assertions.within(0.05));
  }

  @Test
  void settingsRefuseNonsense() {
    CooccurrenceSettings d = CooccurrenceSettings.defaults();
    assertThatThrownBy(() -> d.withEpochs(0)).hasMessageContaining("epochs");
    assertThatThrownBy(() -> d.withLr(Double.NaN)).hasMessageContaining("learning rate");
    assertThatThrownBy(() -> d.withAttention("nope")).hasMessageContaining("unknown attention operator");
    assertThatThrownBy(() -> Init.parse("bogus")).hasMessageContaining("kaiming, small, theory");
  }

  static double maxAbs(double[] a) {
    return Arrays.stream(a).map(Math::abs).max().orElse(0);
  }
}
