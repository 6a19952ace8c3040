package demo;

import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.FileDigest;
import java.nio.file.Path;
import java.util.Map;

/** The library without Spring: train DLinear on ETTh1 (96 → 96), save it as models/etth1, load it, forecast. */
public class TrainEtth1 {
  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args.length > 0 ? args[0] : "data/demo/ETTh1.csv");
    TimeSeriesFrame frame = TimeSeriesCsvReader.read(csv);
    TrainingSpec spec = new TrainingSpec("dlinear", 96, 96, SplitRule.AUTO, Map.of("kernel", 25));
    try (FittedForecaster model = ForecastPipeline.train(frame, FileDigest.sha256(csv), spec, TrainingContext.defaults())) {
      System.out.println("test MSE " + model.provenance().testMetrics().mse());
      AtomicDirectory.write(Path.of("models/etth1"), true, model::save);
    }
    try (FittedForecaster loaded = ForecasterTypes.load(Path.of("models/etth1"))) {
      double[] next = loaded.forecast(frame.values(frame.rows() - 96, frame.rows()), 96);
      System.out.println("next 96 rows × " + loaded.card().columns().size() + " columns: " + next.length + " values");
    }
  }
}
