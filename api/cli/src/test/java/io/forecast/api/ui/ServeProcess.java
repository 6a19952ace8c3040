package io.forecast.api.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code forecast serve --port 0} process (the CLI's main class on this test's class path), started
 * on a fresh store; {@link #url()} is read from its start line.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern START = Pattern.compile("forecast serve: serving .* on (http://[^ ]+) ");
  private final Process process;
  private final String url;
  private final List<String> output = new ArrayList<>();

  ServeProcess(Path store, String... extraArgs) throws IOException, InterruptedException, TimeoutException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        "io.forecast.api.ForecastApplication", "serve", "--port", "0", "--store", store.toString()));
    command.addAll(List.of(extraArgs));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (output) {
            output.add(line);
          }
          Matcher m = START.matcher(line);
          if (m.find()) {
            started.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        started.completeExceptionally(e);
      }
      started.completeExceptionally(new IllegalStateException("serve exited: " + log()));
    }, "serve-output");
    reader.setDaemon(true);
    reader.start();
    try {
      url = started.get(240, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      process.destroyForcibly();
      throw new IllegalStateException("serve did not start: " + log(), e.getCause());
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new TimeoutException("serve did not start within 240 s: " + log());
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return url;
  }

  /** Everything the process wrote so far. */
  String log() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
