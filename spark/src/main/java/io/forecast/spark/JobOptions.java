package io.forecast.spark;

import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the jobs: the session, the input table and the store. */
final class JobOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2] (default: the one spark-submit sets).")
  String master;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "Long table of series: CSV (header) or Parquet, any Hadoop path.")
  String input;

  @Option(names = "--format", paramLabel = "csv|parquet", description = "Input format (default: from the extension).")
  String format;

  @Option(names = "--series-column", defaultValue = "series_id", paramLabel = "NAME",
      description = "Series id column (default: ${DEFAULT-VALUE}).")
  String seriesColumn;

  @Option(names = "--timestamp-column", defaultValue = "timestamp", paramLabel = "NAME",
      description = "Timestamp column (default: ${DEFAULT-VALUE}).")
  String timestampColumn;

  @Option(names = "--value-columns", split = ",", paramLabel = "NAMES",
      description = "Value columns (default: every other column).")
  List<String> valueColumns;

  @Option(names = "--store", required = true, paramLabel = "PATH",
      description = "Model store: one folder per model id (any Hadoop path; local or HDFS for atomic writes).")
  String store;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the series (default: 2 × the default parallelism).")
  Integer partitions;

  int partitions(org.apache.spark.sql.SparkSession spark) {
    if (partitions != null && partitions < 1) {
      throw new SparkJobException("--partitions must be at least 1, got " + partitions);
    }
    return partitions != null ? partitions : 2 * spark.sparkContext().defaultParallelism();
  }
}
