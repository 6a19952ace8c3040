package io.forecast.spark;

import io.forecast.data.DataException;
import io.forecast.forecasting.ForecastingException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code spark-submit --class io.forecast.spark.SparkJobs forecast-spark.jar
 * train|forecast|convert …}: a bad option or input is exit 2 with one {@code error:} line, as the
 * project's CLI does.
 */
@Command(name = "forecast-spark", mixinStandardHelpOptions = true,
    subcommands = {TrainCommand.class, ForecastCommand.class, ConvertCommand.class},
    description = "Train and forecast many series on Apache Spark (long table: series id, timestamp, values).")
public final class SparkJobs implements Runnable {
  /** Exit status of a bad option or input. */
  static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line; returns the exit status (0, 1 for a failure, 2 for bad input). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SparkJobs());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof SparkJobException || e instanceof DataException || e instanceof ForecastingException
          || e instanceof IllegalArgumentException) {
        err.println("error: " + e.getMessage());
        return BAD_INPUT;
      }
      throw e;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("error: " + e.getMessage());
      return BAD_INPUT;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "name a command: train, forecast or convert");
  }

  /**
   * The session: the given master (none: spark-submit's), timestamps in UTC, the job's name. An
   * existing session (tests) is reused.
   */
  static SparkSession session(String master, String name) {
    SparkSession.Builder b = SparkSession.builder().appName("forecast " + name)
        .config("spark.sql.session.timeZone", "UTC");
    if (master != null) {
      b = b.master(master);
    }
    SparkSession spark = b.getOrCreate();
    if (master != null && master.startsWith("local")) {
      // a local run prints the job's JSON, not Spark's INFO log (-Dforecast.spark.logLevel=INFO to see it)
      spark.sparkContext().setLogLevel(System.getProperty("forecast.spark.logLevel", "WARN"));
    }
    return spark;
  }

  /** Writes a table: Parquet for a {@code .parquet} path (or {@code format}), else CSV with a header. */
  static void write(Dataset<Row> table, String path, String format) {
    String f = format != null ? format.toLowerCase(Locale.ROOT)
        : path.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "csv";
    if (f.equals("parquet")) {
      table.write().mode(SaveMode.Overwrite).parquet(path);
    } else if (f.equals("csv")) {
      table.write().mode(SaveMode.Overwrite).option("header", "true").csv(path);
    } else {
      throw new SparkJobException("--out-format must be csv or parquet, got '" + format + "'");
    }
  }

  /** One JSON line of a job's figures (numbers and text only). */
  static String json(Map<String, ?> fields) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      if (v instanceof Number || v instanceof Boolean) {
        sb.append(v);
      } else if (v instanceof Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, x) -> copy.put(String.valueOf(k), x));
        sb.append(json(copy));
      } else {
        sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return sb.append('}').toString();
  }
}
