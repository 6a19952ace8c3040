package io.forecast.spark;

import static org.apache.spark.sql.functions.col;

import io.forecast.forecasting.conformal.ConformalCalibration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast}: every series forecast by its model; forecasts and failures written as tables. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Forecast the pred_len rows after every series (or, with --rolling, from every origin stepping "
        + "back by --stride rows) with its model and write series_id, model, origin, timestamp, step, the value "
        + "columns and, with --intervals, <column>_lo<L>,<column>_hi<L>; series that cannot be forecast go to "
        + "--failures with their reason. Prints one JSON line.")
final class ForecastCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Option(names = "--model", paramLabel = "ID", description = "One model (an id in --store) for every series.")
  String model;

  @Option(names = "--model-column", paramLabel = "COLUMN",
      description = "Column holding each series' model id (one model per group). Default: each series' own "
          + "model, the id train gave it.")
  String modelColumn;

  @Option(names = "--out", required = true, paramLabel = "PATH", description = "Forecast table to write.")
  String out;

  @Option(names = "--out-format", paramLabel = "csv|parquet", description = "Default: from --out's extension.")
  String outFormat;

  @Option(names = "--failures", paramLabel = "PATH", description = "Failure table (default: <out>-failures).")
  String failures;

  @Option(names = "--intervals", paramLabel = "LEVELS", description = "Conformal levels, e.g. 80,95.")
  String intervals;

  @Option(names = "--rolling", description = "Forecast from every origin, stepping back from the end by --stride rows.")
  boolean rolling;

  @Option(names = "--stride", paramLabel = "N", description = "Rows between rolling origins (default: the model's pred_len).")
  Integer stride;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (model != null && modelColumn != null) {
      throw new SparkJobException("give --model or --model-column, not both");
    }
    if (stride != null && stride < 1) {
      throw new SparkJobException("--stride must be at least 1, got " + stride);
    }
    if (stride != null && !rolling) {
      throw new SparkJobException("--stride needs --rolling");
    }
    List<Double> levels = intervals == null ? List.of() : ConformalCalibration.parseLevels(intervals);
    SparkSession spark = SparkJobs.session(job.master, "forecast");
    SeriesTable table = new SeriesTable(job.input, job.format, job.seriesColumn, job.timestampColumn,
        job.valueColumns, null, modelColumn);
    ForecastJob.Config config = new ForecastJob.Config(table, new StorePaths(job.store), model,
        model == null && modelColumn == null, levels, rolling ? (stride == null ? -1 : stride) : 0);
    long t0 = System.nanoTime();
    Dataset<Row> all = ForecastJob.forecasts(spark, config, job.partitions(spark)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> ok = all.filter(col("reason").isNull()).drop("reason", "message");
      String format = outFormat != null ? outFormat : out.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")
          ? "parquet" : "csv";
      SparkJobs.write(ok, out, format);
      Dataset<Row> bad = all.filter(col("reason").isNotNull()).select("series_id", "model", "reason", "message");
      String failurePath = failures != null ? failures : out.replaceAll("/+$", "") + "-failures";
      List<Row> failed = bad.collectAsList();
      SparkJobs.write(spark.createDataFrame(failed, bad.schema()).coalesce(1), failurePath, format);
      long series = ok.select("series_id").distinct().count();
      long rows = ok.count();
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Integer> reasons = new TreeMap<>();
      failed.forEach(r -> reasons.merge(r.getString(2), 1, Integer::sum));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("series", series);
      json.put("rowsWritten", rows);
      json.put("failed", reasons);
      json.put("seconds", Math.round(seconds * 100) / 100.0);
      json.put("seriesPerSecond", Math.round(series / seconds * 100) / 100.0);
      json.put("out", out);
      json.put("failures", failurePath);
      spec.commandLine().getOut().println(SparkJobs.json(json));
      return 0;
    } finally {
      all.unpersist();
    }
  }
}
