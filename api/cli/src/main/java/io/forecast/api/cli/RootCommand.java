package io.forecast.api.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code forecast}: the top-level command; lists the subcommands. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    version = "forecast 0.1.0",
    description = "Time-series forecasting on the JVM: OLinear with OrthoTrans, baselines, one pipeline for every model type.",
    subcommands = {InspectCommand.class, OrthoTransCommand.class, TypesCommand.class, TrainCommand.class, EvaluateCommand.class,
        BacktestCommand.class, CompareCommand.class, CompareAttentionCommand.class, ForecastCommand.class,
        PlotCommand.class, ServeCommand.class, BenchCommand.class, AttentionCommand.class, StudyCommand.class,
        DiagnoseCommand.class})
public final class RootCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
