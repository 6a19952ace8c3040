package io.forecast.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * A long table of many series: a series id column, a timestamp column and value columns (all the
 * others unless named), read from CSV (every cell as text, exactly as written) or Parquet.
 *
 * @param path any Hadoop path (a file or a folder of part files)
 * @param format {@code csv} or {@code parquet}; {@code null}: from the path's extension (csv otherwise)
 * @param seriesColumn the series id column
 * @param timestampColumn the timestamp column
 * @param valueColumns the value columns; empty: every other column (except {@code keyColumn})
 * @param keyColumn the column whose values name the unit of work (one frame: a model to train, a series
 *     to forecast); {@code null}: the series column
 * @param tagColumn a column carried along with each unit (its first row's value: the model id column of
 *     a forecast); {@code null}: the series column
 */
public record SeriesTable(String path, String format, String seriesColumn, String timestampColumn,
    List<String> valueColumns, String keyColumn, String tagColumn) implements Serializable {
  /** Column names of the normalised table ({@link #read}); the value columns follow them. */
  static final String KEY = "__key";
  static final String TAG = "__tag";
  static final String TIME = "__time";
  /** Leading columns of the normalised table before the value columns. */
  static final int VALUES_FROM = 3;

  public SeriesTable {
    valueColumns = List.copyOf(valueColumns == null ? List.of() : valueColumns);
    keyColumn = keyColumn == null || keyColumn.isBlank() ? seriesColumn : keyColumn;
    tagColumn = tagColumn == null || tagColumn.isBlank() ? seriesColumn : tagColumn;
  }

  /** The format used: the given one, else {@code parquet} for a {@code .parquet} path, else {@code csv}. */
  String resolvedFormat() {
    if (format != null) {
      String f = format.toLowerCase(Locale.ROOT);
      if (!f.equals("csv") && !f.equals("parquet")) {
        throw new SparkJobException("--format must be csv or parquet, got '" + format + "'");
      }
      return f;
    }
    return path.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "csv";
  }

  /** The raw table as stored. */
  Dataset<Row> raw(SparkSession spark) {
    return resolvedFormat().equals("parquet") ? spark.read().parquet(path)
        : spark.read().option("header", "true").option("inferSchema", "false").option("mode", "FAILFAST").csv(path);
  }

  /**
   * The value columns of a table: the named ones (checked), else every column but the series,
   * timestamp and key columns.
   *
   * @throws SparkJobException naming a missing column or a value column that is neither text nor numeric
   */
  List<String> resolveValueColumns(Dataset<Row> raw) {
    List<String> names = Arrays.asList(raw.columns());
    for (String c : List.of(seriesColumn, timestampColumn, keyColumn, tagColumn)) {
      if (!names.contains(c)) {
        throw new SparkJobException(path + " has no column '" + c + "'; its columns are " + names);
      }
    }
    List<String> values = new ArrayList<>();
    if (valueColumns.isEmpty()) {
      for (String c : names) {
        if (!c.equals(seriesColumn) && !c.equals(timestampColumn) && !c.equals(keyColumn) && !c.equals(tagColumn)) {
          values.add(c);
        }
      }
    } else {
      for (String c : valueColumns) {
        if (!names.contains(c)) {
          throw new SparkJobException(path + " has no value column '" + c + "'; its columns are " + names);
        }
        values.add(c);
      }
    }
    if (values.isEmpty()) {
      throw new SparkJobException(path + " has no value column besides '" + seriesColumn + "' and '"
          + timestampColumn + "'");
    }
    for (StructField f : raw.schema().fields()) {
      if (values.contains(f.name()) && !(f.dataType() instanceof NumericType) && f.dataType() != DataTypes.StringType) {
        throw new SparkJobException("value column '" + f.name() + "' is " + f.dataType().simpleString()
            + "; numbers or text are needed");
      }
    }
    return values;
  }

  /**
   * The table normalised for the jobs: {@code __key, __tag, __time} (text; Spark timestamps and dates
   * written {@code yyyy-MM-dd HH:mm:ss} in the session's time zone, UTC for these jobs), then the value
   * columns as stored, hash-partitioned by key into {@code partitions} and sorted within each partition
   * by key and time (a timestamp Spark can parse, else the row's order in the input).
   */
  Dataset<Row> read(SparkSession spark, int partitions) {
    Dataset<Row> raw = raw(spark);
    List<String> values = resolveValueColumns(raw);
    DataType tsType = raw.schema().apply(timestampColumn).dataType();
    Column time = tsType == DataTypes.TimestampType || tsType == DataTypes.DateType
        || tsType == DataTypes.TimestampNTZType
        ? date_format(col(timestampColumn), "yyyy-MM-dd HH:mm:ss") : col(timestampColumn).cast(DataTypes.StringType);
    List<Column> select = new ArrayList<>();
    // a row without a key is a unit of its own, named "" (its model id is ModelIds.of(""))
    select.add(coalesce(col(keyColumn).cast(DataTypes.StringType), lit("")).as(KEY));
    select.add(col(tagColumn).cast(DataTypes.StringType).as(TAG));
    select.add(time.as(TIME));
    for (String v : values) {
      select.add(col(v));
    }
    select.add(monotonically_increasing_id().as("__row"));
    Dataset<Row> normal = raw.select(select.toArray(new Column[0]));
    return normal.repartition(partitions, col(KEY))
        .sortWithinPartitions(col(KEY), expr("try_to_timestamp(" + TIME + ")").asc_nulls_last(),
            col("__row"))
        .drop("__row");
  }
}
