package io.forecast.spark;

import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.conformal.ConformalCalibration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: one model per series (or per --key group), written to the store, and a summary table. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train one model per series (or per --key value) across the executors, write each to the store "
        + "atomically as <store>/<id>, and write a summary table (key, model_id, status, reason, message, rows, "
        + "seconds, best_epoch, test_mse, test_mae, attempt). Prints one JSON line.")
final class TrainCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Option(names = "--key", paramLabel = "COLUMN",
      description = "Grouping column: one model per value, its rows one series (default: the series column).")
  String key;

  @Option(names = "--model-type", defaultValue = "olinear", paramLabel = "TYPE",
      description = "A registered model type (default: ${DEFAULT-VALUE}; see forecast types).")
  String modelType;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of the type (repeatable).")
  Map<String, String> settings = new TreeMap<>();

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "N", description = "Input length (default: 96).")
  int seqLen;

  @Option(names = "--pred-len", defaultValue = "96", paramLabel = "N", description = "Horizon (default: 96).")
  int predLen;

  @Option(names = "--split", defaultValue = "auto", paramLabel = "RULE",
      description = "Split rule of every series, as forecast train's (default: auto, from the name <key>.csv).")
  String split;

  @Option(names = "--intervals", paramLabel = "LEVELS",
      description = "Conformal levels to calibrate, e.g. 80,95 (default), or none.")
  String intervals;

  @Option(names = "--seed", defaultValue = "2023", paramLabel = "S", description = "Seed (default: 2023).")
  long seed = TrainingContext.DEFAULT_SEED;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "K",
      description = "Torch threads per training (default: the engine's, -Dai.djl.pytorch.num_threads).")
  int threads;

  @Option(names = "--target", paramLabel = "COLUMN", description = "Target column (default: OT, else the last).")
  String target;

  @Option(names = "--summary", required = true, paramLabel = "PATH",
      description = "Where to write the summary table (Parquet for .parquet, else CSV).")
  String summary;

  @Option(names = "--test-fail-once", hidden = true, paramLabel = "KEY",
      description = "Test hook: the first attempt of the task training KEY fails before its model is swapped in.")
  String failOnce;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<Double> levels = intervals == null ? null
        : intervals.equals("none") ? List.of() : ConformalCalibration.parseLevels(intervals);
    if (threads < 0) {
      throw new SparkJobException("--threads must be at least 0, got " + threads);
    }
    SparkSession spark = SparkJobs.session(job.master, "train");
    SeriesTable table = new SeriesTable(job.input, job.format, job.seriesColumn, job.timestampColumn,
        job.valueColumns, key, null);
    TrainJob.Config config = new TrainJob.Config(table, new StorePaths(job.store), modelType, seqLen, predLen, split,
        settings, levels, seed, threads, target, failOnce);
    long t0 = System.nanoTime();
    List<Row> rows = TrainJob.summary(spark, config, job.partitions(spark)).collectAsList();
    double seconds = (System.nanoTime() - t0) / 1e9;
    SparkJobs.write(spark.createDataFrame(rows, TrainJob.SUMMARY).coalesce(1), summary, null);
    try {
      StoreWrites.cleanUp(config.store());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, Integer> failed = new TreeMap<>();
    int ok = 0;
    for (Row r : rows) {
      if ("ok".equals(r.getString(2))) {
        ok++;
      } else {
        failed.merge(r.getString(3), 1, Integer::sum);
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("keys", rows.size());
    json.put("trained", ok);
    json.put("failed", failed);
    json.put("seconds", Math.round(seconds * 100) / 100.0);
    json.put("modelsPerMinute", Math.round(ok / seconds * 60 * 100) / 100.0);
    json.put("store", job.store);
    json.put("summary", summary);
    spec.commandLine().getOut().println(SparkJobs.json(json));
    return 0;
  }
}
