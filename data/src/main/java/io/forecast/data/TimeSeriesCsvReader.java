package io.forecast.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.AddCellToColumnException;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a time-series CSV file into a {@link TimeSeriesFrame}. Tablesaw does the CSV parsing (every
 * cell read as text); this class turns the text into timestamps and doubles at once, checks it, and
 * builds the {@link DataQualityReport}.
 *
 * <p>Requirements: a header line; a timestamp column (by default the first) in one of the
 * {@link TimestampFormat} layouts, non-decreasing; every other column numeric. LF or CRLF line ends
 * and a missing final newline are accepted; header names are opaque text. Line numbers in errors
 * and reports count the header as line 1 (blank lines are skipped by the CSV parser and not
 * counted).
 */
public final class TimeSeriesCsvReader {
  private TimeSeriesCsvReader() {}

  /**
   * Loads a file with {@link CsvLoadOptions#defaults()}.
   *
   * @throws DataException (a subclass naming the problem, the file, the line and the column)
   */
  public static TimeSeriesFrame read(Path file) {
    return read(file, CsvLoadOptions.defaults());
  }

  /**
   * Loads a file.
   *
   * @throws DataFileException missing, unreadable or empty file, no header, no data rows
   * @throws MalformedRowException a row with another number of fields than the header
   * @throws UnknownColumnException the timestamp or target column is not in the header
   * @throws TimestampException an unparsable or decreasing timestamp
   * @throws InvalidCellException an empty or non-numeric value cell under {@link MissingValuePolicy#REJECT}
   */
  public static TimeSeriesFrame read(Path file, CsvLoadOptions options) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (!Files.exists(file)) {
      throw new DataFileException(file.toString(), "file not found");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new DataFileException(file.toString(), "not a readable file");
    }
    try {
      if (Files.size(file) == 0) {
        throw new DataFileException(name, "file is empty");
      }
      try (InputStream in = Files.newInputStream(file)) {
        checkText(name, in);
      }
      checkHeader(name, Files.newInputStream(file));
      try (InputStream in = Files.newInputStream(file)) {
        return parse(name, readTable(name, in), options);
      }
    } catch (IOException e) {
      throw new DataFileException(name, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Loads CSV text from a stream (for uploads); {@code name} is used in messages and by split rules.
   * The stream is consumed but not closed.
   */
  public static TimeSeriesFrame read(String name, byte[] csv, CsvLoadOptions options) {
    if (csv.length == 0) {
      throw new DataFileException(name, "file is empty");
    }
    try {
      checkText(name, new java.io.ByteArrayInputStream(csv));
      checkHeader(name, new java.io.ByteArrayInputStream(csv));
      return parse(name, readTable(name, new java.io.ByteArrayInputStream(csv)), options);
    } catch (IOException e) {
      throw new DataFileException(name, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Fields of the header line minus the timestamp column (0 without a header line), counted on the raw
   * bytes without parsing, so size limits are checked before a large upload is parsed.
   */
  public static long headerValueColumns(byte[] csv) {
    long commas = 0;
    for (byte b : csv) {
      if (b == '\n') {
        break;
      }
      if (b == ',') {
        commas++;
      }
    }
    return commas;
  }

  /**
   * Non-empty lines after the header line of CSV bytes (an upper bound of the data rows), counted
   * without parsing.
   */
  public static long dataLines(byte[] csv) {
    long lines = 0;
    boolean content = false;
    for (byte b : csv) {
      if (b == '\n') {
        if (content) {
          lines++;
        }
        content = false;
      } else if (b != '\r') {
        content = true;
      }
    }
    if (content) {
      lines++;
    }
    return Math.max(0, lines - 1);
  }

  /** Most value columns a file may have. */
  public static final int MAX_COLUMNS = 10_000;

  /**
   * Refuses what is not UTF-8 text: a UTF-16/UTF-32 byte-order mark, any NUL byte (binary data, or
   * UTF-16 without a mark) or any other ASCII control character than tab, CR and LF, naming the line.
   * Parsing such input would strip or mangle cells silently, or echo raw control bytes in messages.
   * (Bytes that are not valid UTF-8 are not refused: header names are opaque text, e.g. weather.csv's
   * Latin-1 degree signs.)
   */
  private static void checkText(String name, InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int line = 1;
    boolean first = true;
    for (int read; (read = in.read(buffer)) > 0; ) {
      if (first && read >= 2 && ((buffer[0] == (byte) 0xFE && buffer[1] == (byte) 0xFF)
          || (buffer[0] == (byte) 0xFF && buffer[1] == (byte) 0xFE))) {
        throw new DataFileException(name, "the file is UTF-16 (or UTF-32) text; save it as UTF-8 CSV");
      }
      first = false;
      for (int i = 0; i < read; i++) {
        byte b = buffer[i];
        if (b == 0) {
          throw new MalformedRowException(name, line, "a NUL byte: this is binary data or UTF-16 text, not a UTF-8 "
              + "CSV file");
        }
        if ((b > 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7F) {
          throw new MalformedRowException(name, line, String.format("a control character (U+%04X): this is binary "
              + "data, not a CSV text file", (int) b));
        }
        if (buffer[i] == '\n') {
          line++;
        }
      }
    }
  }

  private static void checkHeader(String name, InputStream in) throws IOException {
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      String first = reader.readLine();
      if (first == null || first.isBlank()) {
        throw new DataFileException(name, "no header: the first line is empty");
      }
      if (first.startsWith("\uFEFF")) {
        first = first.substring(1);
      }
      String cell = first.split(",", -1)[0].trim();
      if (TimestampFormat.detect(cell) != null || isNumber(cell)) {
        throw new DataFileException(name, "no header: the first line looks like data ('"
            + abbreviate(first) + "'); the first line must name the columns");
      }
      long columns = first.chars().filter(ch -> ch == ',').count() + 1;
      if (columns > MAX_COLUMNS + 1) {
        throw new DataFileException(name, "the header has " + columns + " columns; at most " + MAX_COLUMNS
            + " value columns are supported");
      }
      if (!first.contains(",")) {
        throw new DataFileException(name, "header has a single column '" + abbreviate(first)
            + "'; need a timestamp column and at least one value column, comma-separated");
      }
    }
  }

  private static Table readTable(String name, InputStream in) {
    try {
      return Table.read().usingOptions(CsvReadOptions.builder(in)
          .tableName(name)
          .header(true)
          .separator(',')
          .missingValueIndicator("")
          .columnTypes(column -> ColumnType.STRING)
          .maxCharsPerColumn(MAX_FIELD_CHARS)
          .maxNumberOfColumns(MAX_COLUMNS + 2)
          .build());
    } catch (AddCellToColumnException e) {
      String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
      MalformedRowException ragged = raggedRow(name, msg);
      throw ragged != null ? ragged : new MalformedRowException(name, (int) e.getRowNumber() + 1, "cannot parse row: " + msg);
    } catch (DataException e) {
      throw e;
    } catch (com.univocity.parsers.common.TextParsingException e) {
      // the parser's own message dumps its settings; say what is wrong with which line instead
      throw parseFailure(name, e);
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      MalformedRowException ragged = raggedRow(name, msg);
      throw ragged != null ? ragged : new DataFileException(name, "cannot parse CSV: " + msg);
    }
  }

  /** Longest field the parser accepts, in characters. */
  static final int MAX_FIELD_CHARS = 1 << 16;

  /**
   * What the CSV parser could not parse, by line: too many fields in a row, or a field longer than
   * {@link #MAX_FIELD_CHARS} (a very long cell, or a quote that is never closed, which runs the field
   * on over the following lines). The line is the one the row starts on (the parser's record number;
   * the header is record 0).
   */
  static MalformedRowException parseFailure(String name, com.univocity.parsers.common.TextParsingException e) {
    int currentLine = (int) e.getLineIndex() + 1;
    long record = e.getRecordNumber();
    int rowLine = record > 0 && record < Integer.MAX_VALUE ? (int) record + 1 : currentLine;
    String message = e.getMessage() == null ? "" : e.getMessage();
    boolean tooLong = message.startsWith("Length of parsed input")
        || (e.getCause() instanceof ArrayIndexOutOfBoundsException aioobe && aioobe.getMessage() != null
            && aioobe.getMessage().startsWith("Index " + MAX_FIELD_CHARS + " "));
    if (tooLong) {
      int column = e.getColumnIndex();
      String field = column >= 0 ? "field " + (column + 1) + " " : "a field ";
      if (rowLine != currentLine) {
        return new MalformedRowException(name, rowLine, "cannot parse CSV: " + field + "runs on to line " + currentLine
            + " and past " + MAX_FIELD_CHARS + " characters: a quote (\") that is never closed?");
      }
      return new MalformedRowException(name, rowLine, "cannot parse CSV: " + field + "is longer than "
          + MAX_FIELD_CHARS + " characters");
    }
    if (e.getCause() instanceof ArrayIndexOutOfBoundsException) {
      return new MalformedRowException(name, rowLine, "cannot parse CSV: a row with more than " + (MAX_COLUMNS + 2)
          + " fields (at most " + MAX_COLUMNS + " value columns are supported)");
    }
    return new MalformedRowException(name, rowLine, "cannot parse CSV: malformed row (unbalanced quotes?)");
  }

  private static final java.util.regex.Pattern RAGGED =
      java.util.regex.Pattern.compile("Row number (\\d+) contains (\\d+) columns\\. (\\d+) expected");

  /** Tablesaw reports "Row number N contains K columns. H expected." with N the 1-based data row. */
  private static MalformedRowException raggedRow(String name, String tablesawMessage) {
    java.util.regex.Matcher m = RAGGED.matcher(tablesawMessage == null ? "" : tablesawMessage);
    if (!m.find()) {
      return null;
    }
    return new MalformedRowException(name, Integer.parseInt(m.group(1)) + 1,
        "row has " + m.group(2) + " fields, the header has " + m.group(3));
  }

  private static TimeSeriesFrame parse(String name, Table table, CsvLoadOptions options) {
    List<String> header = table.columnNames();
    if (table.rowCount() == 0) {
      throw new DataFileException(name, "no data rows after the header");
    }
    int tsIndex = 0;
    if (options.timestampColumn() != null) {
      tsIndex = header.indexOf(options.timestampColumn());
      if (tsIndex < 0) {
        throw new UnknownColumnException(name, options.timestampColumn(),
            "timestamp column not found; columns are " + header);
      }
    }
    List<String> valueColumns = new ArrayList<>(header);
    String tsName = valueColumns.remove(tsIndex);
    if (valueColumns.isEmpty()) {
      throw new DataFileException(name, "no value columns besides the timestamp column '" + tsName + "'");
    }
    int target;
    if (options.targetColumn() != null) {
      target = valueColumns.indexOf(options.targetColumn());
      if (target < 0) {
        throw new UnknownColumnException(name, options.targetColumn(),
            "target column not found; value columns are " + valueColumns);
      }
    } else {
      int ot = valueColumns.indexOf(CsvLoadOptions.DEFAULT_TARGET);
      target = ot >= 0 ? ot : valueColumns.size() - 1;
    }

    int rows = table.rowCount();
    StringColumn tsColumn = (StringColumn) table.column(tsIndex);
    String firstTs = tsColumn.get(0).trim();
    TimestampFormat format = TimestampFormat.detect(firstTs);
    if (format == null) {
      throw new TimestampException(name, 2, tsName, "cannot parse timestamp '" + firstTs
          + "'; expected yyyy-MM-dd HH:mm:ss, yyyy/M/d H:mm, ISO-8601 or yyyy-MM-dd");
    }
    long[] timestamps = new long[rows];
    for (int r = 0; r < rows; r++) {
      String text = tsColumn.get(r).trim();
      long t = format.tryParse(text);
      if (t == Long.MIN_VALUE) {
        throw new TimestampException(name, r + 2, tsName, "cannot parse timestamp '" + text
            + "' with the file's layout " + format.description());
      }
      if (r > 0 && t < timestamps[r - 1]) {
        throw new TimestampException(name, r + 2, tsName, "timestamp '" + text
            + "' is earlier than the previous row's '" + format.format(timestamps[r - 1])
            + "'; rows must be in time order");
      }
      timestamps[r] = t;
    }

    int n = valueColumns.size();
    double[] values = new double[rows * n];
    List<DataQualityReport.InvalidCell> invalid = new ArrayList<>();
    int invalidCount = 0;
    Map<String, Integer> sentinels = new LinkedHashMap<>();
    MissingValuePolicy policy = options.missingValues();
    for (int c = 0; c < n; c++) {
      StringColumn column = (StringColumn) table.column(c < tsIndex ? c : c + 1);
      String columnName = valueColumns.get(c);
      int sentinelCount = 0;
      for (int r = 0; r < rows; r++) {
        String text = column.get(r).trim();
        double v = parseNumber(text);
        if (Double.isNaN(v)) {
          if (policy == MissingValuePolicy.REJECT) {
            throw new InvalidCellException(name, r + 2, columnName, text.isEmpty() ? "empty cell"
                : "non-numeric value '" + abbreviate(text) + "' (use --missing keep or ffill to load it anyway)");
          }
          if (invalid.size() < DataQualityReport.LISTED) {
            invalid.add(new DataQualityReport.InvalidCell(r + 2, columnName, text));
          }
          invalidCount++;
        } else if (options.isSentinel(v)) {
          sentinelCount++;
        }
        values[r * n + c] = v;
      }
      if (sentinelCount > 0) {
        sentinels.put(columnName, sentinelCount);
      }
    }
    int filled = policy == MissingValuePolicy.FFILL ? forwardFill(name, values, valueColumns, options) : 0;

    DataQualityReport report = QualityScan.scan(timestamps, format, sentinels, invalidCount, invalid, policy, filled);
    return new TimeSeriesFrame(name, tsName, valueColumns, target, format, timestamps, values, report);
  }

  /** Replaces NaN and sentinel cells by the previous usable value (leading ones by the first usable). */
  private static int forwardFill(String name, double[] values, List<String> columns, CsvLoadOptions options) {
    int n = columns.size();
    int rows = values.length / n;
    int filled = 0;
    for (int c = 0; c < n; c++) {
      double last = Double.NaN;
      int leading = 0;
      for (int r = 0; r < rows; r++) {
        double v = values[r * n + c];
        if (Double.isNaN(v) || options.isSentinel(v)) {
          filled++;
          if (Double.isNaN(last)) {
            leading++;
          } else {
            values[r * n + c] = last;
          }
        } else {
          last = v;
          if (leading > 0) {
            for (int k = r - leading; k < r; k++) {
              values[k * n + c] = v;
            }
            leading = 0;
          }
        }
      }
      if (Double.isNaN(last)) {
        throw new InvalidCellException(name, -1, columns.get(c), "no usable value in the whole column to fill from");
      }
    }
    return filled;
  }

  /** Strict decimal parse: digits, sign, point and exponent only; NaN for anything else or non-finite. */
  static double parseNumber(String text) {
    if (!isNumber(text)) {
      return Double.NaN;
    }
    double v = Double.parseDouble(text);
    return Double.isFinite(v) ? v : Double.NaN;
  }

  private static boolean isNumber(String text) {
    int len = text.length();
    if (len == 0) {
      return false;
    }
    boolean digit = false;
    for (int i = 0; i < len; i++) {
      char ch = text.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digit = true;
      } else if (ch != '.' && ch != '-' && ch != '+' && ch != 'e' && ch != 'E') {
        return false;
      }
    }
    if (!digit) {
      return false;
    }
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  /** Computes the timestamp part of the quality report. */
  static final class QualityScan {
    private QualityScan() {}

    static DataQualityReport scan(long[] ts, TimestampFormat format, Map<String, Integer> sentinels,
        int invalidCount, List<DataQualityReport.InvalidCell> invalid, MissingValuePolicy policy, int filled) {
      Map<Long, Integer> stepCounts = new HashMap<>();
      for (int r = 1; r < ts.length; r++) {
        long d = ts[r] - ts[r - 1];
        if (d > 0) {
          stepCounts.merge(d, 1, Integer::sum);
        }
      }
      long freq = 0;
      int best = 0;
      for (Map.Entry<Long, Integer> e : stepCounts.entrySet()) {
        if (e.getValue() > best || (e.getValue() == best && e.getKey() < freq)) {
          best = e.getValue();
          freq = e.getKey();
        }
      }
      List<DataQualityReport.DuplicateTimestamp> dups = new ArrayList<>();
      List<DataQualityReport.Gap> gaps = new ArrayList<>();
      int dupCount = 0;
      int gapCount = 0;
      for (int r = 1; r < ts.length; r++) {
        long d = ts[r] - ts[r - 1];
        if (d == 0) {
          if (dups.size() < DataQualityReport.LISTED) {
            dups.add(new DataQualityReport.DuplicateTimestamp(r + 2, format.format(ts[r])));
          }
          dupCount++;
        } else if (freq > 0 && d > freq) {
          if (gaps.size() < DataQualityReport.LISTED) {
            gaps.add(new DataQualityReport.Gap(r + 2, format.format(ts[r - 1]), format.format(ts[r]),
                d / freq - 1, d % freq != 0));
          }
          gapCount++;
        }
      }
      return new DataQualityReport(freq, dupCount, dups, gapCount, gaps, sentinels, invalidCount, invalid, policy, filled);
    }
  }
}
