package io.forecast.forecasting.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The standard charts and their rendering. Stateless; rendering is headless (no display needed).
 */
public final class Charts {
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private Charts() {}

  /**
   * History, forecast, the actual values (when known) and an interval band (when given) of one
   * variate. X is the step relative to the forecast origin: history at −H … −1, the horizon at 0 … P−1.
   *
   * @param actual the true values over the horizon, or {@code null}
   * @param lower lower bounds over the horizon, or {@code null} (then {@code upper} too)
   * @param level the band's level in percent as it should read in the legend, e.g. "95" (ignored without a band)
   */
  public static Chart forecast(String title, String column, double[] history, double[] forecast, double[] actual,
      double[] lower, double[] upper, String level) {
    if ((lower == null) != (upper == null)) {
      throw new IllegalArgumentException("an interval needs both lower and upper bounds");
    }
    double[] hx = new double[history.length];
    for (int i = 0; i < hx.length; i++) {
      hx[i] = i - history.length;
    }
    double[] fx = new double[forecast.length];
    for (int i = 0; i < fx.length; i++) {
      fx[i] = i;
    }
    List<Chart.Line> lines = new ArrayList<>();
    lines.add(new Chart.Line("history", hx, history));
    lines.add(new Chart.Line("forecast", fx, forecast));
    if (actual != null) {
      lines.add(new Chart.Line("actual", fx, actual));
    }
    Chart.Band band = lower == null ? null : new Chart.Band(level + " % interval", fx, lower, upper);
    return new Chart(title, "steps from the forecast origin", column, lines, band);
  }

  /** One line per model: an error metric at each horizon step (1-based). */
  public static Chart errorByHorizon(String title, String metric, Map<String, double[]> perStepByModel) {
    List<Chart.Line> lines = new ArrayList<>();
    perStepByModel.forEach((model, errors) -> {
      double[] x = new double[errors.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
      }
      lines.add(new Chart.Line(model, x, errors));
    });
    return new Chart(title, "horizon step", metric, lines, null);
  }

  /**
   * One line per model: a metric at each horizon of a comparison, each point marked (x is the horizon;
   * a missing value, NaN, leaves a gap).
   *
   * @param horizons the horizons, in order
   * @param valuesByModel per model, one value per horizon
   * @throws IllegalArgumentException if a model has not one value per horizon
   */
  public static Chart metricByHorizon(String title, String metric, List<Integer> horizons,
      Map<String, double[]> valuesByModel) {
    double[] x = horizons.stream().mapToDouble(Integer::doubleValue).toArray();
    List<Chart.Line> lines = new ArrayList<>();
    valuesByModel.forEach((model, values) -> {
      if (values.length != x.length) {
        throw new IllegalArgumentException(model + " has " + values.length + " values for " + x.length + " horizons");
      }
      lines.add(new Chart.Line(model, x, values));
    });
    return new Chart(title, "horizon (steps)", metric, lines, null, true);
  }

  /** A model's test MSE and MAE (z-scored) by horizon step, from its per-step metrics. */
  public static Chart testErrorByStep(String title, List<io.forecast.forecasting.provenance.ModelProvenance.StepMetrics> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("no per-step metrics to plot");
    }
    double[] mse = new double[steps.size()];
    double[] mae = new double[steps.size()];
    for (int i = 0; i < mse.length; i++) {
      mse[i] = steps.get(i).mse();
      mae[i] = steps.get(i).mae();
    }
    Map<String, double[]> lines = new java.util.LinkedHashMap<>();
    lines.put("MSE", mse);
    lines.put("MAE", mae);
    return errorByHorizon(title, "error (z-scored)", lines);
  }

  /**
   * A backtest's errors over its origins: each fold's MSE and MAE on the z-scored scale of its model,
   * at the fold's origin row.
   */
  public static Chart backtestErrors(String title, io.forecast.forecasting.backtest.BacktestResult result) {
    var folds = result.folds();
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("no folds to plot");
    }
    double[] x = new double[folds.size()];
    double[] mse = new double[folds.size()];
    double[] mae = new double[folds.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = folds.get(i).origin();
      mse[i] = folds.get(i).zScored().mse();
      mae[i] = folds.get(i).zScored().mae();
    }
    return new Chart(title, "fold origin (data row)", "error (z-scored)",
        List.of(new Chart.Line("MSE", x, mse), new Chart.Line("MAE", x, mae)), null);
  }

  /** The JFreeChart of a chart description: lines, then the band under them. */
  public static JFreeChart jfree(Chart chart) {
    XYSeriesCollection lines = new XYSeriesCollection();
    for (Chart.Line line : chart.lines()) {
      XYSeries s = new XYSeries(line.name(), false, true);
      for (int i = 0; i < line.x().length; i++) {
        s.add(line.x()[i], finiteOrNull(line.y()[i]));
      }
      lines.addSeries(s);
    }
    XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    lineRenderer.setDrawSeriesLineAsPath(true); // one path per line
    for (int i = 0; i < chart.lines().size(); i++) {
      lineRenderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      lineRenderer.setSeriesStroke(i, new BasicStroke(1.6f));
    }
    NumberAxis x = new NumberAxis(chart.xLabel());
    if (chart.markers()) {
      lineRenderer.setDefaultShapesVisible(true);
      x.setAutoRangeIncludesZero(false);
    }
    NumberAxis y = new NumberAxis(chart.yLabel());
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(lines, x, y, lineRenderer);
    if (chart.band() != null) {
      Chart.Band b = chart.band();
      YIntervalSeries band = new YIntervalSeries(b.name(), false, true);
      for (int i = 0; i < b.x().length; i++) {
        band.add(b.x()[i], (b.lower()[i] + b.upper()[i]) / 2, b.lower()[i], b.upper()[i]);
      }
      YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
      bands.addSeries(band);
      DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
      bandRenderer.setSeriesFillPaint(0, new Color(0x1f77b4));
      bandRenderer.setSeriesPaint(0, new Color(0x1f77b4));
      bandRenderer.setAlpha(0.25f);
      plot.setDataset(1, bands);
      plot.setRenderer(1, bandRenderer);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart jfree = new JFreeChart(chart.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    jfree.setBackgroundPaint(Color.WHITE);
    return jfree;
  }

  /** The chart as an SVG document. */
  public static String svg(Chart chart, int width, int height) {
    checkSize(width, height);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    jfree(chart).draw(g, new java.awt.Rectangle(0, 0, width, height));
    return g.getSVGDocument();
  }

  /** The chart as a PNG image. */
  public static byte[] png(Chart chart, int width, int height) {
    checkSize(width, height);
    BufferedImage image = jfree(chart).createBufferedImage(width, height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void checkSize(int width, int height) {
    if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
      throw new IllegalArgumentException("chart size must be 100 … 10000 pixels each way, got " + width + "×" + height);
    }
  }

  /** JFreeChart draws a gap at a null y; a non-finite value is never drawn as a line to infinity. */
  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
