package io.forecast.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for the module's tests ({@code local[2,2]}: two threads, a failed task retried once). */
final class LocalSpark {
  static final String MASTER = "local[2,2]";
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder().master(MASTER).appName("forecast-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return session;
  }

  /** Runs a command line; returns {exit status, stdout, stderr}. */
  static String[] run(String... args) {
    get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = SparkJobs.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {Integer.toString(status), out.toString(), err.toString()};
  }

  /** A smooth series with a daily cycle, a trend and a phase per index: {@code rows} hourly values. */
  static double[] series(int index, int rows) {
    double[] v = new double[rows];
    for (int r = 0; r < rows; r++) {
      v[r] = 10 + index + Math.sin(2 * Math.PI * (r + 3 * index) / 24.0) * (1 + 0.1 * index) + 0.01 * r
          + 0.3 * Math.sin(r * 1.7 + index);
    }
    return v;
  }

  static String hour(int r) {
    return LocalDateTime.of(2020, 1, 1, 0, 0).plusHours(r).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }

  /** Writes a long table {@code series_id,timestamp,value} of the given series (values as text, as given). */
  static void writeLong(Path file, Map<String, List<String>> series) throws IOException {
    StringBuilder sb = new StringBuilder("series_id,timestamp,value\n");
    series.forEach((id, values) -> {
      for (int r = 0; r < values.size(); r++) {
        sb.append(id).append(',').append(hour(r)).append(',').append(values.get(r)).append('\n');
      }
    });
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  /** Writes one series as the single-machine file {@code timestamp,value}. */
  static void writeWide(Path file, List<String> values) throws IOException {
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    for (int r = 0; r < values.size(); r++) {
      sb.append(hour(r)).append(',').append(values.get(r)).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  static List<String> text(double[] values) {
    return java.util.Arrays.stream(values).mapToObj(Double::toString).toList();
  }
}
