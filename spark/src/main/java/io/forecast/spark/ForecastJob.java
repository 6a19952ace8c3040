package io.forecast.spark;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.DataException;
import io.forecast.data.PreparedSeries;
import io.forecast.data.SeriesTooShortException;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecastingException;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.pipeline.BatchForecast;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The batch forecasting job: every series of the table forecast by its model through {@link
 * BatchForecast}, the code path of {@code forecast forecast}, so each series gets the numbers that
 * command writes for the series' own file. Models are leased from {@link ExecutorModels} (loaded once per
 * executor); each forecast allocates and frees its native memory in its own scope, so nothing native
 * outlives a partition but the cached models. A series that cannot be forecast (no model, too short,
 * NaN, other columns) is a failure row with its reason, never a failed job.
 */
public final class ForecastJob {
  /** Leading output columns; then the value columns and the interval columns. */
  static final List<String> LEADING = List.of("series_id", "model", "origin", "timestamp", "step");

  private ForecastJob() {}

  /**
   * What to forecast.
   *
   * @param table the input (key = series id; tag = the model id column, when models are chosen by one)
   * @param store the model store
   * @param model the one model of every series ({@code null}: the tag's value, or the series' own model)
   * @param perSeries whether each series has its own model ({@link ModelIds#of} its id)
   * @param levels interval levels (empty: none)
   * @param stride rows between rolling origins (0: only the end of each series; -1: the model's
   *     {@code pred_len}, as {@code forecast forecast --rolling} without {@code --stride})
   */
  public record Config(SeriesTable table, StorePaths store, String model, boolean perSeries, List<Double> levels,
      int stride) implements Serializable {
    public Config {
      levels = List.copyOf(levels == null ? List.of() : levels);
    }

    String modelOf(SeriesUnit unit) {
      return model != null ? model : perSeries ? ModelIds.of(unit.key()) : unit.tag();
    }
  }

  /**
   * The output table (lazily): {@code series_id, model, origin, timestamp, step}, the value columns,
   * the interval columns ({@code <column>_lo<L>, <column>_hi<L>}), then {@code reason, message} (set on the
   * one row of a failed series, whose other columns are null).
   */
  public static Dataset<Row> forecasts(SparkSession spark, Config config, int partitions) {
    Dataset<Row> input = config.table().read(spark, partitions);
    List<String> header = TrainJob.header(config.table(), input);
    List<String> values = BatchForecast.valueColumns(header.subList(1, header.size()), config.levels());
    StructType schema = new StructType();
    for (String c : LEADING) {
      schema = schema.add(c, c.equals("step") ? DataTypes.IntegerType : DataTypes.StringType);
    }
    for (String c : values) {
      schema = schema.add(c, DataTypes.DoubleType);
    }
    schema = schema.add("reason", DataTypes.StringType).add("message", DataTypes.StringType);
    int width = schema.size();
    return input.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> flat(SeriesUnit.units(rows, header),
        unit -> forecastOne(unit, config, width).iterator()), Encoders.row(schema));
  }

  private static <T, R> Iterator<R> flat(Iterator<T> in, FlatMapFunction<T, R> f) {
    return new Iterator<>() {
      private Iterator<R> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && in.hasNext()) {
          try {
            current = f.call(in.next());
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        return current.hasNext();
      }

      @Override
      public R next() {
        hasNext();
        return current.next();
      }
    };
  }

  /** The rows of one series: {@code predLen} rows per origin, or one failure row. */
  static List<Row> forecastOne(SeriesUnit unit, Config config, int width) {
    String id = config.modelOf(unit);
    try (ExecutorModels.Lease lease = ExecutorModels.acquire(config.store(), id)) {
      Forecaster f = lease.model();
      ModelCard card = f.card();
      if (!config.levels().isEmpty()) {
        f.checkIntervals(config.levels());
      }
      TimeSeriesFrame frame = unit.frame(CsvLoadOptions.defaults());
      ForecastPipeline.checkColumns(card, frame);
      PreparedSeries.requireNoNaN(frame);
      if (frame.rows() < card.seqLen()) {
        throw new SeriesTooShortException(frame.source(), frame.rows() + " rows; the model needs at least seq_len = "
            + card.seqLen());
      }
      long step = BatchForecast.step(card, frame);
      int n = card.columns().size();
      List<Row> out = new ArrayList<>();
      int stride = config.stride() < 0 ? card.predLen() : config.stride();
      for (int origin : BatchForecast.origins(frame.rows(), card.seqLen(), stride)) {
        BatchForecast.AtOrigin at = BatchForecast.at(f, frame, origin, step, config.levels());
        for (int k = 0; k < card.predLen(); k++) {
          Object[] row = new Object[width];
          row[0] = unit.key();
          row[1] = id;
          row[2] = at.originTimestamp();
          row[3] = at.timestamps().get(k);
          row[4] = k + 1;
          double[] v = BatchForecast.row(at, k, n);
          for (int i = 0; i < v.length; i++) {
            row[LEADING.size() + i] = v[i];
          }
          out.add(RowFactory.create(row));
        }
      }
      return out;
    } catch (IOException | DataException | ForecastingException | IllegalArgumentException e) {
      Failures.Failure failure = Failures.of(e);
      Object[] row = new Object[width];
      Arrays.fill(row, null);
      row[0] = unit.key();
      row[1] = id;
      row[width - 2] = failure.reason();
      row[width - 1] = failure.message();
      return List.of(RowFactory.create(row));
    }
  }
}
