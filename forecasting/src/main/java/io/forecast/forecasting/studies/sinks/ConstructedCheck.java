package io.forecast.forecasting.studies.sinks;

import io.forecast.attention.OperatorParams;
import io.forecast.forecasting.transformer.EncoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The check on a constructed input where the theory fixes the outcome. Tokens h_i = μ + ε_i/2 (μ and ε_i
 * standard normal, seeded): a common mean plus spread. Weights: W_V = W_O = I, W_Q and W_K small
 * ({@link SinksSettings#CONSTRUCTED_QK_SCALE}·N(0,1)/√D), biases 0, so each layer's softmax matrix A is
 * positive and near uniform. Then:
 *
 * <ul>
 *   <li>attention only, softmax: H ← A·H is a strict contraction towards 1·h̄ᵀ (A row-stochastic and
 *       positive): r(H) shrinks at every layer (Dong et al. 2021's rank collapse);
 *   <li>attention only, window: the same averaging over |i − j| ≤ w only, so it shrinks r less per layer;
 *   <li>attention only, V3 with a large β: A → I, so H is kept and r with it;
 *   <li>residual, softmax: H ← (I + A)·H still pulls the tokens together (slower);
 *   <li>residual, V2 with a large logit b: the head is switched off (O → 0), H ← H and r is kept.
 * </ul>
 */
final class ConstructedCheck {
  private ConstructedCheck() {}

  static List<ConstructedRun> run(SinksSettings s) {
    double big = SinksSettings.CONSTRUCTED_LARGE;
    List<ConstructedRun> out = new ArrayList<>();
    out.add(one(s, "attention-only softmax", Architecture.ATTENTION_ONLY, SinkVariant.SOFTMAX, 0, 0));
    out.add(one(s, "attention-only window", Architecture.ATTENTION_ONLY, SinkVariant.WINDOW, 0, 0));
    out.add(one(s, "attention-only v3 large beta", Architecture.ATTENTION_ONLY, SinkVariant.DIAGONAL_BIAS, 0, big));
    out.add(one(s, "residual softmax", Architecture.RESIDUAL, SinkVariant.SOFTMAX, 0, 0));
    out.add(one(s, "residual v2 large logit", Architecture.RESIDUAL, SinkVariant.NULL_SINK, big, 0));
    return out;
  }

  /** One untrained stack on the constructed input. */
  static ConstructedRun one(SinksSettings s, String name, Architecture arch, SinkVariant variant, double logit,
      double diagonal) {
    int n = s.tokens();
    int d = s.dModel();
    OperatorParams params = variant.params(logit, diagonal, s.sinkValue());
    EncoderConfig encoder = new EncoderConfig(n, d, s.dFf(), s.heads(), 0, 0, variant.registryName(), params);
    StackConfig config = new StackConfig(arch, encoder, s.layers(), s.seqLen(), s.predLen(), 1, s.patch(),
        variant.swap(s.window()), null);
    try (SinksModel model = SinksModel.create(config, s.seed())) {
      model.setConstructedWeights(SinksSettings.CONSTRUCTED_QK_SCALE, s.seed());
      return new ConstructedRun(name, arch, variant, logit, diagonal,
          LayerMetrics.of(List.of(model.encode(input(n, d, s.seed()), 1))));
    }
  }

  /** h_i = μ + ε_i / 2, row-major {@code n × d}. */
  static float[] input(int n, int d, long seed) {
    Random random = new Random(seed + 1);
    double[] mu = new double[d];
    for (int c = 0; c < d; c++) {
      mu[c] = random.nextGaussian();
    }
    float[] h = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        h[i * d + c] = (float) (mu[c] + 0.5 * random.nextGaussian());
      }
    }
    return h;
  }
}
