package io.forecast.forecasting.plot;

import java.util.List;
import java.util.Objects;

/**
 * What a chart shows: a title, axis labels, lines (x and y of equal length) and an optional band
 * (an interval drawn as a shaded area). Immutable; the arrays are not copied.
 *
 * @param title the title
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param lines the lines, in legend order
 * @param band the shaded interval, or {@code null}
 * @param markers whether each point is marked (for lines of a few points, which a plain line would not
 *     show at all when it has one); the x axis then spans the points only, not zero
 */
public record Chart(String title, String xLabel, String yLabel, List<Line> lines, Band band, boolean markers) {
  /** A chart of plain lines. */
  public Chart(String title, String xLabel, String yLabel, List<Line> lines, Band band) {
    this(title, xLabel, yLabel, lines, band, false);
  }

  public Chart {
    Objects.requireNonNull(title, "title");
    lines = List.copyOf(lines);
    if (lines.isEmpty() && band == null) {
      throw new IllegalArgumentException("a chart needs at least one line or a band");
    }
  }

  /** One line. */
  public record Line(String name, double[] x, double[] y) {
    public Line {
      Objects.requireNonNull(name, "name");
      if (x.length != y.length) {
        throw new IllegalArgumentException("line '" + name + "' has " + x.length + " x values but " + y.length
            + " y values");
      }
    }
  }

  /** A shaded interval between {@code lower} and {@code upper} at each x. */
  public record Band(String name, double[] x, double[] lower, double[] upper) {
    public Band {
      Objects.requireNonNull(name, "name");
      if (x.length != lower.length || x.length != upper.length) {
        throw new IllegalArgumentException("band '" + name + "' has " + x.length + " x values, " + lower.length
            + " lower and " + upper.length + " upper values");
      }
    }
  }
}
