package io.forecast.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every class of bad input gets its typed error, naming the file, the line and the column. */
class BadInputTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private static final String GOOD = "date,a,OT\n2020-01-01 00:00:00,1,2\n2020-01-01 01:00:00,3,4\n";

  @Test
  void missingFile() {
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(dir.resolve("nope.csv")))
        .isInstanceOf(DataFileException.class).hasMessageContaining("nope.csv").hasMessageContaining("file not found");
  }

  @Test
  void emptyFile() throws IOException {
    Path p = write("empty.csv", "");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(DataFileException.class).hasMessage("empty.csv: file is empty");
  }

  @Test
  void headerOnly() throws IOException {
    Path p = write("header.csv", "date,a,OT\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(DataFileException.class).hasMessageContaining("header.csv").hasMessageContaining("no data rows");
  }

  @Test
  void noHeader() throws IOException {
    Path p = write("nohdr.csv", "2020-01-01 00:00:00,1,2\n2020-01-01 01:00:00,3,4\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(DataFileException.class).hasMessageContaining("nohdr.csv: no header");
  }

  @Test
  void raggedRowShort() throws IOException {
    Path p = write("ragged.csv", GOOD + "2020-01-01 02:00:00,5\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("ragged.csv, line 4: row has 2 fields, the header has 3")
        .satisfies(e -> assertThat(((DataException) e).line()).isEqualTo(4));
  }

  @Test
  void raggedRowLong() throws IOException {
    Path p = write("ragged2.csv", "date,a,OT\n2020-01-01 00:00:00,1,2,9\n2020-01-01 01:00:00,3,4\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageContaining("ragged2.csv, line 2").hasMessageContaining("4 fields");
  }

  @Test
  void nonNumericCell() throws IOException {
    Path p = write("text.csv", GOOD + "2020-01-01 02:00:00,abc,6\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(InvalidCellException.class)
        .hasMessageStartingWith("text.csv, line 4, column 'a': non-numeric value 'abc'");
  }

  @Test
  void emptyCell() throws IOException {
    Path p = write("hole.csv", GOOD + "2020-01-01 02:00:00,5,\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(InvalidCellException.class).hasMessage("hole.csv, line 4, column 'OT': empty cell");
  }

  @Test
  void nanAndInfinityAreNotNumbers() throws IOException {
    Path p = write("nan.csv", GOOD + "2020-01-01 02:00:00,NaN,1\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p)).isInstanceOf(InvalidCellException.class)
        .hasMessageContaining("line 4, column 'a'");
    Path q = write("inf.csv", GOOD + "2020-01-01 02:00:00,1,Infinity\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(q)).isInstanceOf(InvalidCellException.class)
        .hasMessageContaining("line 4, column 'OT'");
  }

  @Test
  void keepAndFfillPoliciesListInvalidCells() throws IOException {
    Path p = write("holes.csv", GOOD + "2020-01-01 02:00:00,,x\n2020-01-01 03:00:00,7,-9999\n");
    TimeSeriesFrame kept = TimeSeriesCsvReader.read(p, CsvLoadOptions.defaults().withMissingValues(MissingValuePolicy.KEEP));
    assertThat(kept.quality().invalidCellCount()).isEqualTo(2);
    assertThat(kept.quality().invalidCells()).containsExactly(
        new DataQualityReport.InvalidCell(4, "a", ""), new DataQualityReport.InvalidCell(4, "OT", "x"));
    assertThat(kept.quality().sentinelCounts()).containsEntry("OT", 1);
    assertThat(kept.value(2, 0)).isNaN();
    assertThatThrownBy(() -> PreparedSeries.requireNoNaN(kept))
        .isInstanceOf(InvalidCellException.class).hasMessageContaining("line 4, column 'a'");

    TimeSeriesFrame filled = TimeSeriesCsvReader.read(p, CsvLoadOptions.defaults().withMissingValues(MissingValuePolicy.FFILL));
    assertThat(filled.column(0, 0, 4)).containsExactly(1, 3, 3, 7);
    assertThat(filled.column(1, 0, 4)).containsExactly(2, 4, 4, 4);
    assertThat(filled.quality().filledCells()).isEqualTo(3);
  }

  @Test
  void ffillBackfillsLeadingHoles() throws IOException {
    Path p = write("lead.csv", "date,a\n2020-01-01,\n2020-01-02,-9999\n2020-01-03,5\n");
    TimeSeriesFrame f = TimeSeriesCsvReader.read(p, CsvLoadOptions.defaults().withMissingValues(MissingValuePolicy.FFILL));
    assertThat(f.column(0, 0, 3)).containsExactly(5, 5, 5);
    Path q = write("none.csv", "date,a\n2020-01-01,\n2020-01-02,x\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(q, CsvLoadOptions.defaults().withMissingValues(MissingValuePolicy.FFILL)))
        .isInstanceOf(InvalidCellException.class).hasMessageContaining("column 'a': no usable value");
  }

  @Test
  void unparsableTimestamp() throws IOException {
    Path p = write("ts.csv", GOOD + "yesterday,5,6\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(TimestampException.class)
        .hasMessageStartingWith("ts.csv, line 4, column 'date': cannot parse timestamp 'yesterday'");
    Path q = write("ts2.csv", "when,a\nnot-a-date,1\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(q))
        .isInstanceOf(TimestampException.class).hasMessageContaining("ts2.csv, line 2, column 'when'");
  }

  @Test
  void decreasingTimestamp() throws IOException {
    Path p = write("back.csv", GOOD + "2020-01-01 00:30:00,5,6\n");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("back.csv, line 4, column 'date'")
        .hasMessageContaining("earlier than the previous row's '2020-01-01 01:00:00'");
  }

  @Test
  void unknownColumns() throws IOException {
    Path p = write("cols.csv", GOOD);
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p, CsvLoadOptions.defaults().withTargetColumn("load")))
        .isInstanceOf(UnknownColumnException.class)
        .hasMessage("cols.csv, column 'load': target column not found; value columns are [a, OT]");
    assertThatThrownBy(() -> TimeSeriesCsvReader.read(p, CsvLoadOptions.defaults().withTimestampColumn("time")))
        .isInstanceOf(UnknownColumnException.class).hasMessageContaining("column 'time': timestamp column not found");
  }

  @Test
  void seriesTooShortForTheWindows() throws IOException {
    StringBuilder rows = new StringBuilder("date,a\n");
    java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
    for (int i = 0; i < 50; i++) {
      rows.append(d.plusDays(i)).append(',').append(i).append('\n');
    }
    Path p = write("short.csv", rows.toString());
    TimeSeriesFrame f = TimeSeriesCsvReader.read(p);
    assertThat(f.timestampFormat()).isEqualTo(TimestampFormat.DATE);
    assertThatThrownBy(() -> PreparedSeries.prepare(f, SplitRule.AUTO, 30, 10))
        .isInstanceOf(SeriesTooShortException.class)
        .hasMessageContaining("short.csv")
        .hasMessageContaining("train split has 35 rows, too few for seq_len 30 + pred_len 10");
  }

  @Test
  void layoutsLineEndsAndOpaqueHeaders() throws IOException {
    Path crlf = write("crlf.csv", "date,\u00b5 (x),OT\r\n2020-01-01T00:00,1,2\r\n2020-01-01T00:15,3,4");
    TimeSeriesFrame f = TimeSeriesCsvReader.read(crlf);
    assertThat(f.columnNames()).containsExactly("\u00b5 (x)", "OT");
    assertThat(f.timestampFormat()).isEqualTo(TimestampFormat.ISO_LOCAL);
    assertThat(f.quality().frequency()).isEqualTo("PT15M");
    assertThat(f.value(1, 1)).isEqualTo(4.0);

    Path offset = write("off.csv", "t,v\n2020-01-01T00:00:00Z,1\n2020-01-01T01:00:00+01:00,2\n");
    TimeSeriesFrame o = TimeSeriesCsvReader.read(offset);
    assertThat(o.timestampFormat()).isEqualTo(TimestampFormat.ISO_OFFSET);
    assertThat(o.quality().duplicateCount()).as("01:00+01:00 is 00:00Z").isEqualTo(1);

    Path slash = write("slash.csv", "date,v\n1990/1/9 0:00,1\n1990/1/10 0:00,2\n1990/1/12 0:00,3\n");
    TimeSeriesFrame s = TimeSeriesCsvReader.read(slash);
    assertThat(s.timestampFormat()).isEqualTo(TimestampFormat.SLASH_DATE_TIME);
    assertThat(s.quality().gapCount()).isEqualTo(1);
    assertThat(s.target()).as("no OT column: the last column is the target").isEqualTo("v");
  }

  @Test
  void timestampColumnNeedNotBeFirst() throws IOException {
    Path p = write("mid.csv", "a,stamp,b\n1,2020-01-01,2\n3,2020-01-02,4\n");
    TimeSeriesFrame f = TimeSeriesCsvReader.read(p, CsvLoadOptions.defaults().withTimestampColumn("stamp"));
    assertThat(f.columnNames()).containsExactly("a", "b");
    assertThat(f.value(1, 0)).isEqualTo(3.0);
    assertThat(f.value(1, 1)).isEqualTo(4.0);
  }

  @Test
  void valuesThatOverflowTheScalerAreRefusedNotTurnedIntoNaN() {
    StringBuilder dated = new StringBuilder("date,a,OT\n");
    java.time.LocalDateTime t = java.time.LocalDateTime.of(2020, 1, 1, 0, 0);
    for (int i = 0; i < 40; i++) {
      dated.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(i % 2 == 0 ? "1e308" : "-1e308").append(',').append(i).append('\n');
    }
    TimeSeriesFrame frame = TimeSeriesCsvReader.read("huge.csv",
        dated.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), CsvLoadOptions.defaults());
    assertThatThrownBy(() -> PreparedSeries.prepare(frame, SplitRule.RATIO, 4, 2))
        .isInstanceOf(InvalidCellException.class)
        .hasMessage("huge.csv, column 'a': values are too large to z-score: the training rows' mean or standard "
            + "deviation overflows; rescale the column (e.g. to other units)");
  }

  @Test
  void utf16AndBinaryInputAreRefusedNotMangled() {
    byte[] utf16 = ("\uFEFF" + GOOD).getBytes(java.nio.charset.StandardCharsets.UTF_16);
    assertThatThrownBy(() -> TimeSeriesCsvReader.read("u16.csv", utf16, CsvLoadOptions.defaults()))
        .isInstanceOf(DataFileException.class)
        .hasMessage("u16.csv: the file is UTF-16 (or UTF-32) text; save it as UTF-8 CSV");
    byte[] nul = (GOOD + "2020-01-01 02:00:00,1\u00002,3\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TimeSeriesCsvReader.read("nul.csv", nul, CsvLoadOptions.defaults()))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageStartingWith("nul.csv, line 4: a NUL byte");
  }

  @Test
  void tooManyFieldsAreNamedWithoutTheParserSettings() {
    String wide = GOOD + "2020-01-01 02:00:00" + ",1".repeat(12_000) + "\n";
    assertThatThrownBy(() -> TimeSeriesCsvReader.read("wide.csv", wide.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        CsvLoadOptions.defaults()))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("wide.csv, line 4: cannot parse CSV: a row with more than 10002 fields (at most 10000 value "
            + "columns are supported)");
    String header = "date" + ",c".repeat(10_001) + "\n2020-01-01 00:00:00" + ",1".repeat(10_001) + "\n";
    assertThatThrownBy(() -> TimeSeriesCsvReader.read("head.csv", header.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        CsvLoadOptions.defaults()))
        .isInstanceOf(DataFileException.class)
        .hasMessage("head.csv: the header has 10002 columns; at most 10000 value columns are supported");
  }

  @Test
  void aFieldTooLongIsNamedByItsLineNotAsTooManyFields() {
    String longField = GOOD + "2020-01-01 02:00:00," + "1".repeat(70_000) + ",3\n";
    assertThatThrownBy(() -> TimeSeriesCsvReader.read("long.csv", longField.getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults()))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("long.csv, line 4: cannot parse CSV: field 2 is longer than 65536 characters");
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItOpens() {
    StringBuilder text = new StringBuilder(GOOD).append("2020-01-01 02:00:00,\"5,3\n");
    java.time.LocalDateTime t = java.time.LocalDateTime.of(2020, 1, 1, 3, 0);
    for (int i = 0; i < 3000; i++) {
      text.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,1.25,2.5\n");
    }
    assertThatThrownBy(() -> TimeSeriesCsvReader.read("quote.csv", text.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults()))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageStartingWith("quote.csv, line 4: cannot parse CSV: field 2 runs on to line ")
        .hasMessageEndingWith("and past 65536 characters: a quote (\") that is never closed?");
  }

  @Test
  void controlCharactersAreRefusedAsBinaryByLine() {
    byte[] bell = (GOOD + "2020-01-01 02:00:00,1\u0007,3\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TimeSeriesCsvReader.read("bell.csv", bell, CsvLoadOptions.defaults()))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("bell.csv, line 4: a control character (U+0007): this is binary data, not a CSV text file");
    byte[] tabsAndCrlf = "date,a,OT\r\n2020-01-01 00:00:00,1,\t2\r\n2020-01-01 01:00:00,3,4\r\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(TimeSeriesCsvReader.read("ok.csv", tabsAndCrlf, CsvLoadOptions.defaults()).rows()).isEqualTo(2);
  }
}
