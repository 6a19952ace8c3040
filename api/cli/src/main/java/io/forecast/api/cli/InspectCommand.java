package io.forecast.api.cli;

import io.forecast.data.DataInspection;
import io.forecast.data.SplitBoundaries;
import io.forecast.data.TimeSeriesFrame;
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
    JsonOutput.print(spec.commandLine().getOut(), DataInspection.report(frame, b, seqLen, predLen));
    return ForecastCli.OK;
  }
}
