package io.forecast.api.cli;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.MissingValuePolicy;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The options that say which file to read and how (shared by every data-reading command). */
public final class DataOptions {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header and a timestamp column.")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN", description = "Target column (default: OT if present, else the last column).")
  String target;

  @Option(names = "--timestamp-column", paramLabel = "COLUMN", description = "Timestamp column (default: the first column).")
  String timestampColumn;

  @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "reject", converter = PolicyConverter.class,
      description = "Unusable value cells: reject (default), keep (as NaN; sentinels such as -9999 stay numbers), ffill.")
  MissingValuePolicy missing;

  @Option(names = "--split", paramLabel = "RULE", defaultValue = "auto", converter = SplitConverter.class,
      description = "auto (from the file name), ett-hour (12/4/4 months), ett-minute, ratio (7:1:2). Default: auto.")
  SplitRule split;

  /** Loads the file with these options. */
  public TimeSeriesFrame load() {
    CsvLoadOptions o = CsvLoadOptions.defaults()
        .withTargetColumn(target)
        .withTimestampColumn(timestampColumn)
        .withMissingValues(missing);
    return TimeSeriesCsvReader.read(data, o);
  }

  static final class PolicyConverter implements ITypeConverter<MissingValuePolicy> {
    @Override
    public MissingValuePolicy convert(String value) {
      try {
        return MissingValuePolicy.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class SplitConverter implements ITypeConverter<SplitRule> {
    @Override
    public SplitRule convert(String value) {
      try {
        return SplitRule.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
