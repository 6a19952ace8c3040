package io.forecast.forecasting.variants;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.forecast.forecasting.compare.CompareResults;
import io.forecast.forecasting.compare.RunResult;
import io.forecast.forecasting.compare.Stats;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An attention-variant comparison aggregated over its seeds. Immutable.
 *
 * @param protocol A or B
 * @param model the model type
 * @param slot the setting that held the variant
 * @param variants per grid entry (Protocol A: per variant; Protocol B: the softmax-trained model)
 * @param swaps Protocol B: per swapped-in variant (empty for Protocol A)
 * @param grid the grid's own aggregated results (every run, as its run file holds it)
 */
public record AttentionResults(Protocol protocol, String model, String slot, List<VariantSummary> variants,
    List<SwapSummary> swaps, CompareResults grid) {
  /** The aggregated results file. */
  public static final String RESULTS_JSON = "results.json";
  /** The results table. */
  public static final String RESULTS_MD = "results.md";
  /** The validation-loss chart. */
  public static final String VAL_LOSS_SVG = "val-loss.svg";

  public AttentionResults {
    Objects.requireNonNull(grid, "grid");
    variants = List.copyOf(variants);
    swaps = List.copyOf(swaps);
  }

  /**
   * One grid entry over the seeds; errors on the z-scored scale of the test split, every window.
   *
   * @param variant the entry's label
   * @param runs successful runs
   * @param failed failed runs
   * @param error the first failed run's message ({@code null} when none failed)
   * @param mseMean mean test MSE ({@code null} without a successful run)
   * @param mseStd sample standard deviation of the test MSE ({@code null} for fewer than 2 runs)
   * @param maeMean mean test MAE
   * @param maeStd sample standard deviation of the test MAE
   * @param secondsPerEpoch mean of the runs' median seconds per epoch
   * @param parameters parameter count
   * @param peakRssMiB largest peak resident memory of the runs, MiB
   * @param diagnosticWindows test windows probed per run for the diagnostics (0 when not measured)
   * @param diagnosticsNote why the diagnostics were not measured ({@code null} when they were)
   * @param diagnostics per layer, the diagnostics averaged over the seeds (row and column errors: the
   *     largest over the seeds)
   * @param valLoss the validation loss per epoch over the seeds
   */
  public record VariantSummary(String variant, int runs, int failed, String error, Double mseMean, Double mseStd,
      Double maeMean, Double maeStd, Double secondsPerEpoch, Long parameters, Double peakRssMiB, int diagnosticWindows,
      String diagnosticsNote, List<DiagnosticsProbe.LayerDiagnostics> diagnostics, List<CurvePoint> valLoss) {
    public VariantSummary {
      diagnostics = List.copyOf(diagnostics);
      valLoss = List.copyOf(valLoss);
    }
  }

  /**
   * The validation loss after one epoch, over the seeds that trained that epoch.
   *
   * @param epoch 1 for the first
   * @param seeds seeds with a finite loss at this epoch
   * @param mean their mean
   * @param min their least
   * @param max their greatest
   */
  public record CurvePoint(int epoch, int seeds, double mean, double min, double max) {}

  /**
   * One variant swapped into the softmax-trained model (Protocol B), over the seeds.
   *
   * @param variant the variant's label
   * @param seeds seeds measured
   * @param error why it could not be swapped in ({@code null} when it was)
   * @param softmaxMse mean over the seeds of the softmax model's test MSE
   * @param mseMean mean test MSE with the variant
   * @param deltaMseMean mean ΔMSE (variant − softmax)
   * @param deltaMseStd its sample standard deviation ({@code null} for fewer than 2 seeds)
   * @param layers per layer, relative error and cosine similarity averaged over the seeds
   */
  public record SwapSummary(String variant, int seeds, String error, Double softmaxMse, Double mseMean,
      Double deltaMseMean, Double deltaMseStd, List<SwapProbe.SwapLayer> layers) {
    public SwapSummary {
      layers = List.copyOf(layers);
    }
  }

  /** Aggregates a finished grid of {@code comparison}. */
  static AttentionResults of(AttentionComparison comparison, CompareResults grid) {
    AttentionComparison.Request request = comparison.request();
    List<VariantSummary> variants = new ArrayList<>();
    for (String entry : grid.spec().models()) {
      variants.add(summary(entry, grid.runs().stream().filter(r -> r.spec().entry().equals(entry)).toList()));
    }
    List<SwapSummary> swaps = new ArrayList<>();
    if (request.protocol() == Protocol.B) {
      List<SwapProbe.Measured> measured = grid.runs().stream().filter(RunResult::ok)
          .map(r -> ModelFiles.JSON.convertValue(r.probe(), SwapProbe.Measured.class)).toList();
      for (Variant v : request.variants()) {
        swaps.add(swap(v.label(), measured));
      }
    }
    return new AttentionResults(request.protocol(), request.model(), AttentionComparison.slot(request.model()),
        variants, swaps, grid);
  }

  private static VariantSummary summary(String entry, List<RunResult> runs) {
    List<RunResult> ok = runs.stream().filter(RunResult::ok).toList();
    List<Double> mse = ok.stream().map(RunResult::testMse).toList();
    List<Double> mae = ok.stream().map(RunResult::testMae).toList();
    List<Double> perEpoch = ok.stream().map(RunResult::secondsPerEpoch).filter(Objects::nonNull).toList();
    List<Double> peaks = runs.stream().map(RunResult::peakRssMiB).filter(Objects::nonNull).toList();
    String error = runs.stream().filter(r -> !r.ok()).map(RunResult::error).findFirst().orElse(null);
    // Protocol B's runs hold swaps, not diagnostics (no "layers" in their probe)
    List<DiagnosticsProbe.Measured> diag = ok.stream().filter(r -> r.probe().containsKey("layers"))
        .map(r -> ModelFiles.JSON.convertValue(r.probe(), DiagnosticsProbe.Measured.class)).toList();
    String note = diag.stream().map(DiagnosticsProbe.Measured::note).filter(Objects::nonNull).findFirst().orElse(null);
    List<DiagnosticsProbe.LayerDiagnostics> layers = note == null && !diag.isEmpty() ? layers(diag) : List.of();
    return new VariantSummary(entry, ok.size(), runs.size() - ok.size(), error, Stats.mean(mse), Stats.sampleStd(mse),
        Stats.mean(mae), Stats.sampleStd(mae), Stats.mean(perEpoch), ok.isEmpty() ? null : ok.get(0).parameters(),
        peaks.isEmpty() ? null : peaks.stream().mapToDouble(Double::doubleValue).max().getAsDouble(),
        diag.isEmpty() ? 0 : diag.get(0).windows(), note, layers, curve(ok));
  }

  private static List<DiagnosticsProbe.LayerDiagnostics> layers(List<DiagnosticsProbe.Measured> seeds) {
    List<DiagnosticsProbe.LayerDiagnostics> out = new ArrayList<>();
    for (int l = 0; l < seeds.get(0).layers().size(); l++) {
      int layer = l;
      List<DiagnosticsProbe.LayerDiagnostics> at = seeds.stream().map(m -> m.layers().get(layer)).toList();
      boolean weights = at.get(0).rowError() != null;
      out.add(new DiagnosticsProbe.LayerDiagnostics(l + 1,
          weights ? at.stream().mapToDouble(DiagnosticsProbe.LayerDiagnostics::rowError).max().getAsDouble() : null,
          weights ? at.stream().mapToDouble(DiagnosticsProbe.LayerDiagnostics::columnError).max().getAsDouble() : null,
          weights ? Stats.mean(at.stream().map(DiagnosticsProbe.LayerDiagnostics::entropy).toList()) : null,
          weights ? Stats.mean(at.stream().map(DiagnosticsProbe.LayerDiagnostics::sinkMass).toList()) : null,
          weights ? Stats.mean(at.stream().map(DiagnosticsProbe.LayerDiagnostics::diagonalMass).toList()) : null,
          Stats.mean(at.stream().map(DiagnosticsProbe.LayerDiagnostics::rankOneDistance).toList()),
          Stats.mean(at.stream().map(DiagnosticsProbe.LayerDiagnostics::effectiveRank).toList())));
    }
    return out;
  }

  private static List<CurvePoint> curve(List<RunResult> ok) {
    int epochs = ok.stream().mapToInt(r -> r.valLoss().size()).max().orElse(0);
    List<CurvePoint> out = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      List<Double> at = new ArrayList<>();
      for (RunResult r : ok) {
        if (e < r.valLoss().size() && r.valLoss().get(e) != null) {
          at.add(r.valLoss().get(e));
        }
      }
      if (!at.isEmpty()) {
        out.add(new CurvePoint(e + 1, at.size(), Stats.mean(at),
            at.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
            at.stream().mapToDouble(Double::doubleValue).max().getAsDouble()));
      }
    }
    return out;
  }

  private static SwapSummary swap(String label, List<SwapProbe.Measured> seeds) {
    List<SwapProbe.Swap> at = new ArrayList<>();
    List<Double> softmax = new ArrayList<>();
    for (SwapProbe.Measured m : seeds) {
      m.swaps().stream().filter(s -> s.variant().equals(label)).findFirst().ifPresent(s -> {
        at.add(s);
        softmax.add(m.softmaxMse());
      });
    }
    if (at.isEmpty()) {
      return new SwapSummary(label, 0, seeds.isEmpty() ? "no softmax run succeeded"
          : "not measured: the run files come from an earlier call with other --variants; use another --out",
          null, null, null, null, List.of());
    }
    String error = at.stream().map(SwapProbe.Swap::error).filter(Objects::nonNull).findFirst().orElse(null);
    if (error != null) {
      return new SwapSummary(label, at.size(), error, Stats.mean(softmax), null, null, null, List.of());
    }
    List<Double> delta = at.stream().map(SwapProbe.Swap::deltaMse).toList();
    List<SwapProbe.SwapLayer> layers = new ArrayList<>();
    for (int l = 0; l < at.get(0).layers().size(); l++) {
      int layer = l;
      layers.add(new SwapProbe.SwapLayer(l + 1,
          Stats.mean(at.stream().map(s -> s.layers().get(layer).relativeError()).toList()),
          Stats.mean(at.stream().map(s -> s.layers().get(layer).cosine()).toList())));
    }
    return new SwapSummary(label, at.size(), null, Stats.mean(softmax),
        Stats.mean(at.stream().map(SwapProbe.Swap::mse).toList()), Stats.mean(delta), Stats.sampleStd(delta), layers);
  }

  /** The contents of {@code results.json}. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("protocol", protocol);
    json.put("model", model);
    json.put("slot", slot);
    json.put("errorScale", "z-scored (train-split mean and std), every test window");
    json.put("peakMemory", grid.memory());
    json.put("variants", variants);
    if (protocol == Protocol.B) {
      json.put("swaps", swaps);
    }
    try {
      json.put("grid", ModelFiles.JSON.readTree(grid.toJson()));
      return ModelFiles.JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code results.json}, {@code results.md} and {@code val-loss.svg} into {@code out}. */
  void write(Path out) throws IOException {
    writeAtomically(out.resolve(RESULTS_JSON), toJson());
    writeAtomically(out.resolve(RESULTS_MD), AttentionMarkdown.render(this));
    Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
    variants.forEach(v -> curves.put(v.variant(), v.valLoss()));
    writeAtomically(out.resolve(VAL_LOSS_SVG), ValLossSvg.render("Validation loss per epoch, " + model + " on "
        + grid.spec().dataFile() + " (mean over seeds, band: min–max)", curves));
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
