package io.forecast.forecasting.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Matrices as plain comma-separated text: one row per line, no header, values written with {@link
 * Double#toString(double)} (shortest representation that round-trips exactly; at most 17
 * significant digits). Reading accepts {@code \n} and {@code \r\n}, surrounding blanks, blank lines
 * (ignored) and any {@link Double#parseDouble(String)} number, e.g. NumPy's {@code %.17g} output.
 */
public final class MatrixCsv {
  private MatrixCsv() {}

  /**
   * Reads a rectangular matrix.
   *
   * @throws MatrixFormatException if a cell is not a number or rows have different lengths (the
   *     message names the line and column)
   */
  public static double[][] read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Reads a vector stored as one column (one value per line) or as one row.
   *
   * @throws MatrixFormatException if the file holds more than one row and more than one column
   */
  public static double[] readVector(Path file) throws IOException {
    double[][] m = read(file);
    if (m.length == 1) {
      return m[0];
    }
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      if (m[i].length != 1) {
        throw new MatrixFormatException(file.toString(), "expected a vector (one row or one column), got "
            + m.length + " rows of " + m[i].length + " values");
      }
      out[i] = m[i][0];
    }
    return out;
  }

  /** Writes a matrix, one row per line; the file is replaced if it exists. */
  public static void write(Path file, double[][] matrix) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(matrix, "matrix");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (double[] row : matrix) {
        for (int k = 0; k < row.length; k++) {
          if (k > 0) {
            w.write(',');
          }
          w.write(Double.toString(row[k]));
        }
        w.write('\n');
      }
    }
  }

  /** Writes a vector as one value per line. */
  public static void writeVector(Path file, double[] vector) throws IOException {
    Objects.requireNonNull(vector, "vector");
    double[][] column = new double[vector.length][];
    for (int i = 0; i < vector.length; i++) {
      column[i] = new double[] {vector[i]};
    }
    write(file, column);
  }

  static double[][] parse(List<String> lines, String source) throws MatrixFormatException {
    List<double[]> rows = new ArrayList<>();
    int width = -1;
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (width >= 0 && cells.length != width) {
        throw new MatrixFormatException(source, "line " + (ln + 1) + " has " + cells.length
            + " values, earlier rows have " + width);
      }
      width = cells.length;
      double[] row = new double[cells.length];
      for (int k = 0; k < cells.length; k++) {
        String cell = cells[k].strip();
        try {
          row[k] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new MatrixFormatException(source, "line " + (ln + 1) + ", column " + (k + 1) + ": '"
              + cell + "' is not a number");
        }
      }
      rows.add(row);
    }
    return rows.toArray(new double[0][]);
  }
}
