package io.forecast.spark;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * One unit of work of a partition: the rows of one key, in time order, turned back into the CSV text
 * of a single-series file ({@code timestamp,value columns…}) and read by the project's reader, so a
 * series loads exactly as {@code forecast train|forecast --data FILE} loads its own file.
 *
 * @param key the unit's key (series id or group)
 * @param tag the tag column's value on the unit's first row
 * @param csv the CSV text
 */
record SeriesUnit(String key, String tag, byte[] csv) {

  /** The file name a unit is read as (used in messages and by the AUTO split rule): {@code <key>.csv}. */
  String fileName() {
    return key.replace('/', '_').replace('\\', '_') + ".csv";
  }

  /** Reads the unit with the project's CSV reader (named {@link #fileName}). */
  TimeSeriesFrame frame(CsvLoadOptions options) {
    return TimeSeriesCsvReader.read(fileName(), csv, options);
  }

  /** SHA-256 of the CSV text, for the model's provenance (the same as of the file on disk). */
  String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Groups the rows of a partition (normalised by {@link SeriesTable#read}: sorted by key, then time)
   * into units, one at a time (a unit's rows are held, not the partition's).
   *
   * @param header the CSV header: the timestamp column, then the value columns
   */
  static Iterator<SeriesUnit> units(Iterator<Row> rows, List<String> header) {
    return new Iterator<>() {
      private Row next = rows.hasNext() ? rows.next() : null;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public SeriesUnit next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String key = next.getString(0);
        String tag = next.isNullAt(1) ? null : next.getString(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, header);
        List<String> cells = new ArrayList<>(header.size());
        while (next != null && key.equals(next.getString(0))) {
          cells.clear();
          for (int i = SeriesTable.VALUES_FROM - 1; i < next.length(); i++) {
            cells.add(cell(next.get(i)));
          }
          line(out, cells);
          next = rows.hasNext() ? rows.next() : null;
        }
        return new SeriesUnit(key, tag, out.toByteArray());
      }
    };
  }

  /** A cell as the CSV file holds it: text as stored, a number as Java prints it (exact round trip). */
  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Number n) {
      return Double.toString(n.doubleValue());
    }
    return v.toString();
  }

  private static void line(ByteArrayOutputStream out, List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells.get(i);
      sb.append(c.contains(",") || c.contains("\"") || c.contains("\n")
          ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    sb.append('\n');
    out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
