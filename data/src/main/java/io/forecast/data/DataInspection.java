package io.forecast.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inspection report of a loaded file, as {@code forecast inspect} prints it and {@code POST
 * /api/v1/data-reports} returns it: shape, target, timestamps, the inferred frequency, the {@link
 * DataQualityReport} (duplicates, gaps and invalid cells with their lines, sentinel counts), the split
 * boundaries and the window count per split. One ordered map so that both front ends write the same JSON.
 */
public final class DataInspection {
  private DataInspection() {}

  /**
   * The report of {@code frame} under the split {@code b} for windows of {@code seqLen} + {@code
   * predLen} rows.
   */
  public static Map<String, Object> report(TimeSeriesFrame frame, SplitBoundaries b, int seqLen, int predLen) {
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
