package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.variants.DiagnosticsProbe;
import io.forecast.forecasting.variants.NoAttentionProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast diagnose}: the per-layer attention diagnostics of a saved attention model on the test
 * windows of a file, by the same code path as {@code forecast compare-attention}'s ({@link DiagnosticsProbe}).
 */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = "Per-layer attention diagnostics of a saved attention model (itransformer, patchtst) on the first test "
        + "windows of a CSV file, z-scored with the model's scaler: largest row and column error of the mixing "
        + "matrices (doubly stochastic: both ~0), mean row entropy, sink mass (mean attention on the most attended "
        + "key), diagonal mass (mean A_ii), and the distance to rank one ||H - 1 h^T||/||H|| and effective rank of "
        + "each layer's output tokens. Prints one JSON object; with --out also DIR/diagnostics.json and "
        + "DIR/diagnostics.md.")
public final class DiagnoseCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR|ID",
      description = "Model directory, or the id of a model in --store.")
  String model;

  @Option(names = "--store", defaultValue = "models", paramLabel = "DIR",
      description = "Model store used to resolve an id (default: $FORECAST_STORE, else ./models).")
  Path store;

  @Mixin DataOptions data;

  @Option(names = "--windows", defaultValue = "64", paramLabel = "N",
      description = "Test windows to probe, the first N (default 64; fewer when the test split has fewer).")
  int windows;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write DIR/diagnostics.json and DIR/diagnostics.md (DIR is created; files replaced).")
  Path out;

  @Mixin ThreadsOption threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    if (windows < 1) {
      throw new BadInputException("--windows must be at least 1, got " + windows);
    }
    if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException("--out " + out + " is a file; --out names the folder for diagnostics.json and "
          + "diagnostics.md");
    }
    Path dir = ModelLoading.resolve(model, store);
    try (Forecaster f = ModelLoading.load(dir)) {
      if (!(f instanceof FittedForecaster fitted)) {
        throw new NoAttentionProbeException(f.card().type());
      }
      TimeSeriesFrame frame = data.load();
      DiagnosticsProbe.Measured measured = DiagnosticsProbe.diagnose(fitted, frame, data.split, windows);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", dir.toString());
      json.put("type", f.card().type());
      json.put("settings", fitted.settings());
      json.put("data", frame.source());
      json.put("split", data.split.toString().toLowerCase(Locale.ROOT));
      json.put("seqLen", f.card().seqLen());
      json.put("predLen", f.card().predLen());
      json.put("windows", measured.windows());
      json.put("layers", JsonOutput.toMap(measured).get("layers"));
      if (out != null) {
        Path jsonFile = out.resolve("diagnostics.json");
        Path mdFile = out.resolve("diagnostics.md");
        OutputPaths.createParent(jsonFile, "--out");
        write(jsonFile, JsonOutput.text(json));
        write(mdFile, markdown(dir, f, frame, measured));
        json.put("files", List.of(jsonFile.toString(), mdFile.toString()));
      }
      JsonOutput.print(spec.commandLine().getOut(), json);
    }
    return ForecastCli.OK;
  }

  private String markdown(Path dir, Forecaster f, TimeSeriesFrame frame, DiagnosticsProbe.Measured m) {
    return "# Attention diagnostics of " + dir.getFileName() + " (" + f.card().type() + ")\n\n"
        + "Data: " + frame.source() + ", the first " + m.windows() + " test windows (seq_len " + f.card().seqLen()
        + ", pred_len " + f.card().predLen() + "); every window and head, averaged per layer. Row and column "
        + "error = largest |row sum − 1| and |column sum − 1| of any mixing matrix; entropy = mean row entropy "
        + "(nats); sink = mean attention on each matrix's most attended key; diagonal = mean A_ii; rank-1 = "
        + "‖H − 1·h̄ᵀ‖/‖H‖ of the layer's output tokens; eff. rank of the same.\n\n" + m.markdownTable();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw OutputPaths.cannotWrite(file, e);
    }
  }
}
