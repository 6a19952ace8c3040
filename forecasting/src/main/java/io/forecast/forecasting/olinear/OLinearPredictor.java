package io.forecast.forecasting.olinear;

import com.fasterxml.jackson.core.type.TypeReference;
import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.nn.NetworkPredictor;
import io.forecast.forecasting.io.NpyDtype;
import io.forecast.forecasting.io.NpyIo;
import io.forecast.forecasting.orthotrans.OrthoBasis;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted OLinear network with its two OrthoTrans bases, on the z-scored scale. Immutable once
 * fitted; predictions may run concurrently. Files: {@code weights.bin}, {@code q_in.npy},
 * {@code q_out.npy} (float64).
 */
public final class OLinearPredictor extends NetworkPredictor {
  private final OLinearModel model;
  private final OrthoBasis qIn;
  private final OrthoBasis qOut;
  private final OLinearSettings settings;

  OLinearPredictor(OLinearModel model, OrthoBasis qIn, OrthoBasis qOut, OLinearSettings settings) {
    super(model);
    this.model = model;
    this.qIn = qIn;
    this.qOut = qOut;
    this.settings = settings;
  }

  /** The settings this model was trained with. */
  public OLinearSettings olinearSettings() {
    return settings;
  }

  /** The input basis Q_in (seqLen × seqLen). */
  public OrthoBasis qIn() {
    return qIn;
  }

  /** The output basis Q_out (predLen × predLen). */
  public OrthoBasis qOut() {
    return qOut;
  }

  /** The network. */
  public OLinearModel network() {
    return model;
  }

  @Override
  public Map<String, Object> settings() {
    return ModelFiles.JSON.convertValue(settings, new TypeReference<LinkedHashMap<String, Object>>() { });
  }

  @Override
  public void save(Path directory) throws IOException {
    super.save(directory);
    NpyIo.write(directory.resolve(ModelFiles.Q_IN), qIn.q(), NpyDtype.FLOAT64);
    NpyIo.write(directory.resolve(ModelFiles.Q_OUT), qOut.q(), NpyDtype.FLOAT64);
  }

  /**
   * Reads the OLinear files of a model directory; the network is built without random
   * initialisation and without touching the engine's generator.
   *
   * @throws IOException if a file is missing or does not match the lengths and settings
   */
  static OLinearPredictor load(Path directory, int seqLen, int predLen, int variates, OLinearSettings settings)
      throws IOException {
    OrthoBasis qIn = OrthoBasis.of(NpyIo.readMatrix(directory.resolve(ModelFiles.Q_IN)));
    OrthoBasis qOut = OrthoBasis.of(NpyIo.readMatrix(directory.resolve(ModelFiles.Q_OUT)));
    if (qIn.length() != seqLen || qOut.length() != predLen) {
      throw new IOException(directory + ": Q sizes " + qIn.length() + "/" + qOut.length() + " do not match "
          + seqLen + "→" + predLen);
    }
    OLinearConfig config = settings.modelConfig(seqLen, predLen, variates);
    OLinearModel model = NetworkModel.load(OLinearModel.forLoading(config, qIn.toFloatRowMajor(),
        qOut.toFloatRowMajor()), directory.resolve(ModelFiles.WEIGHTS));
    return new OLinearPredictor(model, qIn, qOut, settings);
  }
}
