package io.forecast.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The quirks of the shared benchmark files, as the data README documents them. */
class BenchmarkFilesTest {

  @Test
  void weatherQualityReport() {
    TimeSeriesFrame f = TimeSeriesCsvReader.read(SharedData.file("weather.csv"));
    DataQualityReport q = f.quality();
    assertThat(f.rows()).isEqualTo(52696);
    assertThat(f.columnCount()).isEqualTo(21);
    assertThat(f.target()).isEqualTo("OT");
    assertThat(q.frequency()).isEqualTo("PT10M");
    assertThat(q.duplicateCount()).isEqualTo(1);
    assertThat(q.duplicates().get(0).timestamp()).isEqualTo("2020-05-12 06:00:00");
    assertThat(q.duplicates().get(0).line()).isEqualTo(19046); // as `grep -n` numbers it
    assertThat(q.gapCount()).isEqualTo(1);
    assertThat(q.gaps().get(0).after()).isEqualTo("2020-05-29 09:30:00");
    assertThat(q.gaps().get(0).next()).isEqualTo("2020-05-29 11:10:00");
    assertThat(q.gaps().get(0).missingSteps()).isEqualTo(9);
    assertThat(q.sentinelCounts()).containsOnlyKeys("OT", "max. PAR (\uFFFDmol/m\uFFFD/s)", "wv (m/s)");
    assertThat(q.sentinelCounts().get("OT")).isEqualTo(50);
    assertThat(q.sentinelCounts().get("max. PAR (\uFFFDmol/m\uFFFD/s)")).isEqualTo(30);
    assertThat(q.sentinelCounts().get("wv (m/s)")).isEqualTo(1);
    assertThat(q.invalidCellCount()).isZero();
    // header names are opaque text: the U+FFFD bytes survive
    assertThat(f.columnNames()).contains("SWDR (W/m\uFFFD)");
    // -9999 is kept as a number under the default policy, as the published benchmarks do
    assertThat(f.column(f.targetIndex(), 0, f.rows())).contains(-9999.0);
  }

  @Test
  void weatherForwardFillReplacesSentinels() {
    TimeSeriesFrame f = TimeSeriesCsvReader.read(SharedData.file("weather.csv"),
        CsvLoadOptions.defaults().withMissingValues(MissingValuePolicy.FFILL));
    assertThat(f.quality().filledCells()).isEqualTo(81);
    assertThat(f.column(f.targetIndex(), 0, f.rows())).doesNotContain(-9999.0);
  }

  @Test
  void exchangeRateSlashDatesCrlfAndNoFinalNewline() {
    TimeSeriesFrame f = TimeSeriesCsvReader.read(SharedData.file("exchange_rate.csv"));
    assertThat(f.rows()).isEqualTo(7588);
    assertThat(f.columnNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "OT");
    assertThat(f.timestampFormat()).isEqualTo(TimestampFormat.SLASH_DATE_TIME);
    assertThat(f.formatTimestamp(0)).isEqualTo("1990/1/1 0:00");
    assertThat(f.formatTimestamp(f.rows() - 1)).isEqualTo("2010/10/10 0:00");
    assertThat(f.quality().frequency()).isEqualTo("P1D");
    assertThat(f.quality().gapCount()).isZero();
    // the last row is read in full despite the missing final newline
    assertThat(Double.isNaN(f.value(f.rows() - 1, f.columnCount() - 1))).isFalse();
  }

  @Test
  void ettAndIliAreRegular() {
    TimeSeriesFrame h = TimeSeriesCsvReader.read(SharedData.file("ETTh1.csv"));
    assertThat(h.rows()).isEqualTo(17420);
    assertThat(h.columnNames()).containsExactly("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT");
    assertThat(h.quality().frequency()).isEqualTo("PT1H");
    assertThat(h.quality().duplicateCount()).isZero();
    assertThat(h.quality().gapCount()).isZero();
    assertThat(h.formatTimestamp(h.rows() - 1)).isEqualTo("2018-06-26 19:00:00");
    assertThat(h.value(0, 0)).isEqualTo(5.827000141143799);

    TimeSeriesFrame ili = TimeSeriesCsvReader.read(SharedData.file("national_illness.csv"));
    assertThat(ili.rows()).isEqualTo(966);
    assertThat(ili.quality().frequency()).isEqualTo("P7D");
  }
}
