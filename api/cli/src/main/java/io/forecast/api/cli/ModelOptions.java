package io.forecast.api.cli;

import io.forecast.data.SplitRule;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What to train: the model type, its settings (typed options and {@code --set}), lengths, seed and
 * interval levels (shared by {@code train} and {@code backtest}).
 */
public final class ModelOptions {
  @Option(names = "--model-type", defaultValue = "olinear", paramLabel = "TYPE",
      description = "Model type (default olinear): olinear, naive, seasonal-naive, mean, linear, nlinear, dlinear, "
          + "rlinear, or any type on the class path.")
  String modelType;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Any setting of the model type (repeatable), e.g. --set kernel=25 --set individual=true.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "N", description = "Input length (default 96).")
  int seqLen;

  @Option(names = "--pred-len", defaultValue = "96", paramLabel = "N", description = "Horizon (default 96).")
  int predLen;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 2023).")
  Long seed;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "olinear: paper (the official per-dataset settings, by file name) or fast (default).")
  String preset;

  @Option(names = "--epochs", paramLabel = "N", description = "Setting epochs: maximum epochs.")
  Integer epochs;

  @Option(names = "--lr", paramLabel = "X", description = "Setting learningRate: initial learning rate.")
  Double learningRate;

  @Option(names = "--lradj", paramLabel = "NAME", description = "Setting lradj: type1, type3 or cosine.")
  String schedule;

  @Option(names = "--batch-size", paramLabel = "N", description = "Setting batchSize.")
  Integer batchSize;

  @Option(names = "--patience", paramLabel = "N", description = "Setting patience: early-stopping patience.")
  Integer patience;

  @Option(names = "--d-model", paramLabel = "N", description = "olinear: d_model (d_ff follows unless --d-ff is given).")
  Integer dModel;

  @Option(names = "--d-ff", paramLabel = "N", description = "olinear: d_ff.")
  Integer dFf;

  @Option(names = "--e-layers", paramLabel = "N", description = "olinear: encoder layers.")
  Integer eLayers;

  @Option(names = "--embed-size", paramLabel = "D", description = "olinear: dimension-extension size D.")
  Integer embedSize;

  @Option(names = "--dropout", paramLabel = "P", description = "Setting dropout (olinear, rlinear).")
  Double dropout;

  @Option(names = "--q-ratio", paramLabel = "r",
      description = "olinear: build Q from the first int(r·n) rows as the official files do (0.6 ETT, 0.7 others); "
          + "default: the train split.")
  Double qRatio;

  @Option(names = "--literal-flatten", description = "olinear: disable the exact rank-1 shortcut of the first linear layer.")
  boolean literalFlatten;

  @Option(names = "--intervals", paramLabel = "LEVELS",
      description = "Levels in percent of the split-conformal prediction intervals to calibrate on the validation "
          + "split (default 80,95; 'none' for none).")
  String intervals;

  /** The training spec these options say, with the file's split rule. */
  TrainingSpec spec(SplitRule split) {
    return new TrainingSpec(modelType, seqLen, predLen, split, settings(),
        intervals == null ? null : intervals.equals("none") ? List.of()
            : ConformalCalibration.parseLevels(intervals));
  }

  /** The seed given, or the default (2023). */
  long seed() {
    return seed == null ? TrainingContext.DEFAULT_SEED : seed;
  }

  /** The typed options and every {@code --set}, by setting name; a setting given twice is refused. */
  Map<String, Object> settings() {
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("preset", preset);
    typed.put("epochs", epochs);
    typed.put("learningRate", learningRate);
    typed.put("lradj", schedule);
    typed.put("batchSize", batchSize);
    typed.put("patience", patience);
    typed.put("dModel", dModel);
    typed.put("dFf", dFf);
    typed.put("eLayers", eLayers);
    typed.put("embedSize", embedSize);
    typed.put("dropout", dropout);
    typed.put("qRatio", qRatio);
    typed.put("literalFlatten", literalFlatten ? Boolean.TRUE : null);
    Map<String, Object> all = new LinkedHashMap<>();
    typed.forEach((k, v) -> {
      if (v != null) {
        all.put(k, v);
      }
    });
    for (Map.Entry<String, String> e : set.entrySet()) {
      if (all.containsKey(e.getKey())) {
        throw new BadInputException("setting '" + e.getKey() + "' is given both as an option and as --set");
      }
      all.put(e.getKey(), e.getValue());
    }
    return all;
  }

}
