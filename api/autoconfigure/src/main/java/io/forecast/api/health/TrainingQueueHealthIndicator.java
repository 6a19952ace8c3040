package io.forecast.api.health;

import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.JobState;
import io.forecast.forecasting.service.JobStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The training queue: always UP (a full queue answers 429 to new jobs, it is not a failure), with
 * the running and queued job counts, the capacity, and whether a new job would be accepted.
 */
public final class TrainingQueueHealthIndicator extends AbstractHealthIndicator {
  private final ForecastService service;

  public TrainingQueueHealthIndicator(ForecastService service) {
    super("training queue health check failed");
    this.service = service;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    long running = 0;
    long queued = 0;
    for (JobStatus job : service.jobs()) {
      if (job.state() == JobState.RUNNING) {
        running++;
      } else if (job.state() == JobState.QUEUED) {
        queued++;
      }
    }
    int capacity = service.settings().trainingQueueCapacity();
    builder.up()
        .withDetail("running", running)
        .withDetail("queued", queued)
        .withDetail("capacity", capacity)
        .withDetail("accepting", queued < capacity);
  }
}
