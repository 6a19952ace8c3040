package io.forecast.api.cli;

import io.forecast.data.PreparedSeries;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.olinear.OLinearModel;
import io.forecast.forecasting.olinear.OLinearPresets;
import io.forecast.forecasting.olinear.OLinearSettings;
import io.forecast.forecasting.orthotrans.OrthoBasis;

/**
 * An untrained OLinear model of a preset on a file, as the {@code bench} commands build it: the
 * preset's settings for the file and horizon, both OrthoTrans bases fitted on the training split
 * (as training does), weights initialised from the preset's seed.
 *
 * @param settings the preset's settings
 * @param series the file prepared for {@code seqLen → predLen} (z-scored with its training split)
 * @param qIn input basis, row-major float
 * @param qOut output basis, row-major float
 */
record BenchPreset(OLinearSettings settings, PreparedSeries series, float[] qIn, float[] qOut) {

  /** The preset {@code name} on {@code frame} for {@code seqLen → predLen}; bad names are user errors. */
  static BenchPreset of(String name, TimeSeriesFrame frame, int seqLen, int predLen) {
    OLinearSettings settings;
    try {
      settings = OLinearPresets.forName(name, frame.source(), predLen);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--preset: " + e.getMessage());
    }
    PreparedSeries series = PreparedSeries.prepare(frame, SplitRule.AUTO, seqLen, predLen);
    double[][] variates = frame.columns(0, series.boundaries().trainEnd());
    return new BenchPreset(settings, series, OrthoBasis.fit(variates, seqLen).toFloatRowMajor(),
        OrthoBasis.fit(variates, predLen).toFloatRowMajor());
  }

  /** A new model (the caller closes it); {@code rank1Shortcut} picks the first Linear's path. */
  OLinearModel model(boolean rank1Shortcut) {
    var config = settings.modelConfig(series.seqLen(), series.predLen(), series.frame().columnCount())
        .withRank1Shortcut(rank1Shortcut);
    return OLinearModel.create(config, qIn, qOut, settings.seed());
  }
}
