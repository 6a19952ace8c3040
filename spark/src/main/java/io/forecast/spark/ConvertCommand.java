package io.forecast.spark;

import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convert}: wide benchmark files (one column per variate) to a long table with every column of
 * every file as its own univariate series ({@code series_id = <file stem>.<column>}). Runs without Spark.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Write every value column of each CSV file as its own series of a long CSV table: "
        + "series_id (<file stem>.<column>, spaces and other characters kept), timestamp, value.")
final class ConvertCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, split = ",", paramLabel = "FILE", description = "Wide CSV files.")
  List<Path> data;

  @Option(names = "--last", paramLabel = "ROWS", description = "Keep only the last ROWS rows of each file.")
  Integer last;

  @Option(names = "--chunk", paramLabel = "ROWS",
      description = "Cut each column into consecutive series of ROWS rows (<file stem>.<column>.part<k>, k from 0 "
          + "at the start; rows before the first whole chunk, counted back from the end, are left out).")
  Integer chunk;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Long CSV file to write.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (last != null && last < 1 || chunk != null && chunk < 1) {
      throw new SparkJobException((last != null && last < 1 ? "--last" : "--chunk") + " must be at least 1");
    }
    Path temp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp");
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    int series = 0;
    long rows = 0;
    try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      w.write("series_id,timestamp,value\n");
      for (Path file : data) {
        TimeSeriesFrame frame = TimeSeriesCsvReader.read(file);
        String stem = file.getFileName().toString().replaceFirst("\\.csv$", "");
        int from = last == null ? 0 : Math.max(0, frame.rows() - last);
        for (int c = 0; c < frame.columnCount(); c++) {
          int size = chunk == null ? frame.rows() - from : chunk;
          int first = frame.rows() - (frame.rows() - from) / size * size;
          for (int start = first, k = 0; start + size <= frame.rows(); start += size, k++) {
            String id = stem + "." + frame.columnNames().get(c) + (chunk == null ? "" : ".part" + k);
            String quoted = id.contains(",") || id.contains("\"") ? "\"" + id.replace("\"", "\"\"") + "\"" : id;
            for (int r = start; r < start + size; r++) {
              w.write(quoted);
              w.write(',');
              w.write(frame.formatTimestamp(r));
              w.write(',');
              w.write(Double.toString(frame.value(r, c)));
              w.write('\n');
            }
            series++;
            rows += size;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("files", data.size());
    json.put("series", series);
    json.put("rows", rows);
    json.put("out", out.toString());
    spec.commandLine().getOut().println(SparkJobs.json(json));
    return 0;
  }
}
