package io.forecast.spark;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.DataException;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecastingException;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The distributed training job: one model per key (series id or grouping column), trained through
 * {@link ForecastPipeline#train} exactly as {@code forecast train --data <key>.csv} would, written
 * atomically to the store as {@link ModelIds#of}(key). A series that cannot be trained (too short,
 * constant, NaN, …) is a row of the summary with its reason, never a failed job; a store that cannot be
 * written fails the task, which Spark retries (the atomic write leaves no duplicate or partial model).
 */
public final class TrainJob {
  /**
   * One training at a time per JVM: libtorch allows one autograd session per process, so the tasks of
   * an executor with several cores queue here (give training executors one task slot each and the
   * cores to torch: {@code spark.task.cpus} = {@code spark.executor.cores}).
   */
  static final ReentrantLock TRAINING = new ReentrantLock(true);

  /** The summary table's columns. */
  static final StructType SUMMARY = new StructType()
      .add("key", DataTypes.StringType)
      .add("model_id", DataTypes.StringType)
      .add("status", DataTypes.StringType)
      .add("reason", DataTypes.StringType)
      .add("message", DataTypes.StringType)
      .add("rows", DataTypes.IntegerType)
      .add("seconds", DataTypes.DoubleType)
      .add("best_epoch", DataTypes.IntegerType)
      .add("test_mse", DataTypes.DoubleType)
      .add("test_mae", DataTypes.DoubleType)
      .add("attempt", DataTypes.IntegerType);

  private TrainJob() {}

  /**
   * What to train.
   *
   * @param table the input
   * @param store the model store
   * @param modelType a registered type
   * @param seqLen input length
   * @param predLen horizon
   * @param split the split rule text ({@code auto}, {@code ratio:0.7,0.1,0.2}, …)
   * @param settings the type's settings by name
   * @param intervalLevels conformal levels ({@code null}: 80 and 95; empty: none)
   * @param seed the seed of every training
   * @param threads torch threads per training (0: the engine's setting)
   * @param target the target column ({@code null}: OT, else the last column)
   * @param failOnce test hook: the key whose first attempt fails ({@code null}: none)
   */
  public record Config(SeriesTable table, StorePaths store, String modelType, int seqLen, int predLen, String split,
      Map<String, String> settings, List<Double> intervalLevels, long seed, int threads, String target,
      String failOnce) implements Serializable {
    public Config {
      settings = Map.copyOf(settings == null ? Map.of() : settings);
      intervalLevels = intervalLevels == null ? null : List.copyOf(intervalLevels);
    }

    TrainingSpec spec() {
      return new TrainingSpec(modelType, seqLen, predLen, SplitRule.parse(split), settings, intervalLevels);
    }
  }

  /**
   * Runs the job: checks the type and settings on the driver, cleans the store, trains every key
   * (lazily: the returned summary runs when it is written or collected).
   */
  public static Dataset<Row> summary(SparkSession spark, Config config, int partitions) {
    ForecastPipeline.check(config.spec()); // an unknown type or bad setting fails the job before any task
    try {
      StoreWrites.cleanUp(config.store());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the model store " + config.store().root(), e);
    }
    Dataset<Row> input = config.table().read(spark, partitions);
    List<String> header = header(config.table(), input);
    return input.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> train(rows, header, config),
        Encoders.row(SUMMARY));
  }

  /** The CSV header of a unit: the timestamp column's name, then the value columns. */
  static List<String> header(SeriesTable table, Dataset<Row> normalised) {
    String[] names = normalised.columns();
    List<String> header = new ArrayList<>();
    header.add(table.timestampColumn());
    for (int i = SeriesTable.VALUES_FROM; i < names.length; i++) {
      header.add(names[i]);
    }
    return header;
  }

  private static Iterator<Row> train(Iterator<Row> rows, List<String> header, Config config) {
    Iterator<SeriesUnit> units = SeriesUnit.units(rows, header);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return units.hasNext();
      }

      @Override
      public Row next() {
        return trainOne(units.next(), config);
      }
    };
  }

  static Row trainOne(SeriesUnit unit, Config config) {
    String id = ModelIds.of(unit.key());
    TaskContext task = TaskContext.get();
    int attempt = task == null ? 0 : task.attemptNumber();
    long t0 = System.nanoTime();
    Integer rows = null;
    try {
      CsvLoadOptions options = config.target() == null ? CsvLoadOptions.defaults()
          : CsvLoadOptions.defaults().withTargetColumn(config.target());
      TimeSeriesFrame frame = unit.frame(options);
      rows = frame.rows();
      Failures.requireVariation(frame);
      TrainingSpec spec = config.spec();
      ForecastPipeline.check(spec, frame); // too short for the split and lengths: before waiting for the lock
      TrainingContext context = new TrainingContext(config.seed(), config.threads(), null, null);
      FittedForecaster model;
      TRAINING.lock();
      try {
        model = ForecastPipeline.train(frame, unit.sha256(), spec, context);
      } finally {
        TRAINING.unlock();
      }
      try (model) {
        StoreWrites.save(config.store(), id, model, () -> {
          if (unit.key().equals(config.failOnce()) && attempt == 0) {
            throw new InjectedFault("injected failure of the first attempt for '" + unit.key() + "' (test hook)");
          }
        });
        ModelProvenance p = model.provenance();
        ModelProvenance.Metrics m = p.testMetrics();
        return RowFactory.create(unit.key(), id, "ok", null, null, rows, seconds(t0), p.bestEpoch(),
            m == null ? null : m.mse(), m == null ? null : m.mae(), attempt);
      }
    } catch (DataException | ForecastingException | IllegalArgumentException e) {
      Failures.Failure f = Failures.of(e);
      return RowFactory.create(unit.key(), id, "failed", f.reason(), f.message(), rows, seconds(t0), null, null, null,
          attempt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model '" + id + "' to " + config.store().root(), e);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The test hook's failure: fails the task (never reported as a series failure). */
  static final class InjectedFault extends IOException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }
}
