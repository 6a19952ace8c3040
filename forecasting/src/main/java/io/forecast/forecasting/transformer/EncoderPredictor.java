package io.forecast.forecasting.transformer;

import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.nn.NetworkPredictor;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted encoder model (iTransformer, PatchTST) on the z-scored scale: its network and the effective
 * settings {@code model.json} records. Immutable once fitted; predictions may run concurrently. Its one
 * file is {@code weights.bin} (every parameter and, for PatchTST, the BatchNorm's running statistics).
 *
 * @param <M> the network type
 */
public final class EncoderPredictor<M extends EncoderNetworkModel> extends NetworkPredictor
    implements ProbedAttentionModel.Source {
  private final M model;
  private final Map<String, Object> settings;

  /**
   * @param model the network (owned from now on)
   * @param settings the effective settings, as {@code model.json} records them
   */
  public EncoderPredictor(M model, Map<String, Object> settings) {
    super(model);
    this.model = model;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /**
   * Reads {@code weights.bin} from {@code directory} into {@code forLoading}, a network built without
   * random initialisation and without touching the engine's generator, which the predictor then owns.
   *
   * @throws IOException if the file is missing or was written for another architecture
   */
  public static <M extends EncoderNetworkModel> EncoderPredictor<M> load(M forLoading, Path directory,
      Map<String, Object> settings) throws IOException {
    return new EncoderPredictor<>(NetworkModel.load(forLoading, directory.resolve(ModelFiles.WEIGHTS)), settings);
  }

  /** The network. */
  public M network() {
    return model;
  }

  @Override
  public ProbedAttentionModel attentionModel() {
    return model;
  }

  @Override
  public Map<String, Object> settings() {
    return settings;
  }
}
