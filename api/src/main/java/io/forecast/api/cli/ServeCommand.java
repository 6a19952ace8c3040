package io.forecast.api.cli;

import io.forecast.api.server.ForecastServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast serve}: the REST forecast service. The only command that starts Spring; it blocks
 * until the process is stopped (SIGINT/SIGTERM close the application gracefully).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the REST API (/api/v1: forecasts, models, training jobs), OpenAPI at /v3/api-docs, "
        + "Swagger UI at /swagger-ui.html, actuator health/info/prometheus; blocks until stopped. Any Spring "
        + "property can also be given as --name=value (e.g. --forecast.training.queue-capacity=8), or in the "
        + "environment.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "HTTP port (default 8080; 0 picks a free one).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Bind address (default: all interfaces).")
  String host;

  @Option(names = "--store", paramLabel = "DIR", description = "Model store directory (default ./models, or forecast.store.path).")
  Path store;

  @Option(names = "--threads", paramLabel = "K", defaultValue = "1",
      description = "PyTorch intra-op threads per forecast (default 1: concurrent requests already spread over the "
          + "cores, and a batch-1 forecast is several times faster single-threaded on a busy machine).")
  Integer threads;

  @Option(names = "--training-threads", paramLabel = "K",
      description = "PyTorch intra-op threads of the training thread (default: all cores); set on that thread only, "
          + "so training and forecasts do not throttle each other.")
  Integer trainingThreads;

  /** Anything else: Spring properties as {@code --name=value} (checked in {@link #call()}). */
  @picocli.CommandLine.Unmatched
  List<String> springArgs = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new BadInputException("--port must be between 0 and 65535, got " + port);
    }
    for (String a : springArgs) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new BadInputException("unexpected argument '" + a + "': Spring properties are given as --name=value");
      }
    }
    EngineThreads.configure(threads);
    if (trainingThreads != null && trainingThreads < 1) {
      throw new BadInputException("--training-threads must be at least 1, got " + trainingThreads);
    }
    List<String> args = new ArrayList<>(springArgs);
    args.add("--forecast.inference-threads=" + threads);
    if (trainingThreads != null) {
      args.add("--forecast.training.threads=" + trainingThreads);
    }
    args.add("--server.port=" + port);
    if (host != null) {
      args.add("--server.address=" + host);
    }
    if (store != null) {
      args.add("--forecast.store.path=" + store.toAbsolutePath());
    }
    CountDownLatch closed = new CountDownLatch(1);
    ConfigurableApplicationContext context;
    try {
      context = ForecastServer.start(args.toArray(String[]::new));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof PortInUseException inUse) {
          throw new BadInputException("port " + inUse.getPort() + " is already in use; choose another --port");
        }
      }
      throw e;
    }
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    if (!context.isActive()) {
      closed.countDown();
    }
    closed.await();
    return ForecastCli.OK;
  }
}
