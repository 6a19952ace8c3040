package io.forecast.forecasting.variants;

import io.forecast.attention.diagnostics.MixingDiagnostics;
import io.forecast.attention.diagnostics.TokenDiagnostics;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.compare.RunProbe;
import io.forecast.forecasting.compare.RunSpec;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.transformer.ProbeResult;
import io.forecast.forecasting.transformer.ProbedAttentionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Protocol A's probe: the first test windows through the fitted model, each layer's mixing matrices
 * (every encoder sequence and head) and token states (every sequence) measured with the attention
 * module's {@link MixingDiagnostics} and {@link TokenDiagnostics}, and averaged per layer. Types whose
 * fitted model is no {@link ProbedAttentionModel} (olinear, the linear family) get a note instead.
 *
 * <p>The public entry points, for anything that measures a trained model outside a grid: {@link
 * #diagnose} ({@code forecast diagnose}: any fitted model and file) and {@link #measure(ProbedAttentionModel,
 * TestBatches)} (a network from {@link ProbedAttentionModel#of}, windows from {@link TestBatches#of}).
 */
public final class DiagnosticsProbe implements RunProbe {
  private final SplitRule split;
  private final int maxWindows;

  DiagnosticsProbe(SplitRule split, int maxWindows) {
    this.split = split;
    this.maxWindows = maxWindows;
  }

  /**
   * The diagnostics of one run, as kept in its run file.
   *
   * @param windows test windows probed (0 when not measured)
   * @param layers per encoder layer, first layer first
   * @param note why nothing was measured ({@code null} when measured)
   */
  public record Measured(int windows, List<LayerDiagnostics> layers, String note) {
    public Measured {
      layers = List.copyOf(layers);
    }

    /** The layers as a Markdown table (n/a where the operator forms no mixing matrix). */
    public String markdownTable() {
      StringBuilder md = new StringBuilder("| layer | row error | column error | entropy | sink | diagonal | rank-1 "
          + "| eff. rank |\n|---|---|---|---|---|---|---|---|\n");
      for (LayerDiagnostics l : layers) {
        md.append("| ").append(l.layer()).append(" | ").append(fmt("%.2e", l.rowError())).append(" | ")
            .append(fmt("%.2e", l.columnError())).append(" | ").append(fmt("%.4f", l.entropy())).append(" | ")
            .append(fmt("%.4f", l.sinkMass())).append(" | ").append(fmt("%.4f", l.diagonalMass())).append(" | ")
            .append(fmt("%.4f", l.rankOneDistance())).append(" | ").append(fmt("%.4f", l.effectiveRank()))
            .append(" |\n");
      }
      return md.toString();
    }

    private static String fmt(String format, Double v) {
      return v == null ? "n/a" : String.format(java.util.Locale.ROOT, format, v);
    }
  }

  /**
   * One layer's diagnostics over the probed windows; the mixing-matrix fields are {@code null} for
   * operators that never form the matrix (delta).
   *
   * @param layer 1 for the first encoder layer
   * @param rowError largest |row sum − 1| over every probed matrix
   * @param columnError largest |column sum − N/M| over every probed matrix
   * @param entropy mean row entropy (nats)
   * @param sinkMass mean attention on each matrix's most attended key
   * @param diagonalMass mean A_ii
   * @param rankOneDistance mean over encoder sequences (windows; window × channel for patchtst) of
   *     ‖H − 1·h̄ᵀ‖_F / ‖H‖_F of the layer's output tokens
   * @param effectiveRank mean over encoder sequences of the effective rank of the layer's output tokens
   */
  public record LayerDiagnostics(int layer, Double rowError, Double columnError, Double entropy, Double sinkMass,
      Double diagonalMass, double rankOneDistance, double effectiveRank) {}

  @Override
  public Map<String, Object> measure(RunSpec run, FittedForecaster model, TimeSeriesFrame frame) {
    Measured measured;
    try {
      measured = diagnose(model, frame, split, maxWindows);
    } catch (NoAttentionProbeException | IllegalArgumentException | IllegalStateException e) {
      // no attention probe, or a diverged model's non-finite weights: the diagnostics say why not
      measured = new Measured(0, List.of(), "not measured: " + e.getMessage());
    }
    return toMap(measured);
  }

  /**
   * The per-layer diagnostics of {@code model} on the first {@code maxWindows} test windows of
   * {@code frame} (split by {@code split}, z-scored with the model's scaler).
   *
   * @throws NoAttentionProbeException when the model's type exposes no attention probe
   * @throws io.forecast.forecasting.IncompatibleDataException when the file's columns are not the model's
   * @throws IllegalArgumentException when {@code maxWindows} is below 1
   */
  public static Measured diagnose(FittedForecaster model, TimeSeriesFrame frame, SplitRule split, int maxWindows) {
    if (maxWindows < 1) {
      throw new IllegalArgumentException("at least one test window is needed, got " + maxWindows);
    }
    ProbedAttentionModel network = ProbedAttentionModel.of(model.model())
        .orElseThrow(() -> new NoAttentionProbeException(model.card().type()));
    ForecastPipeline.checkColumns(model.card(), frame);
    return measure(network, TestBatches.of(split, model.card().seqLen(), model.card().predLen(), model, frame,
        maxWindows));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(Object record) {
    return ModelFiles.JSON.convertValue(record, Map.class);
  }

  /**
   * The diagnostics of a trained model on test windows: every batch through {@link
   * ProbedAttentionModel#probe}, per layer the largest row and column errors, and the means of the
   * other measures over every mixing matrix (sequence × head) and every sequence's token states.
   *
   * @param network the trained model (or a swapped view of it)
   * @param batches the windows, on the model's scale
   * @throws IllegalArgumentException or IllegalStateException for a diverged model's non-finite values
   */
  public static Measured measure(ProbedAttentionModel network, TestBatches batches) {
    int layers = network.layers();
    double[] rowError = new double[layers];
    double[] colError = new double[layers];
    double[] entropy = new double[layers];
    double[] sink = new double[layers];
    double[] diagonal = new double[layers];
    double[] rankOne = new double[layers];
    double[] effRank = new double[layers];
    boolean[] hasWeights = new boolean[layers];
    long matrices = 0;
    long states = 0;
    long windows = 0;
    for (int k = 0; k < batches.batches(); k++) {
      int b = batches.size(k);
      ProbeResult r = network.probe(batches.inputs(k), b);
      int n = r.tokens();
      int d = r.dModel();
      int sequences = r.sequences();
      for (int l = 0; l < layers; l++) {
        float[] w = r.weights().get(l);
        if (w != null) {
          hasWeights[l] = true;
          int m = w.length / (sequences * r.heads() * n);
          for (int s = 0; s < sequences * r.heads(); s++) {
            MixingDiagnostics md = MixingDiagnostics.of(matrix(w, s * n * m, n, m));
            rowError[l] = Math.max(rowError[l], md.maxRowError());
            colError[l] = Math.max(colError[l], md.maxColumnError());
            entropy[l] += md.meanRowEntropy();
            sink[l] += md.sinkMass();
            diagonal[l] += md.diagonalMass();
          }
        }
        float[] h = r.tokenStates().get(l);
        for (int s = 0; s < sequences; s++) {
          TokenDiagnostics td = TokenDiagnostics.of(states(h, s * n * d, n, d));
          rankOne[l] += td.rankOneDistance();
          effRank[l] += td.effectiveRank();
        }
      }
      matrices += (long) sequences * r.heads();
      states += sequences;
      windows += b;
    }
    List<LayerDiagnostics> out = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      boolean w = hasWeights[l];
      out.add(new LayerDiagnostics(l + 1, w ? rowError[l] : null, w ? colError[l] : null,
          w ? entropy[l] / matrices : null, w ? sink[l] / matrices : null, w ? diagonal[l] / matrices : null,
          rankOne[l] / states, effRank[l] / states));
    }
    return new Measured((int) windows, out, null);
  }

  /** The {@code rows × cols} token states at {@code offset} of {@code values}, in float64. */
  private static DMatrixRMaj states(float[] values, int offset, int rows, int cols) {
    DMatrixRMaj a = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows * cols; i++) {
      a.data[i] = values[offset + i];
    }
    return a;
  }

  /**
   * The {@code rows × cols} mixing matrix at {@code offset} of {@code values}, in float64; float32 rounding
   * below zero (an exact zero computed as −1e-9) is clamped to 0.
   */
  private static DMatrixRMaj matrix(float[] values, int offset, int rows, int cols) {
    DMatrixRMaj a = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows * cols; i++) {
      float v = values[offset + i];
      a.data[i] = v < 0 && v > -1e-6f ? 0 : v;
    }
    return a;
  }
}
