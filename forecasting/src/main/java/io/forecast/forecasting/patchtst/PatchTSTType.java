package io.forecast.forecasting.patchtst;

import io.forecast.attention.OperatorParams;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.softmax.SoftmaxAttention;
import io.forecast.data.Split;
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
import io.forecast.forecasting.training.ParameterBudget;
import io.forecast.forecasting.training.Trainer;
import io.forecast.forecasting.training.TrainingConfig;
import io.forecast.forecasting.training.TrainingResult;
import io.forecast.forecasting.training.TrainingSettings;
import io.forecast.forecasting.mixing.OperatorSettings;
import io.forecast.forecasting.transformer.EncoderPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code patchtst} model type: PatchTST (Nie et al., ICLR 2023) as in the Time-Series-Library
 * ({@code models/PatchTST.py}), channel-independent, with the attention operator chosen by the setting
 * {@code attention}, trained with the generic {@link Trainer}.
 *
 * <p>Defaults are those of TSLib's {@code scripts/long_term_forecast/ETT_script/PatchTST_ETTh1.sh}
 * (96→96: {@code --e_layers 1 --n_heads 2}; thuml/Time-Series-Library at commit 4e938a1) with the rest
 * from its {@code run.py}: {@code d_model 512}, {@code d_ff 2048}, {@code dropout 0.1} (also the
 * {@code FullAttention} dropout), {@code train_epochs 10}, {@code batch_size 32},
 * {@code learning_rate 0.0001}, {@code lradj type1}, {@code patience 3}, MSE loss, Adam; patch length
 * 16 and stride 8 are the defaults of the model's constructor.
 */
public final class PatchTSTType implements ForecasterType {
  /** The type name in {@code model.json}. */
  public static final String NAME = "patchtst";
  private static final OperatorSettings OPERATOR_SETTINGS = OperatorSettings.forRegistry(NAME, "attention");
  /** TSLib {@code run.py}: {@code --d_model 512}. */
  public static final int DEFAULT_D_MODEL = 512;
  /** TSLib {@code run.py}: {@code --d_ff 2048}. */
  public static final int DEFAULT_D_FF = 2048;
  /** TSLib ETTh1 96 script: {@code --e_layers 1}. */
  public static final int DEFAULT_E_LAYERS = 1;
  /** TSLib ETTh1 96 script: {@code --n_heads 2}. */
  public static final int DEFAULT_N_HEADS = 2;
  /** TSLib {@code run.py}: {@code --dropout 0.1}. */
  public static final double DEFAULT_DROPOUT = 0.1;
  /** TSLib {@code PatchTST.Model(patch_len=16)}. */
  public static final int DEFAULT_PATCH_LEN = 16;
  /** TSLib {@code PatchTST.Model(stride=8)}. */
  public static final int DEFAULT_STRIDE = 8;

  private static final SettingsSchema SCHEMA = new SettingsSchema(NAME, schema());

