package io.forecast.forecasting.olinear;

import io.forecast.data.Split;
import io.forecast.data.SplitBoundaries;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedModel;
import io.forecast.forecasting.ForecasterType;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.ScaledModel;
import io.forecast.forecasting.Setting;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.SettingsSchema;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingData;
import io.forecast.forecasting.UnfittableSeriesException;
import io.forecast.forecasting.mixing.OperatorSettings;
import io.forecast.forecasting.orthotrans.OrthoBasis;
import io.forecast.forecasting.orthotrans.OrthoTransOps;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.training.LearningRateSchedule;
import io.forecast.forecasting.training.ParameterBudget;
import io.forecast.forecasting.training.Trainer;
import io.forecast.forecasting.training.TrainingResult;
import io.forecast.forecasting.training.TrainingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code olinear} model type: OLinear with OrthoTrans bases built from the training rows. The
 * settings start from a preset ({@code fast}, or {@code paper}: the official per-dataset scripts,
 * picked by file name and horizon) and override any of its fields.
 */
public final class OLinearType implements ForecasterType {
  /** The type name in {@code model.json}. */
  public static final String NAME = "olinear";

  /** The operators' parameters, settings of this type for the mixers that use an operator. */
  private static final OperatorSettings OPERATOR_SETTINGS = OperatorSettings.of(NAME, "mixer", OLinearMixer.OPERATORS);

  private static final SettingsSchema SCHEMA = new SettingsSchema(NAME, schema());

  private static List<Setting> schema() {
    List<Setting> all = new ArrayList<>();
    all.add(Setting.choice("preset", "fast", List.of("fast", "paper"),
        "fast: d_model 128, 1 layer, D 8, 10 epochs, lr 1e-3; paper: the official script of the data file "
            + "(ETTh1, ..., by file name) and horizon. Every other setting overrides the preset"));
    all.addAll(TrainingSettings.settings(null, null, null, null, null, null, false));
    all.addAll(List.of(
        Setting.integer("dModel", null, 1, 8192, "hidden width (d_ff follows unless set)"),
        Setting.integer("dFf", null, 1, 32768, "feed-forward width"),
        Setting.integer("eLayers", null, 1, 16, "encoder layers"),
        Setting.integer("embedSize", null, 1, 256, "dimension-extension size D"),
        Setting.decimal("dropout", null, 0, 0.99, "dropout probability"),
        Setting.decimal("qRatio", null, 0.01, 1,
            "build the bases from the first int(r·n) rows as the official files do (0.6 ETT, 0.7 others); "
                + "default: the train split (leak-free)"),
        Setting.flag("literalFlatten", false,
            "compute the first linear layer literally instead of its exact rank-1 shortcut"),
        Setting.choice("mixer", OLinearMixer.NORMLIN, OLinearMixer.NAMES,
            "variate mixer of the encoder layers: normlin (A = rowNormL1(softplus(W))); normlin-sinkhorn "
                + "(Sinkhorn(log softplus(W))) or normlin-qr (QR operator on W), input-independent and doubly "
                + "stochastic; or an attention operator with q/k projections (softmax, sinkhorn, qr, qontot with "
                + "4, 8 or 16 columns, ...). Its operator's parameters are settings too (e.g. iterations=21)"),
        Setting.integer("nHeads", null, 1, 1024,
            "heads of an attention mixer (default " + OLinearMixer.DEFAULT_HEADS + ", as the official attention "
                + "ablation); must divide dModel")));
    all.addAll(OPERATOR_SETTINGS.settings());
    return all;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "OLinear: a linear forecaster in the orthogonally transformed domain (OrthoTrans bases from the "
        + "lag-correlation matrix of the training series), trained with horizon-weighted L1 and Adam";
  }

  @Override
  public SettingsSchema settings() {
    return SCHEMA;
  }

  /**
   * The effective settings: the preset with every given setting applied, the context's seed.
   *
   * @throws InvalidSettingsException if the preset does not know the data file or a value is unusable
   */
  public static OLinearSettings resolve(Settings s, String fileName, int predLen, long seed) {
    OLinearSettings preset;
    try {
      preset = OLinearPresets.forName(s.choice("preset"), fileName, predLen);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(e.getMessage(), e);
    }
    Integer dModel = s.integer("dModel");
    OLinearOverrides overrides = new OLinearOverrides(s.integer("epochs"), seed, s.decimal("learningRate"),
        s.choice("lradj") == null ? null : LearningRateSchedule.parse(s.choice("lradj")), s.integer("batchSize"),
        s.integer("patience"), dModel, s.integer("dFf"), s.integer("eLayers"), s.integer("embedSize"),
        s.decimal("dropout"), s.decimal("qRatio"), Boolean.TRUE.equals(s.flag("literalFlatten")) ? Boolean.FALSE : null);
    String mixer = s.choice("mixer");
    Map<String, Object> parameters = OPERATOR_SETTINGS.given(s);
    String operator = OLinearMixer.OPERATORS.get(mixer);
    if (operator == null && !parameters.isEmpty()) {
      throw new InvalidSettingsException("setting '" + parameters.keySet().iterator().next() + "' of model type '"
          + NAME + "' is an operator parameter, and mixer '" + mixer + "' has no operator; choose a mixer that "
          + "uses one (e.g. mixer=normlin-sinkhorn for iterations)");
    }
    Integer heads = s.integer("nHeads");
    boolean dataDependent = operator != null && !mixer.startsWith(OLinearMixer.NORMLIN);
    if (heads != null && !dataDependent) {
      throw new InvalidSettingsException("setting 'nHeads' of model type '" + NAME + "' applies only to an attention "
          + "mixer (softmax, sinkhorn, qr, ...), not to mixer '" + mixer + "'");
    }
    Map<String, Object> effective = operator == null ? Map.of()
        : OPERATOR_SETTINGS.params(operator, parameters).asMap();
    try {
      return overrides.applyTo(preset).toBuilder().mixer(mixer)
          .nHeads(dataDependent ? (heads == null ? OLinearMixer.DEFAULT_HEADS : heads) : null)
          .mixerParameters(effective).build();
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(e.getMessage(), e);
    }
  }

