package io.forecast.forecasting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.provenance.ModelProvenance.ColumnMetrics;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import io.forecast.forecasting.provenance.ModelProvenance.StepMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionMetrics;
import org.tribuo.regression.evaluation.RegressionSufficientStatistics;

class ForecastEvaluatorTest {
  private static final List<String> ABC = List.of("a", "b", "c");

  // ------------------------------------------------------------------ fixtures

  /** A random series of {@code rows × n}, z-scored per column with its own mean and deviation. */
  private static double[] zScoredSeries(Random rnd, int rows, int n) {
    double[] data = new double[rows * n];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < n; c++) {
        data[r * n + c] = 10 * (c + 1) + (c + 1) * rnd.nextGaussian() + Math.sin(r / 7.0);
      }
    }
    for (int c = 0; c < n; c++) {
      double mean = 0;
      for (int r = 0; r < rows; r++) {
        mean += data[r * n + c];
      }
      mean /= rows;
      double var = 0;
      for (int r = 0; r < rows; r++) {
        double d = data[r * n + c] - mean;
        var += d * d;
      }
      double sd = Math.sqrt(var / rows);
      for (int r = 0; r < rows; r++) {
        data[r * n + c] = (data[r * n + c] - mean) / sd;
      }
    }
    return data;
  }

  /** Windows with exactly {@code count} windows over a fresh z-scored series. */
  private static SlidingWindows windows(Random rnd, int count, int n, int seqLen, int predLen) {
    int rows = count + seqLen + predLen - 1;
    SlidingWindows w = SlidingWindows.over(zScoredSeries(rnd, rows, n), n, 0, rows, seqLen, predLen);
    assertThat(w.count()).isEqualTo(count);
    return w;
  }

  private static float[] noisyPredictions(Random rnd, SlidingWindows w) {
    int per = w.predLen() * w.columns();
    float[] pred = new float[w.count() * per];
    for (int i = 0; i < w.count(); i++) {
      int t0 = w.targetOffset(i);
      for (int k = 0; k < per; k++) {
        pred[i * per + k] = (float) (0.7 * w.data()[t0 + k] + 0.5 * rnd.nextGaussian());
      }
    }
    return pred;
  }

  /** The truth of (window, step, column), read by hand from the row-major series. */
  private static double truth(SlidingWindows w, int window, int step, int column) {
    int row = w.startRow() + window + w.seqLen() + step;
    return w.data()[row * w.columns() + column];
  }

  // ------------------------------------------------------------------ Tribuo reference

  /** Tribuo's MSE, MAE and R² over the given (truth, prediction) pairs, as one output dimension. */
  private static double[] tribuo(double[] truth, double[] predicted) {
    String name = "y";
    List<Prediction<Regressor>> list = new ArrayList<>(truth.length);
    MutableOutputInfo<Regressor> info = new RegressionFactory().generateInfo();
    for (int i = 0; i < truth.length; i++) {
      Regressor t = new Regressor(name, truth[i]);
      info.observe(t);
      list.add(new Prediction<>(new Regressor(name, predicted[i]), 0, new ArrayExample<>(t)));
    }
    ImmutableOutputInfo<Regressor> domain = info.generateImmutableOutputInfo();
    RegressionSufficientStatistics stats = new RegressionSufficientStatistics(domain, list, false);
    Regressor dim = new Regressor(name, Double.NaN);
    double rmse = RegressionMetrics.rmse(dim, stats);
    return new double[] {rmse * rmse, RegressionMetrics.mae(dim, stats), RegressionMetrics.r2(dim, stats)};
  }

  /** Tribuo's figures for one column ({@code column >= 0}) or for all values pooled ({@code -1}). */
  private static double[] tribuo(float[] pred, SlidingWindows w, int column) {
    int n = w.columns();
    int tau = w.predLen();
    List<Double> truth = new ArrayList<>();
    List<Double> predicted = new ArrayList<>();
    for (int i = 0; i < w.count(); i++) {
      for (int t = 0; t < tau; t++) {
        for (int c = 0; c < n; c++) {
          if (column < 0 || c == column) {
            truth.add(truth(w, i, t, c));
            predicted.add((double) pred[(i * tau + t) * n + c]);
          }
        }
      }
    }
    return tribuo(truth.stream().mapToDouble(Double::doubleValue).toArray(),
        predicted.stream().mapToDouble(Double::doubleValue).toArray());
  }

  // ------------------------------------------------------------------ tests

  @Test
  void handExample() {
    // 4 rows, 1 column, seq 1, pred 2 -> 2 windows: [0]->[1,2], [1]->[2,3]
    double[] data = {0, 1, 2, 3};
    SlidingWindows w = SlidingWindows.over(data, 1, 0, 4, 1, 2);
    assertThat(w.count()).isEqualTo(2);
    float[] pred = {1, 4, 2, 2}; // errors: 0, +2 | 0, -1
    Metrics m = ForecastEvaluator.evaluate(pred, w, List.of("x"), true);
    assertThat(m.windows()).isEqualTo(2);
    assertThat(m.mse()).isCloseTo((0 + 4 + 0 + 1) / 4.0, within(1e-12));
    assertThat(m.mae()).isCloseTo((0 + 2 + 0 + 1) / 4.0, within(1e-12));
    assertThat(m.perColumn().get("x").mse()).isCloseTo(m.mse(), within(1e-12));
    assertThat(m.perColumn().get("x").mae()).isCloseTo(m.mae(), within(1e-12));
    // R² = 1 - SSE / SST, truth {1,2,2,3}: mean 2, SST 2, SSE 5
    assertThat(m.perColumn().get("x").r2()).isCloseTo(1 - 5 / 2.0, within(1e-12));
    // step 1 errors {0, 0}, step 2 errors {+2, -1}
    assertThat(m.perStep()).extracting(StepMetrics::step).containsExactly(1, 2);
    assertThat(m.perStep().get(0).mse()).isCloseTo(0.0, within(1e-12));
    assertThat(m.perStep().get(0).mae()).isCloseTo(0.0, within(1e-12));
    assertThat(m.perStep().get(1).mse()).isCloseTo((4 + 1) / 2.0, within(1e-12));
    assertThat(m.perStep().get(1).mae()).isCloseTo((2 + 1) / 2.0, within(1e-12));
  }

  @Test
  void overallAndPerColumnEqualTribuo() {
    Random rnd = new Random(5);
    SlidingWindows w = windows(rnd, 20, 3, 8, 4);
    float[] pred = noisyPredictions(rnd, w);

    for (Metrics m : List.of(ForecastEvaluator.evaluate(pred, w, ABC, true),
        ForecastEvaluator.evaluate((ws, from, count) -> Arrays.copyOfRange(pred, from * 12, (from + count) * 12), w, ABC))) {
      double[] pooled = tribuo(pred, w, -1);
      assertThat(m.windows()).isEqualTo(20);
      assertThat(m.mse()).isCloseTo(pooled[0], within(1e-12));
      assertThat(m.mae()).isCloseTo(pooled[1], within(1e-12));
      assertThat(m.perColumn()).containsOnlyKeys("a", "b", "c");
      for (int c = 0; c < 3; c++) {
        double[] expected = tribuo(pred, w, c);
        ColumnMetrics got = m.perColumn().get(ABC.get(c));
        assertThat(got.mse()).as("mse %s", c).isCloseTo(expected[0], within(1e-12));
        assertThat(got.mae()).as("mae %s", c).isCloseTo(expected[1], within(1e-12));
        assertThat(got.r2()).as("r2 %s", c).isCloseTo(expected[2], within(1e-12));
        assertThat(got.r2()).as("r2 %s is informative", c).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void r2OfAConstantColumnIsWhatTribuoGives() {
    // column "k" is constant 0.5 in every row, column "v" varies
    int rows = 12;
    double[] data = new double[rows * 2];
    Random rnd = new Random(11);
    for (int r = 0; r < rows; r++) {
      data[r * 2] = 0.5;
      data[r * 2 + 1] = rnd.nextGaussian();
    }
    SlidingWindows w = SlidingWindows.over(data, 2, 0, rows, 3, 2);
    int values = w.count() * 2 * 2;
    float[] exact = new float[values];
    float[] off = new float[values];
    for (int i = 0; i < w.count(); i++) {
      w.copyTarget(i, exact, i * 4);
      w.copyTarget(i, off, i * 4);
      off[i * 4] += 0.25f;
      off[i * 4 + 2] -= 0.25f;
    }
    // Tribuo: 1 - SSE/SST with SST = 0 -> NaN when SSE = 0 (0/0), -Infinity when SSE > 0
    double exactTribuo = tribuo(exact, w, 0)[2];
    double offTribuo = tribuo(off, w, 0)[2];
    assertThat(exactTribuo).isNaN();
    assertThat(offTribuo).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ForecastEvaluator.evaluate(exact, w, List.of("k", "v"), true).perColumn().get("k").r2()).isNaN();
    assertThat(ForecastEvaluator.evaluate(off, w, List.of("k", "v"), true).perColumn().get("k").r2())
        .isEqualTo(Double.NEGATIVE_INFINITY);
    // the varying column is unaffected
    assertThat(ForecastEvaluator.evaluate(off, w, List.of("k", "v"), true).perColumn().get("v").r2())
        .isCloseTo(tribuo(off, w, 1)[2], within(1e-12));
  }

  @Test
  void perStepEqualsADirectLoop() {
    Random rnd = new Random(7);
    int tau = 4;
    int n = 3;
    SlidingWindows w = windows(rnd, 20, n, 8, tau);
    float[] pred = noisyPredictions(rnd, w);
    Metrics m = ForecastEvaluator.evaluate(pred, w, ABC, false);
    assertThat(m.perColumn()).isEmpty();
    assertThat(m.perStep()).hasSize(tau);
    double meanMse = 0;
    for (int t = 0; t < tau; t++) {
      double se = 0;
      double ae = 0;
      for (int i = 0; i < w.count(); i++) {
        for (int c = 0; c < n; c++) {
          double e = (double) pred[(i * tau + t) * n + c] - truth(w, i, t, c);
          se += e * e;
          ae += Math.abs(e);
        }
      }
      StepMetrics s = m.perStep().get(t);
      assertThat(s.step()).isEqualTo(t + 1);
      assertThat(s.mse()).isCloseTo(se / (w.count() * n), within(1e-12));
      assertThat(s.mae()).isCloseTo(ae / (w.count() * n), within(1e-12));
      meanMse += se / (w.count() * n) / tau;
    }
    assertThat(m.mse()).isCloseTo(meanMse, within(1e-12));
  }

  @Test
  void memoryDoesNotGrowWithTheNumberOfWindows() {
    Random rnd = new Random(3);
    int n = 3;
    int tau = 4;
    long[] retained = new long[2];
    int[] counts = {10, 10_000};
    for (int k = 0; k < 2; k++) {
      SlidingWindows w = windows(rnd, counts[k], n, 8, tau);
      MetricsAccumulator acc = new MetricsAccumulator(ABC, tau);
      long before = acc.retainedDoubles();
      acc.add(noisyPredictions(rnd, w), w, 0, w.count());
      assertThat(acc.retainedDoubles()).isEqualTo(before);
      assertThat(acc.windows()).isEqualTo(counts[k]);
      retained[k] = acc.retainedDoubles();
    }
    assertThat(retained[1]).isEqualTo(retained[0]);
    assertThat(retained[0]).isPositive().isLessThanOrEqualTo(8L * (n + tau));

    // the streaming evaluation never asks for more than BATCH windows, and asks for each window once, in order
    SlidingWindows big = windows(rnd, 10_000, n, 8, tau);
    int per = tau * n;
    int[] largest = {0};
    int[] next = {0};
    int[] calls = {0};
    ScaledPredictor stub = (ws, from, count) -> {
      assertThat(ws).isSameAs(big);
      assertThat(from).isEqualTo(next[0]);
      largest[0] = Math.max(largest[0], count);
      next[0] = from + count;
      calls[0]++;
      float[] out = new float[count * per];
      Arrays.fill(out, 0.25f);
      return out;
    };
    Metrics m = ForecastEvaluator.evaluate(stub, big, ABC);
    assertThat(ForecastEvaluator.BATCH).isEqualTo(64);
    assertThat(largest[0]).isEqualTo(64);
    assertThat(next[0]).isEqualTo(10_000);
    assertThat(calls[0]).isEqualTo((10_000 + 63) / 64);
    assertThat(m.windows()).isEqualTo(10_000);
  }

  @Test
  void streamingEqualsTheArrayResultBitForBit() {
    Random rnd = new Random(9);
    int per = 4 * 3;
    SlidingWindows w = windows(rnd, 200, 3, 8, 4); // 3 full batches and one of 8
    float[] pred = noisyPredictions(rnd, w);
    Metrics array = ForecastEvaluator.evaluate(pred, w, ABC, true);
    Metrics streamed = ForecastEvaluator.evaluate(
        (ws, from, count) -> Arrays.copyOfRange(pred, from * per, (from + count) * per), w, ABC);
    assertThat(streamed).isEqualTo(array);
    assertThat(Double.doubleToRawLongBits(streamed.mse())).isEqualTo(Double.doubleToRawLongBits(array.mse()));
    assertThat(streamed.perStep()).hasSize(4);
    // and both agree with Tribuo on the pooled values
    assertThat(streamed.mse()).isCloseTo(tribuo(pred, w, -1)[0], within(1e-12));
  }

  @Test
  void noWindowsIsAnError() {
    double[] data = new double[5 * 2];
    SlidingWindows empty = SlidingWindows.over(data, 2, 0, 5, 4, 3);
    assertThat(empty.count()).isZero();
    List<String> cols = List.of("a", "b");
    assertThatThrownBy(() -> ForecastEvaluator.evaluate(new float[0], empty, cols, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no windows to evaluate");
    assertThatThrownBy(() -> ForecastEvaluator.evaluate((ws, from, count) -> new float[0], empty, cols))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no windows to evaluate");
    assertThatThrownBy(() -> new MetricsAccumulator(cols, 3).result())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no windows to evaluate");
  }

  @Test
  void shapeMismatchesAreRejected() {
    Random rnd = new Random(1);
    SlidingWindows w = windows(rnd, 5, 3, 4, 2);
    assertThatThrownBy(() -> ForecastEvaluator.evaluate(new float[5 * 6 - 1], w, ABC, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 30 predictions");
    assertThatThrownBy(() -> ForecastEvaluator.evaluate(new float[30], w, List.of("a", "b"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column names");
    assertThatThrownBy(() -> ForecastEvaluator.evaluate((ws, from, count) -> new float[1], w, ABC))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predictions");
    assertThatThrownBy(() -> new MetricsAccumulator(ABC, 2).add(new float[2 * 6], w, 4, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
  }

  @Test
  void metricsJsonWithoutPerStepReadsAsEmpty() throws Exception {
    // configured like the model-directory mapper (json)
    ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    String old = "{\"mse\":0.5,\"mae\":0.25,\"windows\":3,\"perColumn\":{\"x\":{\"mse\":0.5,\"mae\":0.25,\"r2\":0.1}}}";
    Metrics read = json.readValue(old, Metrics.class);
    assertThat(read.perStep()).isEmpty();
    assertThat(read.perColumn().get("x")).isEqualTo(new ColumnMetrics(0.5, 0.25, 0.1));
    assertThat(new Metrics(1, 2, 3, Map.of()).perStep()).isEmpty();
    assertThat(new Metrics(1, 2, 3, null, null).perStep()).isEmpty();

    Metrics full = new Metrics(0.5, 0.25, 3, Map.of("x", new ColumnMetrics(0.5, 0.25, 0.1)),
        List.of(new StepMetrics(1, 0.4, 0.2), new StepMetrics(2, 0.6, 0.3)));
    assertThat(json.readValue(json.writeValueAsString(full), Metrics.class)).isEqualTo(full);
  }
}
