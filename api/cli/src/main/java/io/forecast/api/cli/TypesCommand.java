package io.forecast.api.cli;

import io.forecast.forecasting.ForecasterTypes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code forecast types}: every registered model type with its settings and defaults. */
@Command(
    name = "types",
    mixinStandardHelpOptions = true,
    description = "List the model types (the project's and any on the class path) as one JSON object: per type its "
        + "description and settings (name, type, default, range or choices, doc).")
public final class TypesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonOutput.print(spec.commandLine().getOut(), ForecasterTypes.describe());
    return ForecastCli.OK;
  }
}