  @Override
  public void checkSettings(Settings settings, String dataFile, int seqLen, int predLen, int columns) {
    checkSize(resolve(settings, dataFile, predLen, TrainingContext.DEFAULT_SEED), seqLen, predLen, columns);
  }

  private static void checkSize(OLinearSettings settings, int seqLen, int predLen, int columns) {
    // the configuration also checks the mixer against the sizes (heads, qontot's 4, 8 or 16 columns)
    ParameterBudget.check(NAME, settings.modelConfig(seqLen, predLen, columns).parameterCount(),
        "lower dModel, dFf, eLayers or embedSize, or the lengths");
  }

  @Override
  public FittedModel fit(TrainingData data, Settings s, TrainingContext context) {
    OLinearSettings settings = resolve(s, data.fileName(), data.predLen(), context.seed());
    checkSize(settings, data.seqLen(), data.predLen(), data.columns());
    TimeSeriesFrame frame = data.series().frame();
    SplitBoundaries b = data.series().boundaries();
    int qRows = settings.qRatio() == null ? b.trainEnd() : (int) (frame.rows() * settings.qRatio());
    double[][] variates = frame.columns(0, qRows);
    requireVariation(variates, frame);
    if (qRows < Math.max(data.seqLen(), data.predLen()) + 1) {
      throw new InvalidSettingsException("qRatio " + settings.qRatio() + " leaves " + qRows + " rows to build the bases;"
          + " at least " + (Math.max(data.seqLen(), data.predLen()) + 1) + " are needed");
    }
    OrthoBasis qIn = OrthoBasis.fit(variates, data.seqLen());
    OrthoBasis qOut = data.predLen() == data.seqLen() ? qIn : OrthoBasis.fit(variates, data.predLen());

    OLinearConfig config = settings.modelConfig(data.seqLen(), data.predLen(), frame.columnCount());
    OLinearModel model = OLinearModel.create(config, qIn.toFloatRowMajor(), qOut.toFloatRowMajor(), settings.seed());
    try {
      context.progress().trainingStarted(settings.epochs());
      TrainingResult result = new Trainer(settings.trainingConfig()).train(model,
          data.series().windows(Split.TRAIN), data.series().windows(Split.VAL), context.progress()::epochFinished,
          context.cancelled());
      Map<String, Object> ortho = new LinkedHashMap<>();
      ortho.put("rows", qRows);
      ortho.put("source", settings.qRatio() == null ? "train split" : "first int(" + settings.qRatio() + "·n) rows");
      ortho.put("skippedVariates", names(frame, qIn.skippedVariates()));
      ortho.put("qInMaxOrthogonalityError", qIn.maxOrthogonalityError());
      ortho.put("qOutMaxOrthogonalityError", qOut.maxOrthogonalityError());
      ortho.put("mixer", settings.mixer());
      ortho.put("parameters", model.parameterCount());
      return new FittedModel(new OLinearPredictor(model, qIn, qOut, settings), result.report(ortho));
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  /** OrthoTrans needs some variation: refuse a training series whose every column is (nearly) constant. */
  private static void requireVariation(double[][] variates, TimeSeriesFrame frame) {
    for (double[] v : variates) {
      double mean = 0;
      for (double x : v) {
        mean += x;
      }
      mean /= v.length;
      double var = 0;
      for (double x : v) {
        var += (x - mean) * (x - mean);
      }
      if (var / v.length >= OrthoTransOps.MIN_LAG_VARIANCE) {
        return;
      }
    }
    throw new UnfittableSeriesException("every column of " + frame.source() + " is constant over the rows the "
        + "OrthoTrans bases are built from (variance below " + OrthoTransOps.MIN_LAG_VARIANCE + "), so OLinear has no "
        + "correlation to learn from; use a baseline such as naive or mean, or more varied data");
  }

  private static List<String> names(TimeSeriesFrame frame, int[] idx) {
    List<String> out = new ArrayList<>();
    for (int i : idx) {
      out.add(frame.columnNames().get(i));
    }
    return out;
  }

  @Override
  public ScaledModel load(Path directory, ModelCard card, Map<String, Object> settings) throws IOException {
    OLinearSettings s;
    try {
      s = ModelFiles.JSON.convertValue(settings, OLinearSettings.class);
    } catch (IllegalArgumentException e) {
      throw new IOException(directory + ": " + ModelFiles.MODEL + " holds unusable OLinear settings: "
          + e.getMessage(), e);
    }
    return OLinearPredictor.load(directory, card.seqLen(), card.predLen(), card.columns().size(), s);
  }
}
