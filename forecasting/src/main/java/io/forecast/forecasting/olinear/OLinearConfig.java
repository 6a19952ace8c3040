package io.forecast.forecasting.olinear;

/**
 * Shape and regularisation hyper-parameters of one OLinear network.
 *
 * @param seqLen input (look-back) length T, at least 1
 * @param predLen forecast horizon τ, at least 1
 * @param variates number of series N, at least 1
 * @param embedSize dimension-extension size D (16 in all official scripts), at least 1
 * @param dModel token width d_model, at least 1
 * @param dFf hidden width of the encoder FFNs and of the output head, at least 1
 * @param eLayers number of {@link LinearEncoderLayer}s, at least 1
 * @param dropout dropout probability in [0, 1)
 * @param rank1Shortcut whether the first Linear uses the exact rank-1 shortcut instead of the
 *     literal flatten
 * @param mixer the variate mixer of every encoder layer ({@code null}: {@link OLinearMixer#DEFAULT},
 *     NormLin)
 */
public record OLinearConfig(
    int seqLen,
    int predLen,
    int variates,
    int embedSize,
    int dModel,
    int dFf,
    int eLayers,
    double dropout,
    boolean rank1Shortcut,
    OLinearMixer mixer) {

  /** The embedding size of every official script. */
  public static final int DEFAULT_EMBED_SIZE = 16;

  /**
   * Validates every field.
   *
   * @throws io.forecast.forecasting.InvalidSettingsException when the mixer does not suit the sizes
   *     (heads that do not divide dModel, qontot with other than 4, 8 or 16 variates)
   */
  public OLinearConfig {
    requirePositive("seqLen", seqLen);
    requirePositive("predLen", predLen);
    requirePositive("variates", variates);
    requirePositive("embedSize", embedSize);
    requirePositive("dModel", dModel);
    requirePositive("dFf", dFf);
    requirePositive("eLayers", eLayers);
    if (!(dropout >= 0.0 && dropout < 1.0)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    if ((long) seqLen * embedSize > Integer.MAX_VALUE || (long) predLen * embedSize > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "seqLen * embedSize and predLen * embedSize must fit in an int, got embedSize " + embedSize);
    }
    mixer = mixer == null ? OLinearMixer.DEFAULT : mixer;
    mixer.check(variates, dModel);
  }

  /** A configuration with the NormLin mixer. */
  public OLinearConfig(int seqLen, int predLen, int variates, int embedSize, int dModel, int dFf, int eLayers,
      double dropout, boolean rank1Shortcut) {
    this(seqLen, predLen, variates, embedSize, dModel, dFf, eLayers, dropout, rank1Shortcut, OLinearMixer.DEFAULT);
  }

  /**
   * A configuration with the defaults of the official scripts: D = 16, d_ff = d_model, rank-1
   * shortcut on.
   */
  public static OLinearConfig of(
      int seqLen, int predLen, int variates, int dModel, int eLayers, double dropout) {
    return new OLinearConfig(
        seqLen, predLen, variates, DEFAULT_EMBED_SIZE, dModel, dModel, eLayers, dropout, true);
  }

  /** This configuration with another embedding size D. */
  public OLinearConfig withEmbedSize(int newEmbedSize) {
    return new OLinearConfig(
        seqLen, predLen, variates, newEmbedSize, dModel, dFf, eLayers, dropout, rank1Shortcut, mixer);
  }

  /** This configuration with another FFN / head hidden width. */
  public OLinearConfig withDFf(int newDFf) {
    return new OLinearConfig(
        seqLen, predLen, variates, embedSize, dModel, newDFf, eLayers, dropout, rank1Shortcut, mixer);
  }

  /** This configuration with the rank-1 shortcut switched on or off. */
  public OLinearConfig withRank1Shortcut(boolean enabled) {
    return new OLinearConfig(
        seqLen, predLen, variates, embedSize, dModel, dFf, eLayers, dropout, enabled, mixer);
  }

  /** This configuration with another variate mixer. */
  public OLinearConfig withMixer(OLinearMixer newMixer) {
    return new OLinearConfig(
        seqLen, predLen, variates, embedSize, dModel, dFf, eLayers, dropout, rank1Shortcut, newMixer);
  }

  /** This configuration with another dropout probability. */
  public OLinearConfig withDropout(double newDropout) {
    return new OLinearConfig(
        seqLen, predLen, variates, embedSize, dModel, dFf, eLayers, newDropout, rank1Shortcut, mixer);
  }

  /**
   * The number of trainable parameters a network with this configuration has (the spec's
   * checksum formula; per layer the mixer's own: N² for the NormLin mixers, the q/k projections
   * {@code 2(d_model² + d_model)} and any trainable QontOT angles for an attention mixer).
   */
  public long parameterCount() {
    long t = seqLen;
    long tau = predLen;
    long n = variates;
    long d = embedSize;
    long dm = dModel;
    long ff = dFf;
    long revIn = 2 * n;
    long embedding = d + n * t + n * tau;
    long inProj = t * d * dm + dm;
    long layer = 2 * (dm * dm + dm) + mixer.parameterCount(variates, dModel) + (dm * ff + ff) + (ff * dm + dm) + 4 * dm;
    long outProj = dm * tau * d + tau * d;
    long head = (tau * d * ff + ff) + (ff * tau + tau);
    return revIn + embedding + inProj + eLayers * layer + 2 * dm + outProj + head;
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
