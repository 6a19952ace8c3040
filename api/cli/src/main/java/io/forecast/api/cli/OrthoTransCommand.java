package io.forecast.api.cli;

import io.forecast.data.SplitBoundaries;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.io.MatrixCsv;
import io.forecast.forecasting.io.NpyDtype;
import io.forecast.forecasting.io.NpyIo;
import io.forecast.forecasting.orthotrans.OrthoBasis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

/** {@code forecast orthotrans}: builds the OrthoTrans basis Q of a file and optionally writes it. */
@Command(
    name = "orthotrans",
    mixinStandardHelpOptions = true,
    description = "Build the OrthoTrans orthogonal basis Q (L×L, rows = eigenvectors of the variate-averaged "
        + "lag-correlation matrix, descending eigenvalue) from the training rows, and print one JSON object: "
        + "L, variates used and skipped, the top eigenvalues, build milliseconds, max |QQᵀ − I|.")
public final class OrthoTransCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--length", required = true, paramLabel = "L", description = "Window length L (the model's seq_len or pred_len).")
  int length;

  @Option(names = "--ratio", paramLabel = "r",
      description = "Use the first int(r·n) rows, as the official OLinear files do (0.6 for ETT, 0.7 otherwise). "
          + "Default: the training split of --split (leak-free).")
  Double ratio;

  @Option(names = "--out", paramLabel = "FILE", description = "Write Q to FILE: .npy (NumPy v1.0) or .csv.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing --out file (default: refuse).")
  boolean overwrite;

  @Option(names = "--dtype", defaultValue = "float64", paramLabel = "TYPE",
      description = "Element type of a .npy output: float64 (default) or float32 (as the official files).")
  String dtype;

  @Option(names = "--top", defaultValue = "10", paramLabel = "K", description = "How many leading eigenvalues to print (default 10).")
  int top;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (length < 2) {
      throw new BadInputException("--length must be at least 2, got " + length);
    }
    if (length > io.forecast.forecasting.pipeline.ForecastPipeline.MAX_LENGTH) {
      throw new BadInputException("--length must be at most " + io.forecast.forecasting.pipeline.ForecastPipeline
          .MAX_LENGTH + ", got " + length);
    }
    if (ratio != null && !(ratio > 0 && ratio <= 1)) {
      throw new BadInputException("--ratio must be in (0, 1], got " + ratio);
    }
    NpyDtype type = switch (dtype.toLowerCase(Locale.ROOT)) {
      case "float64", "f8" -> NpyDtype.FLOAT64;
      case "float32", "f4" -> NpyDtype.FLOAT32;
      default -> throw new BadInputException("--dtype must be float64 or float32, got '" + dtype + "'");
    };
    String format = out == null ? null : extension(out);
    if (out != null && !format.equals("npy") && !format.equals("csv")) {
      throw new BadInputException("--out must end in .npy or .csv, got '" + out + "'");
    }
    if (out != null) {
      OutputPaths.checkFile(out, overwrite, "--out");
    }
    TimeSeriesFrame frame = data.load();
    int rows;
    String rowsFrom;
    if (ratio != null) {
      rows = (int) (frame.rows() * ratio);
      rowsFrom = "first int(" + ratio + "·" + frame.rows() + ") rows";
    } else {
      SplitBoundaries b = SplitBoundaries.of(data.split, frame.source(), frame.rows());
      rows = b.trainEnd();
      rowsFrom = "train split (" + b.rule().label() + ")";
    }
    if (length > rows - 1) {
      throw new BadInputException(frame.source() + ": --length " + length + " needs at least " + (length + 1)
          + " training rows, the " + rowsFrom + " has " + rows);
    }
    double[][] variates = frame.columns(0, rows);
    long t0 = System.nanoTime();
    OrthoBasis basis;
    try {
      basis = OrthoBasis.fit(variates, length);
    } catch (IllegalArgumentException e) {
      // the lengths and rows were checked above; what is left is the data's own fault (every variate
      // constant, documented by OrthoTransOps.lagCorrelation)
      throw new BadInputException(frame.source() + ": " + e.getMessage());
    }
    double millis = (System.nanoTime() - t0) / 1e6;
    if (out != null) {
      OutputPaths.createParent(out, "--out");
      try {
        if (format.equals("npy")) {
          NpyIo.write(out, basis.q(), type);
        } else {
          MatrixCsv.write(out, basis.q());
        }
      } catch (java.nio.file.FileSystemException e) {
        throw OutputPaths.cannotWrite(out, e);
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", frame.source());
    json.put("length", length);
    json.put("trainingRows", rows);
    json.put("rowsFrom", rowsFrom);
    json.put("variatesUsed", names(frame, basis.usedVariates()));
    json.put("variatesSkipped", names(frame, basis.skippedVariates()));
    double[] eig = basis.eigenvalues();
    json.put("topEigenvalues", Arrays.copyOf(eig, Math.min(Math.max(top, 0), eig.length)));
    json.put("eigenvalueSum", Arrays.stream(eig).sum());
    json.put("buildMillis", millis);
    json.put("maxOrthogonalityError", basis.maxOrthogonalityError());
    json.put("out", out == null ? null : out.toString());
    JsonOutput.print(spec.commandLine().getOut(), json);
    return ForecastCli.OK;
  }

  private static List<String> names(TimeSeriesFrame frame, int[] indices) {
    List<String> out = new ArrayList<>();
    for (int i : indices) {
      out.add(frame.columnNames().get(i));
    }
    return out;
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
