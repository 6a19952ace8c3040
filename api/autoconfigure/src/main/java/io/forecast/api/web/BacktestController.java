package io.forecast.api.web;

import io.forecast.forecasting.service.BacktestReport;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/backtests}: rolling-origin backtests of a model type on an uploaded CSV file, run as
 * jobs on the training thread (listed and cancelled under {@code /api/v1/jobs} too), and their results.
 */
@RestController
@RequestMapping(path = "/api/v1/backtests", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "backtests")
public class BacktestController {
  private final ForecastService service;

  public BacktestController(ForecastService service) {
    this.service = service;
  }

  @Operation(summary = "Backtest a model type on an uploaded CSV file (rolling origin, a refit per fold): "
      + "checked at once, then 202 with the job, Location /api/v1/backtests/{id}")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<JobStatus> submit(@Valid @ModelAttribute BacktestForm form,
      @RequestPart("file") MultipartFile file) {
    io.forecast.forecasting.service.BacktestRequest request = form.toRequest();
    JobStatus job = service.backtest(Uploads.bytes(file), Uploads.name(file), request);
    return ResponseEntity.accepted().location(URI.create("/api/v1/backtests/" + job.id())).body(job);
  }

  @Operation(summary = "A backtest job (state, folds done, the current fold's epochs) and, once it "
      + "succeeded, its result: every fold's origin and metrics, and the pooled metrics")
  @GetMapping("/{id}")
  public BacktestReport get(@PathVariable("id") String id) {
    return service.backtestReport(id);
  }
}
