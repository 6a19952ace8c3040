package io.forecast.api.web;

import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.JobState;
import io.forecast.forecasting.service.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/jobs}: job status (state, epoch, losses, ETA; a backtest's folds) and cancellation,
 * for training, backtest and attention-comparison jobs alike (their {@code kind}).
 */
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "jobs")
public class JobController {
  private final ForecastService service;

  public JobController(ForecastService service) {
    this.service = service;
  }

  @Operation(summary = "Remembered jobs (training, backtests, attention comparisons), oldest first")
  @GetMapping
  public List<JobStatus> list() {
    return service.jobs();
  }

  @Operation(summary = "A job's kind, state, epoch, losses and ETA (a backtest's folds done and planned)")
  @GetMapping("/{id}")
  public JobStatus get(@PathVariable("id") String id) {
    return service.job(id);
  }

  @Operation(summary = "Cancel a training or backtest job: 200 when it has ended, 202 while a running job is stopping")
  @DeleteMapping("/{id}")
  public ResponseEntity<JobStatus> cancel(@PathVariable("id") String id) {
    JobStatus status = service.cancel(id);
    return status.state() == JobState.RUNNING ? ResponseEntity.accepted().body(status) : ResponseEntity.ok(status);
  }
}
