package io.forecast.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecasting job gives every series what the single-machine path gives its own file. */
class ForecastJobTest {
  @TempDir Path dir;

  @Test
  void twentySeriesEqualTheSingleMachineForecastsOfTheirFiles() throws Exception {
    Map<String, List<String>> series = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      series.put("s" + i, LocalSpark.text(LocalSpark.series(i, 200 + 7 * i)));
    }
    series.put("short", LocalSpark.text(LocalSpark.series(99, 10))); // fewer rows than seq_len = 24
    Path input = dir.resolve("long.csv");
    LocalSpark.writeLong(input, series);
    // one global dlinear model, trained on s0's own file as forecast train would, with 80 % intervals
    Path s0 = dir.resolve("s0.csv");
    LocalSpark.writeWide(s0, series.get("s0"));
    Path store = dir.resolve("store");
    TrainingSpec spec = new TrainingSpec("dlinear", 24, 8, SplitRule.RATIO,
        Map.of("epochs", "1"), List.of(80.0));
    try (FittedForecaster model = ForecastPipeline.train(TimeSeriesCsvReader.read(s0), "x", spec,
        TrainingContext.defaults())) {
      AtomicDirectory.write(store.resolve("global"), false, model::save);
    }
    long loadsBefore = ExecutorModels.loads();

    Path out = dir.resolve("out.parquet");
    String[] r = LocalSpark.run("forecast", "--master", LocalSpark.MASTER, "--input", input.toString(),
        "--store", store.toString(), "--model", "global", "--intervals", "80", "--out", out.toString());

    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).contains("\"series\":20", "\"rowsWritten\":160", "\"failed\":{\"too-short\":1}");
    assertThat(ExecutorModels.loads() - loadsBefore).as("loaded once in this JVM, not per series").isEqualTo(1);
    List<Row> rows = LocalSpark.get().read().parquet(out.toString()).collectAsList();
    assertThat(rows).hasSize(20 * 8);
    assertThat(rows.get(0).schema().fieldNames()).containsExactly("series_id", "model", "origin", "timestamp",
        "step", "value", "value_lo80", "value_hi80");
    Map<String, Row> byKey = new HashMap<>();
    rows.forEach(row -> byKey.put(row.getString(0) + "#" + row.getInt(4), row));
    try (Forecaster f = ForecasterTypes.load(store.resolve("global"))) {
      for (int i = 0; i < 20; i++) {
        // the series' own file, read and forecast by the library as forecast forecast does
        Path file = dir.resolve("s" + i + ".csv");
        LocalSpark.writeWide(file, series.get("s" + i));
        TimeSeriesFrame frame = TimeSeriesCsvReader.read(file);
        int n = frame.rows();
        double[] expected = f.forecast(frame.values(n - 24, n), 24);
        double[] lo = f.intervals(expected, List.of(80.0)).bands().get("80").lower();
        for (int k = 0; k < 8; k++) {
          Row row = byKey.get("s" + i + "#" + (k + 1));
          assertThat(row.getString(2)).isEqualTo(LocalSpark.hour(n - 1));
          assertThat(row.getString(3)).isEqualTo(LocalSpark.hour(n + k));
          assertThat(row.getDouble(5)).as("s%d step %d", i, k + 1).isEqualTo(expected[k]); // bit for bit
          assertThat(row.getDouble(6)).isEqualTo(lo[k]);
          assertThat(row.getDouble(7)).isGreaterThan(row.getDouble(5));
        }
      }
    }
    List<Row> failures = LocalSpark.get().read().parquet(out + "-failures").collectAsList();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).getString(0)).isEqualTo("short");
    assertThat(failures.get(0).getString(2)).isEqualTo("too-short");
    assertThat(failures.get(0).getString(3)).contains("10 rows", "seq_len = 24");
  }

  /**
   * Parquet input with a Spark timestamp column and double values, a model per group named in a
   * column, rolling origins: the naive model repeats the value before each origin (by hand).
   */
  @Test
  void parquetWithSparkTimestampsAndAModelPerGroupColumn() throws Exception {
    Map<String, List<String>> series = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      series.put("p" + i, LocalSpark.text(LocalSpark.series(i, 60)));
    }
    Path csv = dir.resolve("long.csv");
    LocalSpark.writeLong(csv, series);
    Path parquet = dir.resolve("long.parquet");
    LocalSpark.get().read().option("header", "true").csv(csv.toString())
        .selectExpr("series_id", "to_timestamp(timestamp) AS timestamp", "CAST(value AS DOUBLE) AS value",
            "'naive-model' AS model_id")
        .write().parquet(parquet.toString());
    Path s0 = dir.resolve("p0.csv");
    LocalSpark.writeWide(s0, series.get("p0"));
    Path store = dir.resolve("store");
    TrainingSpec spec = new TrainingSpec("naive", 12, 3, SplitRule.RATIO, Map.of(), List.of());
    try (FittedForecaster model = ForecastPipeline.train(TimeSeriesCsvReader.read(s0), "x", spec,
        TrainingContext.defaults())) {
      AtomicDirectory.write(store.resolve("naive-model"), false, model::save);
    }
    Path out = dir.resolve("out.csv");
    String[] r = LocalSpark.run("forecast", "--master", LocalSpark.MASTER, "--input", parquet.toString(),
        "--store", store.toString(), "--model-column", "model_id", "--out", out.toString(), "--partitions", "2",
        "--rolling", "--stride", "20");

    assertThat(r[0]).as(r[2]).isEqualTo("0");
    // origins every 20 rows back from the end of 60 rows: after rows 20, 40 and 60; 3 steps each
    assertThat(r[1]).contains("\"series\":4", "\"rowsWritten\":36", "\"failed\":{}");
    List<Row> rows = LocalSpark.get().read().option("header", "true").csv(out.toString()).collectAsList();
    assertThat(rows).hasSize(36);
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      rowOf.put(LocalSpark.hour(i), i);
    }
    for (Row row : rows) {
      List<String> values = series.get(row.getString(0));
      int last = rowOf.get(row.getString(2));
      assertThat(last).isIn(19, 39, 59);
      assertThat(row.getString(1)).isEqualTo("naive-model");
      assertThat(row.getString(3)).isEqualTo(LocalSpark.hour(last + Integer.parseInt(row.getString(4))));
      double expected = Double.parseDouble(values.get(last));
      // to float32 rounding: the model works on float32 z-scores
      assertThat(Double.parseDouble(row.getString(5))).isCloseTo(expected, within(Math.abs(expected) * 1e-6));
    }
  }

  @Test
  void aMissingColumnIsOneErrorLineAndExitTwo() throws Exception {
    Path input = dir.resolve("long.csv");
    LocalSpark.writeLong(input, Map.of("a", List.of("1.0", "2.0")));
    String[] r = LocalSpark.run("forecast", "--input", input.toString(), "--series-column", "store_item",
        "--store", dir.resolve("store").toString(), "--out", dir.resolve("out.csv").toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2].strip()).startsWith("error: ").contains("no column 'store_item'").doesNotContain("\n");
  }
}
