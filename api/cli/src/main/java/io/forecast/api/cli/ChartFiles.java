package io.forecast.api.cli;

import io.forecast.forecasting.plot.Chart;
import io.forecast.forecasting.plot.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Writing a chart to a file of the commands: SVG or PNG by the extension, atomically. */
final class ChartFiles {
  private ChartFiles() {}

  /** Whether {@code out} names a PNG file (else SVG); anything else is bad input naming the option. */
  static boolean isPng(Path out, String option) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw new BadInputException(option + " must end in .svg or .png, got '" + out + "'");
    }
    return name.endsWith(".png");
  }

  /**
   * The index of the column to draw: {@code requested}, else the model's target, else its first column.
   *
   * @throws BadInputException naming the option and the model's columns
   */
  static int column(io.forecast.forecasting.ModelCard card, String requested, String option) {
    String col = requested != null ? requested : card.target() != null ? card.target() : card.columns().get(0);
    int c = card.columns().indexOf(col);
    if (c < 0) {
      throw new BadInputException(option + " '" + col + "' is not a column of the model; its columns: "
          + String.join(", ", card.columns()));
    }
    return c;
  }

  /** Column {@code c} of row-major {@code values} with {@code n} columns. */
  static double[] column(double[] values, int n, int c) {
    double[] out = new double[values.length / n];
    for (int k = 0; k < out.length; k++) {
      out[k] = values[k * n + c];
    }
    return out;
  }

  /** Writes {@code chart} to {@code out} (its parent created; replaced atomically). */
  static void write(Path out, String option, Chart chart, int width, int height) throws IOException {
    boolean png = isPng(out, option);
    OutputPaths.createParent(out, option);
    Path temp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp");
    try {
      if (png) {
        Files.write(temp, Charts.png(chart, width, height));
      } else {
        Files.writeString(temp, Charts.svg(chart, width, height), StandardCharsets.UTF_8);
      }
      Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileSystemException e) {
      Files.deleteIfExists(temp);
      throw OutputPaths.cannotWrite(out, e);
    }
  }
}
