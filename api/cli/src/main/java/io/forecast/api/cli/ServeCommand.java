package io.forecast.api.cli;

import io.forecast.api.security.ApiKeys;
import io.forecast.api.security.ForecastSecurityProperties;
import io.forecast.api.ForecastApplication;
import io.forecast.api.server.ForecastServer;
import io.forecast.api.web.ServingAnnouncement;
import io.forecast.forecasting.service.ModelStore;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast serve}: the REST forecast service. The only command that starts Spring; it blocks
 * until the process is stopped (SIGINT/SIGTERM close the application gracefully). Listens on
 * 127.0.0.1 unless {@code --host} says otherwise, and refuses a non-loopback address while no API key
 * is configured unless {@code --insecure} is given. Once listening it prints one start line on stdout
 * ({@code forecast serve: serving N models from DIR on http://HOST:PORT (MODE)}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the REST API (/api/v1: forecasts, models, training jobs), OpenAPI at /v3/api-docs, "
        + "Swagger UI at /swagger-ui.html, actuator health/info/prometheus; blocks until stopped. Any Spring "
        + "property can also be given as --name=value (e.g. --forecast.training.queue-capacity=8), or in the "
        + "environment. API keys: FORECAST_SECURITY_READ_KEYS / FORECAST_SECURITY_WRITE_KEYS (comma lists; or "
        + "--forecast.security.read-keys=... / --forecast.security.write-keys=...); without keys the service is "
        + "open (development use only).")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
      description = "HTTP port (default: $FORECAST_PORT, else 8080; 0 picks a free one).")
  int port;

  /** The bind address when neither {@code --host} nor {@code --server.address} is given. */
  static final String DEFAULT_HOST = "127.0.0.1";

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "Bind address (default 127.0.0.1: this machine only). A non-loopback address such as 0.0.0.0 "
          + "needs API keys configured, or --insecure.")
  String host;

  @Option(names = "--insecure",
      description = "Serve a non-loopback --host without API keys: anyone who can reach the address may train, "
          + "overwrite and delete models (prints a warning).")
  boolean insecure;

  @Option(names = "--store", paramLabel = "DIR",
      description = "Model store directory (default: $FORECAST_STORE, else forecast.store.path, else ./models).")
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
    PrintWriter err = spec.commandLine().getErr();
    List<String> args = springArguments(err);
    EngineThreads.configure(threads);
    String address = bindAddress();
    CountDownLatch closed = new CountDownLatch(1);
    ConfigurableApplicationContext context;
    try {
      // Spring Boot configures logging itself (from logging.config); the CLI's system property would only
      // make it warn that it ignores it
      if (ForecastApplication.LOGGING_CONFIG.equals(System.getProperty("logback.configurationFile"))) {
        System.clearProperty("logback.configurationFile");
      }
      context = ForecastServer.start(Map.of("logging.config", "classpath:" + ForecastApplication.LOGGING_CONFIG),
          args.toArray(String[]::new));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof PortInUseException inUse) {
          throw new BadInputException("port " + inUse.getPort() + " is already in use; choose another --port");
        }
        if (t instanceof BindValidationException invalid) {
          throw new BadInputException(invalidConfiguration(invalid));
        }
        if (t instanceof io.forecast.forecasting.nn.EngineUnavailableException missing) {
          throw missing;
        }
      }
      throw e;
    }
    ApiKeys keys = context.getBeanProvider(ApiKeys.class).getIfAvailable();
    if ((keys == null || keys.isOpen()) && !insecure && !isLoopback(address)) {
      // the keys were found before the start but the application sees none: never stay open on a network
      context.close();
      throw new BadInputException(refusal(address));
    }
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    PrintWriter out = spec.commandLine().getOut();
    out.println(startLine(context.getBean(ModelStore.class), address, actualPort(context), keys));
    out.flush();
    if (!context.isActive()) {
      closed.countDown();
    }
    closed.await();
    return ForecastCli.OK;
  }

  /**
   * Checks the options and returns the arguments given to Spring: the pass-through {@code --name=value}
   * properties, then the options as properties ({@code --server.address} always: 127.0.0.1 unless
   * {@code --host} or {@code --server.address} names another). Refuses a non-loopback address while no
   * API key is configured (command line, environment, system properties or Spring's config files),
   * unless {@code --insecure}, which writes a warning line on {@code err}. Starts nothing.
   *
   * @throws BadInputException for a bad option, or a non-loopback address without keys
   */
  List<String> springArguments(PrintWriter err) {
    if (port < 0 || port > 65_535) {
      throw new BadInputException("--port must be between 0 and 65535, got " + port);
    }
    for (String a : springArgs) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new BadInputException("unexpected argument '" + a + "': Spring properties are given as --name=value");
      }
    }
    if (threads != null && threads < 1) {
      throw new BadInputException("--threads must be at least 1, got " + threads);
    }
    if (trainingThreads != null && trainingThreads < 1) {
      throw new BadInputException("--training-threads must be at least 1, got " + trainingThreads);
    }
    String passedAddress = passedThroughAddress();
    if (host != null && passedAddress != null) {
      throw new BadInputException("the bind address is given twice (--host and --server.address); give it once, "
          + "with --host");
    }
    String address = bindAddress();
    if (address.isBlank()) {
      throw new BadInputException("--host must not be empty");
    }
    boolean loopback = isLoopback(address);
    List<String> args = new ArrayList<>(springArgs);
    args.add("--forecast.engine.inference-threads=" + threads);
    if (trainingThreads != null) {
      args.add("--forecast.engine.training-threads=" + trainingThreads);
    }
    args.add("--server.port=" + port);
    if (passedAddress == null) {
      args.add("--server.address=" + address);
    }
    if (store != null) {
      boolean passedStore = springArgs.stream().anyMatch(a -> a.startsWith("--forecast.store.path="));
      if (!passedStore) {
        args.add("--forecast.store.path=" + store.toAbsolutePath());
      } else if (storeOnCommandLine()) {
        throw new BadInputException("the model store is given twice (--store and --forecast.store.path); give it "
            + "once, with --store");
      }
      // else the store came from FORECAST_STORE: the --forecast.store.path given on the command line wins
    }
    if (!loopback && configuredKeys(args).isOpen()) {
      if (!insecure) {
        throw new BadInputException(refusal(address));
      }
      err.println("warning: --insecure: serving " + address + " without API keys; anyone who can reach this "
          + "address can train, overwrite and delete models");
      err.flush();
    }
    return args;
  }

  /** Whether {@code --store} was typed (rather than defaulted from FORECAST_STORE). */
  private boolean storeOnCommandLine() {
    return spec == null || spec.commandLine().getParseResult() == null
        || spec.commandLine().getParseResult().hasMatchedOption("--store");
  }

  private String passedThroughAddress() {
    String address = null;
    for (String a : springArgs) {
      if (a.startsWith("--server.address=")) {
        address = a.substring("--server.address=".length());
      }
    }
    return address;
  }

  /** The address the server binds: --host, else --server.address=..., else 127.0.0.1. */
  String bindAddress() {
    String passed = passedThroughAddress();
    return host != null ? host.strip() : passed != null ? passed.strip() : DEFAULT_HOST;
  }

  private static String refusal(String address) {
    return "refusing to serve " + address + " (not a loopback address) without API keys: set "
        + "FORECAST_SECURITY_WRITE_KEYS / FORECAST_SECURITY_READ_KEYS (or --forecast.security.write-keys=KEY), "
        + "or pass --insecure to serve it open anyway";
  }

  /** Whether an address is a loopback address (a host name is resolved; an unknown one is bad input). */
  static boolean isLoopback(String address) {
    String literal = address.startsWith("[") && address.endsWith("]")
        ? address.substring(1, address.length() - 1) : address;
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new BadInputException("--host: unknown host '" + address + "'");
    }
  }

  /**
   * The API keys the application will see: the given arguments, system properties, the environment
   * (FORECAST_SECURITY_WRITE_KEYS, ...) and Spring's config files (application.properties, ...). No keys
   * when {@code forecast.security.enabled=false}.
   */
  static ApiKeys configuredKeys(List<String> args) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args.toArray(String[]::new)));
    try {
      ConfigDataEnvironmentPostProcessor.applyTo(environment);
    } catch (RuntimeException e) {
      // an unreadable config file: the application reports it when it starts
    }
    Binder binder = Binder.get(environment);
    if (!binder.bind("forecast.security.enabled", Boolean.class).orElse(true)) {
      return ApiKeys.none();
    }
    Bindable<List<String>> list = Bindable.listOf(String.class);
    return ApiKeys.of(binder.bind(ForecastSecurityProperties.READ_KEYS, list).orElse(List.of()),
        binder.bind(ForecastSecurityProperties.WRITE_KEYS, list).orElse(List.of()));
  }

  /**
   * One line for configuration properties that failed validation: each property by its canonical
   * name, the reason and the rejected value ({@code forecast.training.queue-capacity must be greater
   * than or equal to 1, got 0}).
   */
  static String invalidConfiguration(BindValidationException invalid) {
    List<String> problems = new ArrayList<>();
    String prefix = invalid.getValidationErrors().getName().toString();
    for (org.springframework.validation.ObjectError error : invalid.getValidationErrors().getAllErrors()) {
      if (error instanceof org.springframework.validation.FieldError field) {
        problems.add(prefix + "." + kebab(field.getField()) + " " + field.getDefaultMessage() + ", got "
            + field.getRejectedValue());
      } else {
        problems.add(prefix + ": " + error.getDefaultMessage());
      }
    }
    return "invalid configuration: " + String.join("; ", problems);
  }

  /** {@code training.queueCapacity} → {@code training.queue-capacity}. */
  static String kebab(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** The start line: URL and whether keys are required (the counts, never the keys). */
  static String startLine(ModelStore store, String address, int port, ApiKeys keys) {
    String mode = keys == null ? "forecast.security.enabled=false: the API's own key checks are off" : keys.describe();
    return "forecast serve: " + ServingAnnouncement.line(store, address, port) + " (" + mode + ")";
  }

  private int actualPort(ConfigurableApplicationContext context) {
    if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
      return web.getWebServer().getPort();
    }
    return port;
  }
}
