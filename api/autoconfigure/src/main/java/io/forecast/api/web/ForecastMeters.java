package io.forecast.api.web;

import io.forecast.forecasting.service.JobStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * The service's Micrometer timers: {@code forecast.latency} (one sample per forecast request, tag
 * {@code outcome} = success, client_error or server_error) and {@code forecast.training} (one sample
 * per finished job, tags {@code state} = SUCCEEDED, FAILED or CANCELLED and {@code kind} = training or
 * backtest).
 */
public final class ForecastMeters {
  /** Timer of forecast requests. */
  public static final String LATENCY = "forecast.latency";
  /** Timer of training jobs. */
  public static final String TRAINING = "forecast.training";

  private final MeterRegistry registry;
  private final Timer success;
  private final Timer clientError;
  private final Timer serverError;

  public ForecastMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.success = latency("success");
    this.clientError = latency("client_error");
    this.serverError = latency("server_error");
  }

  private Timer latency(String outcome) {
    return Timer.builder(LATENCY)
        .description("Forecast request handling time")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** Records one forecast request. */
  public void forecastFinished(long nanos, Outcome outcome) {
    Timer t = switch (outcome) {
      case SUCCESS -> success;
      case CLIENT_ERROR -> clientError;
      case SERVER_ERROR -> serverError;
    };
    t.record(Duration.ofNanos(nanos));
  }

  /** Records one finished job (training or backtest). */
  public void trainingFinished(JobStatus status, Duration runTime) {
    Timer.builder(TRAINING)
        .description("Training job run time")
        .tag("state", status.state().name())
        .tag("kind", status.kind() == null ? JobStatus.TRAINING : status.kind())
        .register(registry)
        .record(runTime);
  }

  /** How a forecast request ended. */
  public enum Outcome {
    SUCCESS,
    CLIENT_ERROR,
    SERVER_ERROR
  }
}
