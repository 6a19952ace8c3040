package io.forecast.forecasting.variants;

import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.compare.RunProbe;
import io.forecast.forecasting.compare.RunSpec;
import io.forecast.forecasting.transformer.ProbeResult;
import io.forecast.forecasting.transformer.ProbedAttentionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Protocol B's probe: every test window through the softmax-trained model and through each variant
 * swapped in at inference ({@link ProbedAttentionModel#withOperator}, same weights), both by the same
 * probed forward pass. Per variant: the test MSE (z-scored, every window), ΔMSE against the softmax
 * pass, and per layer the relative error ‖O − O_softmax‖_F / ‖O_softmax‖_F of the attention outputs
 * (heads merged, before the output projection, Frobenius over every window) and the mean cosine
 * similarity of each token's output with its softmax output. The layers run in sequence, so a layer's
 * error includes what the earlier layers' swaps changed in its input.
 */
final class SwapProbe implements RunProbe {
  private final SplitRule split;
  private final List<Variant> variants;

  SwapProbe(SplitRule split, List<Variant> variants) {
    this.split = split;
    this.variants = List.copyOf(variants);
  }

  /**
   * One seed's swaps, as kept in its run file.
   *
   * @param windows test windows
   * @param softmaxMse the softmax model's test MSE by the probed pass
   * @param swaps per variant, in order
   */
  record Measured(int windows, double softmaxMse, List<Swap> swaps) {}

  /**
   * One variant swapped in.
   *
   * @param variant the variant's label
   * @param error why it could not be swapped in ({@code null} when it was)
   * @param mse test MSE with the variant
   * @param deltaMse {@code mse − softmaxMse}
   * @param layers per encoder layer
   */
  record Swap(String variant, String error, Double mse, Double deltaMse, List<SwapLayer> layers) {}

  /**
   * One layer of a swap.
   *
   * @param layer 1 for the first encoder layer
   * @param relativeError ‖O − O_softmax‖_F / ‖O_softmax‖_F over every window
   * @param cosine mean over windows and tokens of the cosine similarity of O and O_softmax
   */
  record SwapLayer(int layer, double relativeError, double cosine) {}

  @Override
  public Map<String, Object> measure(RunSpec run, FittedForecaster model, TimeSeriesFrame frame) {
    ProbedAttentionModel network = ProbedAttentionModel.of(model.model()).orElseThrow(() ->
        new InvalidSettingsException("protocol B swaps the attention operator of a Transformer encoder; model type '"
            + run.model() + "' has none"));
    return DiagnosticsProbe.toMap(measure(network, TestBatches.of(split, run.seqLen(), run.predLen(), model, frame,
        Integer.MAX_VALUE), variants));
  }

  static Measured measure(ProbedAttentionModel network, TestBatches batches, List<Variant> variants) {
    int layers = network.layers();
    List<ProbedAttentionModel> swapped = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Variant v : variants) {
      try {
        swapped.add(network.withOperator(v.operator(), v.params()));
        errors.add(null);
      } catch (InvalidSettingsException e) {
        swapped.add(null);
        errors.add(e.getMessage());
      }
    }
    int count = variants.size();
    double baseSse = 0;
    double[] sse = new double[count];
    double[][] diff = new double[count][layers];
    double[][] norm = new double[count][layers];
    double[][] cosine = new double[count][layers];
    long values = 0;
    long tokens = 0;
    for (int k = 0; k < batches.batches(); k++) {
      int b = batches.size(k);
      float[] input = batches.inputs(k);
      float[] target = batches.targets(k);
      ProbeResult base = network.probe(input, b);
      int sequences = base.sequences();
      baseSse += sse(base.forecast(), target);
      for (int v = 0; v < count; v++) {
        if (swapped.get(v) == null) {
          continue;
        }
        ProbeResult r = swapped.get(v).probe(input, b);
        sse[v] += sse(r.forecast(), target);
        for (int l = 0; l < layers; l++) {
          float[] o = r.attentionOutputs().get(l);
          float[] s = base.attentionOutputs().get(l);
          int d = base.dModel();
          for (int t = 0; t < sequences * base.tokens(); t++) {
            double dot = 0;
            double oo = 0;
            double ss = 0;
            double dd = 0;
            for (int c = t * d; c < (t + 1) * d; c++) {
              dot += (double) o[c] * s[c];
              oo += (double) o[c] * o[c];
              ss += (double) s[c] * s[c];
              double e = (double) o[c] - s[c];
              dd += e * e;
            }
            diff[v][l] += dd;
            norm[v][l] += ss;
            cosine[v][l] += oo == 0 || ss == 0 ? (oo == ss ? 1 : 0) : dot / Math.sqrt(oo * ss);
          }
        }
      }
      values += target.length;
      tokens += (long) sequences * base.tokens();
    }
    double baseMse = baseSse / values;
    List<Swap> swaps = new ArrayList<>();
    for (int v = 0; v < count; v++) {
      String label = variants.get(v).label();
      if (swapped.get(v) == null) {
        swaps.add(new Swap(label, errors.get(v), null, null, List.of()));
        continue;
      }
      List<SwapLayer> perLayer = new ArrayList<>();
      for (int l = 0; l < layers; l++) {
        perLayer.add(new SwapLayer(l + 1, norm[v][l] == 0 ? 0 : Math.sqrt(diff[v][l] / norm[v][l]),
            cosine[v][l] / tokens));
      }
      double mse = sse[v] / values;
      if (!Double.isFinite(mse) || perLayer.stream().anyMatch(x -> !Double.isFinite(x.relativeError()))) {
        swaps.add(new Swap(label, "with " + label + " swapped in, the model computes non-finite values", null, null,
            List.of()));
        continue;
      }
      swaps.add(new Swap(label, null, mse, mse - baseMse, perLayer));
    }
    return new Measured(batches.count(), baseMse, swaps);
  }

  private static double sse(float[] forecast, float[] target) {
    double sum = 0;
    for (int i = 0; i < target.length; i++) {
      double e = (double) forecast[i] - target[i];
      sum += e * e;
    }
    return sum;
  }
}
