package io.forecast.forecasting.variants;

import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.delta.DeltaAttention;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.compare.CompareProgress;
import io.forecast.forecasting.compare.CompareResults;
import io.forecast.forecasting.compare.CompareRunner;
import io.forecast.forecasting.compare.CompareSpec;
import io.forecast.forecasting.compare.RunProbe;
import io.forecast.forecasting.itransformer.ITransformerType;
import io.forecast.forecasting.patchtst.PatchTSTType;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A checked attention-variant comparison, ready to run: the grid of {@link CompareRunner} (one entry
 * per variant for Protocol A; one softmax entry for Protocol B) and the probe that measures each fitted
 * model. Everything the request can be checked for without training is checked by {@link #of}.
 */
public final class AttentionComparison {
  /** Per model type, the setting that holds its attention operator (the variant goes there). */
  public static final Map<String, String> SLOTS = Map.of("itransformer", "attention", "patchtst", "attention",
      "olinear", "mixer");
  /**
   * The model types protocol B takes: their fitted models are {@link
   * io.forecast.forecasting.transformer.ProbedAttentionModel}s.
   */
  public static final Set<String> SWAPPABLE = Set.of(ITransformerType.NAME, PatchTSTType.NAME);
  /** The Protocol B grid entry: the model trained with softmax, into which the variants are swapped. */
  public static final String SWAP_BASE = "softmax-trained";
  /** The Protocol B base operator. */
  public static final String SOFTMAX = "softmax";
  /** Default number of test windows probed for the diagnostics of Protocol A (8 batches of 32). */
  public static final int DEFAULT_DIAGNOSTIC_WINDOWS = 256;

  private final Request request;
  private final CompareSpec grid;

  /**
   * What to compare.
   *
   * @param dataFile the data file's name
   * @param dataSha256 its SHA-256
   * @param split the split rule
   * @param model the model type (one of {@link #SLOTS})
   * @param variants the variants, in order, no repeats
   * @param seqLen input length
   * @param predLen horizon
   * @param seeds training seeds
   * @param common settings given to every run (e.g. {@code epochs}, {@code dModel}); not the slot itself
   * @param protocol A or B
   * @param diagnosticWindows Protocol A: test windows probed for the diagnostics (the first ones)
   */
  public record Request(String dataFile, String dataSha256, SplitRule split, String model, List<Variant> variants,
      int seqLen, int predLen, List<Long> seeds, Map<String, ?> common, Protocol protocol, int diagnosticWindows) {
    public Request {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(protocol, "protocol");
      variants = List.copyOf(variants);
      seeds = List.copyOf(seeds);
      common = Collections.unmodifiableMap(new LinkedHashMap<>(common == null ? Map.of() : common));
    }
  }

  private AttentionComparison(Request request, CompareSpec grid) {
    this.request = request;
    this.grid = grid;
  }

  /**
   * Checks a request before anything trains.
   *
   * @throws InvalidSettingsException for a type without an attention slot, an empty or repeated variant
   *     list, the slot given as a common setting, a bad setting or length, an unknown operator, or (Protocol
   *     B) a type that cannot swap its operator at inference or a variant the type never takes
   * @throws io.forecast.forecasting.UnknownModelTypeException for a type that is not registered
   */
  public static AttentionComparison of(Request request) {
    String slot = slot(request.model());
    ForecasterTypes.get(request.model());
    if (request.variants().isEmpty()) {
      throw new InvalidSettingsException("the list of attention variants is empty");
    }
    Set<String> labels = new HashSet<>();
    for (Variant v : request.variants()) {
      if (!labels.add(v.label())) {
        throw new InvalidSettingsException("the list of attention variants names " + v.label() + " twice");
      }
    }
    if (request.common().containsKey(slot)) {
      throw new InvalidSettingsException("setting '" + slot + "' is what the variants set; give the operators with "
          + "--variants instead");
    }
    if (request.diagnosticWindows() < 1) {
      throw new InvalidSettingsException("the number of test windows for the diagnostics must be at least 1, got "
          + request.diagnosticWindows());
    }
    List<CompareSpec.Entry> entries = new ArrayList<>();
    if (request.protocol() == Protocol.A) {
      for (Variant v : request.variants()) {
        Map<String, Object> own = new LinkedHashMap<>();
        own.put(slot, v.operator());
        own.putAll(v.params());
        entries.add(new CompareSpec.Entry(v.label(), request.model(), own));
      }
    } else {
      checkSwappable(request);
      entries.add(new CompareSpec.Entry(SWAP_BASE, request.model(), Map.of(slot, SOFTMAX)));
    }
    CompareSpec grid = CompareSpec.ofEntries(request.dataFile(), request.dataSha256(), request.split(), entries,
        List.of(request.predLen()), request.seqLen(), request.seeds(), request.common());
    return new AttentionComparison(request, grid);
  }

  /**
   * The setting that holds the attention operator of {@code type}.
   *
   * @throws InvalidSettingsException for a type without one
   */
  public static String slot(String type) {
    String slot = SLOTS.get(type);
    if (slot == null) {
      throw new InvalidSettingsException("model type '" + type + "' has no attention slot to compare; "
          + "compare-attention takes " + String.join(", ", new java.util.TreeSet<>(SLOTS.keySet())));
    }
    return slot;
  }

  private static void checkSwappable(Request request) {
    if (!SWAPPABLE.contains(request.model())) {
      throw new InvalidSettingsException("protocol B swaps the attention operator of a softmax-trained Transformer "
          + "encoder at inference, which model type '" + request.model() + "' does not have"
          + (request.model().equals("olinear") ? " (its variate mixer is NormLin, learned weights W rather than an "
          + "operator on queries and keys, and monarch and delta, the operators protocol B studies, are not olinear "
          + "mixers)" : "") + "; protocol B takes " + String.join(" or ", new java.util.TreeSet<>(SWAPPABLE))
          + ", use --protocol A for " + request.model());
    }
    for (Variant v : request.variants()) {
      try {
        AttentionOperators.spec(v.operator()).params(v.params());
      } catch (InvalidOperatorParameterException e) {
        throw new InvalidSettingsException("attention variant '" + v.label() + "': " + e.getMessage(), e);
      }
      if (request.model().equals(ITransformerType.NAME) && v.operator().equals(DeltaAttention.NAME)) {
        throw new InvalidSettingsException(ITransformerType.DELTA_REFUSAL);
      }
    }
  }

  /**
   * Checks the request against the loaded file before anything trains: the type's settings as every run
   * gets them (with {@value #SOFTMAX} in the slot), the file's columns, and its length for the split and
   * lengths. A variant that the file cannot take (qontot with 7 columns) is not refused here: Protocol A
   * records it as a failed run, Protocol B as a refused swap, with the type's message.
   *
   * @throws InvalidSettingsException for a setting the type refuses
   * @throws io.forecast.forecasting.ForecastingException or {@link io.forecast.data.DataException} when
   *     the file does not fit the type, the split or the lengths
   */
  public void check(TimeSeriesFrame frame) {
    Map<String, Object> settings = new LinkedHashMap<>(request.common());
    settings.put(slot(request.model()), SOFTMAX);
    ForecastPipeline.check(new TrainingSpec(request.model(), request.seqLen(), request.predLen(), grid.split(),
        settings), frame);
  }

  /** The request. */
  public Request request() {
    return request;
  }

  /** The grid that {@link #run} hands to {@link CompareRunner}. */
  public CompareSpec grid() {
    return grid;
  }

  /**
   * Runs the comparison, resuming from the run files in {@code out}, and writes {@code results.json},
   * {@code results.md} and {@code val-loss.svg} there (replacing the generic grid tables that {@link
   * CompareRunner} writes first; the grid's own results are kept inside {@code results.json}).
   *
   * @param frame the loaded data file
   * @param threads PyTorch intra-op threads of the training thread (0 keeps the current setting)
   * @throws io.forecast.forecasting.compare.GridMismatchException if a run file records another run
   * @throws IOException if the output directory cannot be written
   */
  public AttentionResults run(TimeSeriesFrame frame, Path out, int threads, CompareProgress progress)
      throws IOException {
    RunProbe probe = request.protocol() == Protocol.A
        ? new DiagnosticsProbe(grid.split(), request.diagnosticWindows())
        : new SwapProbe(grid.split(), request.variants());
    CompareResults results = CompareRunner.run(grid, frame, out, threads, progress, probe);
    AttentionResults aggregated = AttentionResults.of(this, results);
    aggregated.write(out);
    return aggregated;
  }
}
