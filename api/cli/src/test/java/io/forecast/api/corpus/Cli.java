package io.forecast.api.corpus;

import io.forecast.api.cli.ForecastCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the command line in-process and captures its exit status, stdout and stderr. Each run gets
 * its own short-lived thread, and the engine's system properties are restored afterwards: a command
 * sets PyTorch's thread count on the thread that runs it ({@code --threads}) and the properties read
 * at engine start, and neither may leak into the other test classes of the same JVM (their forecasts
 * are compared bit for bit).
 */
record Cli(int exitCode, String out, String err) {
  private static final List<String> ENGINE_PROPERTIES = List.of("ai.djl.pytorch.num_threads",
      "ai.djl.pytorch.num_interop_threads", "ai.djl.offline");

  static Cli run(String... args) {
    String[] saved = ENGINE_PROPERTIES.stream().map(System::getProperty).toArray(String[]::new);
    AtomicReference<Cli> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = ForecastCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
      result.set(new Cli(code, out.toString(), err.toString()));
    }, "corpus-cli");
    runner.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    runner.start();
    try {
      runner.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      for (int i = 0; i < saved.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(ENGINE_PROPERTIES.get(i));
        } else {
          System.setProperty(ENGINE_PROPERTIES.get(i), saved[i]);
        }
      }
    }
    if (failure.get() != null) {
      throw new AssertionError("the command line threw", failure.get());
    }
    return result.get();
  }
}
