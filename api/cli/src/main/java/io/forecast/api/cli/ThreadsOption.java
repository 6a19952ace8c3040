package io.forecast.api.cli;

import picocli.CommandLine.Option;

/** The {@code --threads K} option of the commands that run the model (a picocli mixin). */
final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "K", description = "PyTorch intra-op threads (default: all cores).")
  Integer threads;

  /** Applies the option before the engine loads; see {@link EngineThreads#configure(Integer)}. */
  void configure() {
    EngineThreads.configure(threads);
  }
}