  private static List<Setting> schema() {
    List<Setting> all = new ArrayList<>(TrainingSettings.settings(10, 32, 1e-4, "type1", 3, "mse", true));
    all.add(Setting.integer("patchLen", DEFAULT_PATCH_LEN, 1, 65_536, "patch length P (TSLib: 16)"));
    all.add(Setting.integer("stride", DEFAULT_STRIDE, 1, 65_536,
        "patch stride S (TSLib: 8); the input is padded with S copies of its last value, so there are "
            + "N = floor((seqLen − P)/S) + 2 patches (96, 16, 8 → 12)"));
    all.add(Setting.integer("dModel", DEFAULT_D_MODEL, 1, 8192, "token width d_model (TSLib: 512)"));
    all.add(Setting.integer("dFf", DEFAULT_D_FF, 1, 32768, "feed-forward width d_ff (TSLib: 2048)"));
    all.add(Setting.integer("eLayers", DEFAULT_E_LAYERS, 1, 16, "encoder layers (TSLib ETTh1 96 script: 1)"));
    all.add(Setting.integer("nHeads", DEFAULT_N_HEADS, 1, 1024,
        "attention heads; must divide dModel (TSLib ETTh1 96 script: 2)"));
    all.add(Setting.decimal("dropout", DEFAULT_DROPOUT, 0, 0.99,
        "dropout after the patch embedding, the attention, both feed-forward layers and the head"));
    all.add(Setting.decimal("attentionDropout", DEFAULT_DROPOUT, 0, 0.99,
        "dropout on the mixing matrix A while training (TSLib's FullAttention uses dropout); only for operators "
            + "that form A (not monarch, delta)"));
    all.add(Setting.choice("attention", SoftmaxAttention.NAME, AttentionOperators.names(),
        "the attention operator over each channel's patches; its parameters are settings too (e.g. gamma=4 "
            + "with delta); qontot needs 4, 8 or 16 patches"));
    all.addAll(OPERATOR_SETTINGS.settings());
    return all;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PatchTST: each channel on its own, cut into patches (length 16, stride 8) that are the tokens of a "
        + "post-LN Transformer encoder with a choice of attention operator and a final BatchNorm, flatten head to "
        + "the horizon";
  }

  @Override
  public SettingsSchema settings() {
    return SCHEMA;
  }

  /**
   * The architecture for these settings and sizes.
   *
   * @throws InvalidSettingsException naming the setting, the operator's parameters or the patch count
   *     when they do not suit
   */
  public static PatchTSTConfig config(Settings s, int seqLen, int predLen, int columns) {
    String attention = s.choice("attention");
    OperatorParams params = OPERATOR_SETTINGS.params(attention, s);
    return new PatchTSTConfig(seqLen, predLen, columns, s.integer("patchLen"), s.integer("stride"),
        s.integer("dModel"), s.integer("dFf"), s.integer("eLayers"), s.integer("nHeads"), s.decimal("dropout"),
        s.decimal("attentionDropout"), attention, params);
  }

  @Override
  public void checkSettings(Settings settings, String dataFile, int seqLen, int predLen, int columns) {
    TrainingSettings.config(settings, TrainingContext.DEFAULT_SEED);
    ParameterBudget.check(NAME, config(settings, seqLen, predLen, columns).parameterCount(),
        "lower dModel, dFf or eLayers, or raise stride");
  }

  @Override
  public FittedModel fit(TrainingData data, Settings s, TrainingContext context) {
    checkSettings(s, data.fileName(), data.seqLen(), data.predLen(), data.columns());
    PatchTSTConfig config = config(s, data.seqLen(), data.predLen(), data.columns());
    TrainingConfig training = TrainingSettings.config(s, context.seed());
    PatchTSTModel model = PatchTSTModel.create(config, context.seed());
    try {
      context.progress().trainingStarted(training.epochs());
      TrainingResult result = new Trainer(training).train(model, data.series().windows(Split.TRAIN),
          data.series().windows(Split.VAL), context.progress()::epochFinished, context.cancelled());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("parameters", model.parameterCount());
      details.put("patches", config.patches());
      details.put("attention", config.attention());
      details.put("operatorParameters", config.operatorParams().asMap());
      Map<String, Object> effective = OPERATOR_SETTINGS.effectiveSettings(s, config.operatorParams());
      return new FittedModel(new EncoderPredictor<>(model, effective), result.report(details));
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  @Override
  public ScaledModel load(Path directory, ModelCard card, Map<String, Object> settings) throws IOException {
    Map<String, Object> given = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (v != null) {
        given.put(k, v);
      }
    });
    PatchTSTConfig config;
    try {
      config = config(SCHEMA.resolve(given), card.seqLen(), card.predLen(), card.columns().size());
    } catch (InvalidSettingsException e) {
      throw new IOException(directory + ": model.json holds unusable " + NAME + " settings: " + e.getMessage(), e);
    }
    return EncoderPredictor.load(PatchTSTModel.forLoading(config), directory, given);
  }
}
