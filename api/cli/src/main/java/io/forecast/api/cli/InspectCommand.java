package io.forecast.api.cli;

import io.forecast.data.DataQualityReport;
import io.forecast.data.PreparedSeries;
import io.forecast.data.Split;
import io.forecast.data.SplitBoundaries;
import io.forecast.data.TimeSeriesFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code forecast inspect}: loads a CSV and reports its shape, quality, splits and window counts. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Load a CSV time series and print one JSON object: rows, columns, target, timestamps, "
        + "frequency, the data-quality report, split boundaries and window counts per split.")
public final class InspectCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "N", description = "Input length (default 96).")
  int seqLen;

  @Option(names = "--pred-len", defaultValue = "96", paramLabel = "N", description = "Horizon (default 96).")
  int predLen;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    io.forecast.forecasting.pipeline.ForecastPipeline.checkLengths(seqLen, predLen);
    TimeSeriesFrame frame = data.load();
    SplitBoundaries b = SplitBoundaries.of(data.split, frame.source(), frame.rows());
    b.requireWindows(frame.source(), seqLen, predLen);
    JsonOutput.print(spec.commandLine().getOut(), report(frame, b, seqLen, predLen));
    return ForecastCli.OK;
  }

  static Map<String, Object> report(TimeSeriesFrame frame, SplitBoundaries b, int seqLen, int predLen) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", frame.source());
    out.put("rows", frame.rows());
    out.put("columns", frame.columnCount());
    out.put("columnNames", frame.columnNames());
    out.put("timestampColumn", frame.timestampColumn());
    out.put("target", frame.target());
    out.put("firstTimestamp", frame.formatTimestamp(0));
    out.put("lastTimestamp", frame.formatTimestamp(frame.rows() - 1));
    out.put("timestampFormat", frame.timestampFormat().description());
    out.put("frequency", frame.quality().frequency());
    out.put("quality", quality(frame.quality()));
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("rule", b.rule().label());
    for (Split s : Split.values()) {
      split.put(s.label(), List.of(b.start(s), b.end(s)));
    }
    split.put("unusedRows", b.unusedRows());
    out.put("split", split);
    out.put("seqLen", seqLen);
    out.put("predLen", predLen);
    Map<String, Object> windows = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      windows.put(s.label(), b.windowCount(s, seqLen, predLen));
    }
    out.put("windows", windows);
    return out;
  }

  private static Map<String, Object> quality(DataQualityReport q) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("missingPolicy", q.policy().label());
    out.put("duplicateTimestamps", q.duplicateCount());
    out.put("duplicates", q.duplicates());
    out.put("gapCount", q.gapCount());
    out.put("gaps", q.gaps());
    out.put("sentinels", q.sentinelCounts());
    out.put("invalidCellCount", q.invalidCellCount());
    out.put("invalidCells", q.invalidCells());
    out.put("filledCells", q.filledCells());
    return out;
  }
}
