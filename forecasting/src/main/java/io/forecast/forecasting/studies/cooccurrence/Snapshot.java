package io.forecast.forecasting.studies.cooccurrence;

/**
 * The tracked quantities at one epoch (the state after {@code epoch} updates). Immutable by
 * convention; the arrays are not copied.
 *
 * @param epoch the number of updates made
 * @param loss the mean logistic loss
 * @param groupLoss the mean loss per {@link CooccurrenceData.Group}, in its declaration order
 * @param accuracy the fraction of samples with {@code y·F > 0}
 * @param minMargin the smallest {@code y·F}
 * @param g G(μ₁), G(μ₂), G(μ₃)
 * @param scores score_{q←μ1,k←μ2} = μ₂ᵀW_KᵀW_Qμ₁, score_{q←μ2,k←μ1} = μ₁ᵀW_KᵀW_Qμ₂,
 *     score_{q←μ1,k←μ3} = μ₃ᵀW_KᵀW_Qμ₁, score_{q←μ2,k←μ3} = μ₃ᵀW_KᵀW_Qμ₂ (spec §7.4)
 * @param valueProducts μ₁ᵀW_VᵀW_Vμ₂, μ₁ᵀW_VᵀW_Vμ₃, μ₂ᵀW_VᵀW_Vμ₃
 */
public record Snapshot(int epoch, double loss, double[] groupLoss, double accuracy, double minMargin, double[] g,
    double[] scores, double[] valueProducts) {
  /** Names of {@link #scores()}, in order. */
  public static final String[] SCORE_NAMES = {"q<-mu1,k<-mu2", "q<-mu2,k<-mu1", "q<-mu1,k<-mu3", "q<-mu2,k<-mu3"};
  /** Names of {@link #valueProducts()}, in order. */
  public static final String[] VALUE_PRODUCT_NAMES = {"mu1.WvT.Wv.mu2", "mu1.WvT.Wv.mu3", "mu2.WvT.Wv.mu3"};

  /** The quantities of a state with margins {@code y·F} and weight statistics {@code w}. */
  static Snapshot of(int epoch, double[] margins, CooccurrenceData data, CooccurrenceModel.WeightStats w) {
    int groups = CooccurrenceData.Group.values().length;
    double[] sum = new double[groups];
    int[] count = new int[groups];
    double total = 0;
    int correct = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int s = 0; s < margins.length; s++) {
      double l = logistic(margins[s]);
      total += l;
      sum[data.group(s).ordinal()] += l;
      count[data.group(s).ordinal()]++;
      if (margins[s] > 0) {
        correct++;
      }
      min = Math.min(min, margins[s]);
    }
    double[] groupLoss = new double[groups];
    for (int gi = 0; gi < groups; gi++) {
      groupLoss[gi] = count[gi] == 0 ? 0 : sum[gi] / count[gi];
    }
    double[][] kq = w.kq();
    double[][] vv = w.vv();
    int m1 = CooccurrenceData.MU1;
    int m2 = CooccurrenceData.MU2;
    int m3 = CooccurrenceData.MU3;
    double[] scores = {kq[m2][m1], kq[m1][m2], kq[m3][m1], kq[m3][m2]};
    double[] vp = {vv[m1][m2], vv[m1][m3], vv[m2][m3]};
    return new Snapshot(epoch, total / margins.length, groupLoss, (double) correct / margins.length, min,
        w.g().clone(), scores, vp);
  }

  /** {@code log(1 + e^{−z})}, stable for large |z|. */
  static double logistic(double z) {
    return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  }

  /** The loss of {@code group}. */
  public double groupLoss(CooccurrenceData.Group group) {
    return groupLoss[group.ordinal()];
  }
}
