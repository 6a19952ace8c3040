package io.forecast.forecasting.baselines;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.ScaledModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fitted statistical baseline: a rule and its lengths; nothing trained, no files of its own. */
final class BaselineModel implements ScaledModel {
  private final BaselineRule rule;
  private final int seqLen;
  private final int predLen;
  private final int columns;
  private final int period;

  BaselineModel(BaselineRule rule, int seqLen, int predLen, int columns, int period) {
    this.rule = rule;
    this.seqLen = seqLen;
    this.predLen = predLen;
    this.columns = columns;
    this.period = period;
  }

  @Override
  public float[] predict(float[] input, int batch) {
    int in = seqLen * columns;
    int out = predLen * columns;
    if (batch < 1 || input.length != (long) batch * in) {
      throw new IllegalArgumentException("input must hold batch x " + seqLen + " x " + columns + " values");
    }
    float[] result = new float[batch * out];
    for (int b = 0; b < batch; b++) {
      rule.apply(input, b * in, seqLen, columns, predLen, period, result, b * out);
    }
    return result;
  }

  @Override
  public float[] predict(SlidingWindows windows, int from, int count) {
    int in = seqLen * columns;
    int out = predLen * columns;
    float[] history = new float[in];
    float[] result = new float[count * out];
    for (int k = 0; k < count; k++) {
      windows.copyInput(from + k, history, 0);
      rule.apply(history, 0, seqLen, columns, predLen, period, result, k * out);
    }
    return result;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (rule == BaselineRule.SEASONAL_NAIVE) {
      m.put("period", period);
    }
    return m;
  }

  @Override
  public long parameterCount() {
    return 0;
  }

  @Override
  public void save(Path directory) {
    // model.json (settings) and the scaler say everything
  }

  @Override
  public void close() {
    // no native memory
  }
}
