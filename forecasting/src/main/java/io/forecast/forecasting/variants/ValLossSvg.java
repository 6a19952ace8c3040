package io.forecast.forecasting.variants;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code val-loss.svg}: validation loss against epoch, one series per variant — a
 * {@code <g class="series" data-variant="…">} holding the min–max band over the seeds (a polygon) and
 * the mean (a polyline with a dot per epoch) — with axes and a legend. Plain SVG 1.1, no scripts.
 */
final class ValLossSvg {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;
  private static final int LEFT = 70;
  private static final int RIGHT = 190;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

  private ValLossSvg() {}

  static String render(String title, Map<String, List<AttentionResults.CurvePoint>> curves) {
    int maxEpoch = 1;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (List<AttentionResults.CurvePoint> c : curves.values()) {
      for (AttentionResults.CurvePoint p : c) {
        maxEpoch = Math.max(maxEpoch, p.epoch());
        lo = Math.min(lo, p.min());
        hi = Math.max(hi, p.max());
      }
    }
    if (!(lo <= hi)) {
      lo = 0;
      hi = 1;
    }
    if (hi - lo < 1e-12) {
      hi = lo + Math.max(1e-6, Math.abs(lo) * 0.01);
    }
    double pad = (hi - lo) * 0.05;
    Axes axes = new Axes(maxEpoch, lo - pad, hi + pad);
    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">")
        .append(escape(title)).append("</text>\n");
    axes.draw(svg);
    int i = 0;
    for (Map.Entry<String, List<AttentionResults.CurvePoint>> e : curves.entrySet()) {
      String color = PALETTE[i % PALETTE.length];
      svg.append("<g class=\"series\" data-variant=\"").append(escape(e.getKey())).append("\">\n");
      List<AttentionResults.CurvePoint> c = e.getValue();
      if (!c.isEmpty()) {
        StringBuilder band = new StringBuilder();
        c.forEach(p -> band.append(axes.x(p.epoch())).append(',').append(axes.y(p.max())).append(' '));
        for (int k = c.size() - 1; k >= 0; k--) {
          band.append(axes.x(c.get(k).epoch())).append(',').append(axes.y(c.get(k).min())).append(' ');
        }
        svg.append("<polygon class=\"band\" points=\"").append(band.toString().strip()).append("\" fill=\"")
            .append(color).append("\" fill-opacity=\"0.18\" stroke=\"none\"/>\n");
        StringBuilder line = new StringBuilder();
        c.forEach(p -> line.append(axes.x(p.epoch())).append(',').append(axes.y(p.mean())).append(' '));
        svg.append("<polyline class=\"mean\" points=\"").append(line.toString().strip()).append("\" fill=\"none\" "
            + "stroke=\"").append(color).append("\" stroke-width=\"2\"/>\n");
        for (AttentionResults.CurvePoint p : c) {
          svg.append("<circle cx=\"").append(axes.x(p.epoch())).append("\" cy=\"").append(axes.y(p.mean()))
              .append("\" r=\"3\" fill=\"").append(color).append("\"/>\n");
        }
      }
      int ly = TOP + 10 + 20 * i;
      int lx = WIDTH - RIGHT + 15;
      svg.append("<line x1=\"").append(lx).append("\" y1=\"").append(ly).append("\" x2=\"").append(lx + 24)
          .append("\" y2=\"").append(ly).append("\" stroke=\"").append(color).append("\" stroke-width=\"3\"/>\n");
      svg.append("<text x=\"").append(lx + 30).append("\" y=\"").append(ly + 4).append("\">").append(escape(e.getKey()))
          .append(c.isEmpty() ? " (no curve)" : "").append("</text>\n</g>\n");
      i++;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** The plot area's coordinates. */
  private record Axes(int maxEpoch, double lo, double hi) {
    String x(int epoch) {
      double w = WIDTH - LEFT - RIGHT;
      double x = maxEpoch == 1 ? LEFT + w / 2 : LEFT + w * (epoch - 1) / (maxEpoch - 1);
      return String.format(Locale.ROOT, "%.1f", x);
    }

    String y(double v) {
      double h = HEIGHT - TOP - BOTTOM;
      return String.format(Locale.ROOT, "%.1f", TOP + h * (hi - v) / (hi - lo));
    }

    void draw(StringBuilder svg) {
      int x0 = LEFT;
      int x1 = WIDTH - RIGHT;
      int y0 = HEIGHT - BOTTOM;
      svg.append("<g class=\"axes\" stroke=\"black\" fill=\"black\">\n");
      svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x0)
          .append("\" y2=\"").append(y0).append("\"/>\n<line x1=\"").append(x0).append("\" y1=\"").append(y0)
          .append("\" x2=\"").append(x1).append("\" y2=\"").append(y0).append("\"/>\n");
      int step = Math.max(1, (int) Math.ceil(maxEpoch / 10.0));
      for (int e = 1; e <= maxEpoch; e += step) {
        svg.append("<text stroke=\"none\" x=\"").append(x(e)).append("\" y=\"").append(y0 + 18)
            .append("\" text-anchor=\"middle\">").append(e).append("</text>\n");
      }
      for (int k = 0; k <= 5; k++) {
        double v = lo + (hi - lo) * k / 5;
        svg.append("<text stroke=\"none\" x=\"").append(x0 - 6).append("\" y=\"").append(y(v))
            .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.4g", v)).append("</text>\n");
      }
      svg.append("<text stroke=\"none\" x=\"").append((x0 + x1) / 2).append("\" y=\"").append(HEIGHT - 12)
          .append("\" text-anchor=\"middle\">epoch</text>\n");
      svg.append("<text stroke=\"none\" transform=\"rotate(-90)\" x=\"").append(-(TOP + y0) / 2)
          .append("\" y=\"18\" text-anchor=\"middle\">validation loss (MSE, z-scored)</text>\n</g>\n");
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
