/**
 * Forecasting and training many series on Apache Spark: {@link io.forecast.spark.SparkJobs} is the
 * entry point of {@code spark-submit} ({@code train}, {@code forecast}, {@code convert}).
 *
 * <p>Input is a long table ({@code series_id, timestamp, value columns…}, CSV or Parquet on any Hadoop
 * file system). Each series (or group) is turned back into the CSV text the single-machine reader
 * reads and goes through the project's one code path: {@link
 * io.forecast.forecasting.pipeline.ForecastPipeline#train} for training, {@link
 * io.forecast.forecasting.pipeline.BatchForecast} for forecasts, so a series gives the same model and
 * the same numbers as {@code forecast train} / {@code forecast forecast} on its own file. Models are
 * loaded once per executor JVM ({@link io.forecast.spark.ExecutorModels}), trainings in one JVM are
 * serialised (libtorch allows one autograd session per process), and models reach the store
 * atomically ({@link io.forecast.spark.StoreWrites}).
 */
package io.forecast.spark;
