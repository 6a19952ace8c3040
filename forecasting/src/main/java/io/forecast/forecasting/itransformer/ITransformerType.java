package io.forecast.forecasting.itransformer;

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
import io.forecast.forecasting.mixing.OperatorSettings;
import io.forecast.forecasting.training.ParameterBudget;
import io.forecast.forecasting.training.Trainer;
import io.forecast.forecasting.training.TrainingConfig;
import io.forecast.forecasting.training.TrainingResult;
import io.forecast.forecasting.training.TrainingSettings;
import io.forecast.forecasting.transformer.EncoderPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code itransformer} model type: iTransformer (Liu et al., ICLR 2024) with the attention
 * operator chosen by the setting {@code attention}, trained with the generic {@link Trainer}.
 *
 * <p>Defaults are those of the official ETTh1 script {@code scripts/multivariate_forecasting/ETT/
 * iTransformer_ETTh1.sh} of thuml/iTransformer (96→96: {@code --e_layers 2 --d_model 256 --d_ff 256})
 * with the rest from its {@code run.py}: {@code n_heads 8}, {@code dropout 0.1} (also the
 * {@code FullAttention} dropout), {@code train_epochs 10}, {@code batch_size 32},
 * {@code learning_rate 0.0001}, {@code lradj type1}, {@code patience 3}, MSE loss, Adam. The
 * Time-Series-Library has no ETTh1 iTransformer script (its ETTh2 one uses d_model = d_ff = 128).
 */
public final class ITransformerType implements ForecasterType {
  /** The type name in {@code model.json}. */
  public static final String NAME = "itransformer";
  /** Why delta cannot be swapped into an itransformer (spec attention.md §8.2). */
  public static final String DELTA_REFUSAL = "attention 'delta' cannot be swapped into " + NAME + ": its tokens are "
      + "the variates, whose order means nothing, and delta's windows need ordered tokens (spec attention.md §8.2: "
      + "✗); use it with patchtst";
  /** Official ETTh1 script: {@code --d_model 256}. */
  public static final int DEFAULT_D_MODEL = 256;
  /** Official ETTh1 script: {@code --d_ff 256}. */
  public static final int DEFAULT_D_FF = 256;
  /** Official ETTh1 script: {@code --e_layers 2}. */
  public static final int DEFAULT_E_LAYERS = 2;
  /** {@code run.py} default {@code --n_heads 8}. */
  public static final int DEFAULT_N_HEADS = 8;
  /** {@code run.py} default {@code --dropout 0.1}. */
  public static final double DEFAULT_DROPOUT = 0.1;

  private static final OperatorSettings OPERATOR_SETTINGS = OperatorSettings.forRegistry(NAME, "attention");
  private static final SettingsSchema SCHEMA = new SettingsSchema(NAME, schema());

  private static List<Setting> schema() {
    List<Setting> all = new ArrayList<>(TrainingSettings.settings(10, 32, 1e-4, "type1", 3, "mse", true));
    all.add(Setting.integer("dModel", DEFAULT_D_MODEL, 1, 8192, "token width d_model (official ETTh1 script: 256)"));
    all.add(Setting.integer("dFf", DEFAULT_D_FF, 1, 32768, "feed-forward width d_ff (official ETTh1 script: 256)"));
    all.add(Setting.integer("eLayers", DEFAULT_E_LAYERS, 1, 16, "encoder layers (official ETTh1 script: 2)"));
    all.add(Setting.integer("nHeads", DEFAULT_N_HEADS, 1, 1024, "attention heads; must divide dModel"));
    all.add(Setting.decimal("dropout", DEFAULT_DROPOUT, 0, 0.99,
        "dropout after the embedding, the attention and both feed-forward layers"));
    all.add(Setting.decimal("attentionDropout", DEFAULT_DROPOUT, 0, 0.99,
        "dropout on the mixing matrix A while training (TSLib's FullAttention uses dropout); only for operators "
            + "that form A (not monarch, delta)"));
    all.add(Setting.choice("attention", SoftmaxAttention.NAME, AttentionOperators.names(),
        "the attention operator over the variate tokens; its parameters are settings too (e.g. iterations=3 "
            + "with sinkhorn)"));
    all.addAll(OPERATOR_SETTINGS.settings());
    return all;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "iTransformer: one token per variate (its whole input window embedded by a Linear), post-LN Transformer "
        + "encoder across variates with a choice of attention operator, Linear projector to the horizon";
  }

  @Override
  public SettingsSchema settings() {
    return SCHEMA;
  }

  /**
   * The architecture for these settings and sizes.
   *
   * @throws InvalidSettingsException naming the setting or the operator's parameters when they do not
   *     suit (a parameter the operator does not have, heads that do not divide dModel, qontot with a
   *     column count other than 4, 8 or 16)
   */
  public static ITransformerConfig config(Settings s, int seqLen, int predLen, int columns) {
    String attention = s.choice("attention");
    OperatorParams params = OPERATOR_SETTINGS.params(attention, s);
    return new ITransformerConfig(seqLen, predLen, columns, s.integer("dModel"), s.integer("dFf"),
        s.integer("eLayers"), s.integer("nHeads"), s.decimal("dropout"), s.decimal("attentionDropout"), attention,
        params);
  }

  @Override
  public void checkSettings(Settings settings, String dataFile, int seqLen, int predLen, int columns) {
    TrainingSettings.config(settings, TrainingContext.DEFAULT_SEED);
    ParameterBudget.check(NAME, config(settings, seqLen, predLen, columns).parameterCount(),
        "lower dModel, dFf or eLayers, or the lengths");
  }

  /**
   * What {@code model.json} records: every model and training setting, and the chosen operator's
   * parameters with their effective values (the other operators' parameters are left out).
   */
  static Map<String, Object> effectiveSettings(Settings s, ITransformerConfig config) {
    return OPERATOR_SETTINGS.effectiveSettings(s, config.operatorParams());
  }

  @Override
  public FittedModel fit(TrainingData data, Settings s, TrainingContext context) {
    checkSettings(s, data.fileName(), data.seqLen(), data.predLen(), data.columns());
    ITransformerConfig config = config(s, data.seqLen(), data.predLen(), data.columns());
    TrainingConfig training = TrainingSettings.config(s, context.seed());
    ITransformerModel model = ITransformerModel.create(config, context.seed());
    try {
      context.progress().trainingStarted(training.epochs());
      TrainingResult result = new Trainer(training).train(model, data.series().windows(Split.TRAIN),
          data.series().windows(Split.VAL), context.progress()::epochFinished, context.cancelled());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("parameters", model.parameterCount());
      details.put("attention", config.attention());
      details.put("operatorParameters", config.operatorParams().asMap());
      return new FittedModel(new EncoderPredictor<>(model, effectiveSettings(s, config)), result.report(details));
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  @Override
  public ScaledModel load(Path directory, ModelCard card, Map<String, Object> settings) throws IOException {
    ITransformerConfig config;
    Map<String, Object> given = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (v != null) {
        given.put(k, v);
      }
    });
    try {
      config = config(SCHEMA.resolve(given), card.seqLen(), card.predLen(), card.columns().size());
    } catch (InvalidSettingsException e) {
      throw new IOException(directory + ": model.json holds unusable " + NAME + " settings: " + e.getMessage(), e);
    }
    return EncoderPredictor.load(ITransformerModel.forLoading(config), directory, given);
  }
}
