package io.forecast.api.web;

import io.forecast.forecasting.service.BacktestReport;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import io.forecast.forecasting.backtest.BacktestResult;
import io.forecast.forecasting.plot.Chart;
import io.forecast.forecasting.plot.Charts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/backtests}: rolling-origin backtests of a model type on an uploaded CSV file, run as
 * jobs on the training thread (listed and cancelled under {@code /api/v1/jobs} too), their results
 * and a chart of their fold errors.
 */
@RestController
@RequestMapping(path = "/api/v1/backtests")
@Tag(name = "backtests")
public class BacktestController {
  private final ForecastService service;

  public BacktestController(ForecastService service) {
    this.service = service;
  }

  @Operation(summary = "Backtest a model type on an uploaded CSV file (rolling origin, a refit per fold): "
      + "checked at once, then 202 with the job, Location /api/v1/backtests/{id}")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JobStatus> submit(@Valid @ModelAttribute BacktestForm form,
      @RequestPart("file") MultipartFile file) {
    io.forecast.forecasting.service.BacktestRequest request = form.toRequest();
    JobStatus job = service.backtest(Uploads.bytes(file), Uploads.name(file), request);
    return ResponseEntity.accepted().location(URI.create("/api/v1/backtests/" + job.id())).body(job);
  }

  @Operation(summary = "A backtest job (state, folds done, the current fold's epochs) and, once it "
      + "succeeded, its result: every fold's origin and metrics, and the pooled metrics")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public BacktestReport get(@PathVariable("id") String id) {
    return service.backtestReport(id);
  }

  @Operation(summary = "A finished backtest's fold errors (MSE and MAE, z-scored) over the fold origins: SVG, or "
      + "PNG with Accept: image/png")
  // no "produces": the content type is chosen here, so that errors can still be problem documents
  @GetMapping(path = "/{id}/plot")
  public ResponseEntity<byte[]> plot(@PathVariable("id") String id,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      @RequestParam(name = "width", defaultValue = "900") int width,
      @RequestParam(name = "height", defaultValue = "450") int height) {
    if (width < 100 || height < 100 || width > 4000 || height > 4000) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "width and height must be 100 … 4000 pixels, got " + width + "×" + height);
    }
    BacktestReport report = service.backtestReport(id);
    BacktestResult result = report.result();
    if (result == null || result.folds().isEmpty()) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "backtest job '" + id
          + "' has no result to plot (state " + report.job().state() + ")");
    }
    Chart chart = Charts.backtestErrors(result.modelType() + " on " + result.data().file()
        + ": error by fold origin", result);
    if (ModelPlotController.wantsPng(accept)) {
      return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(Charts.png(chart, width, height));
    }
    return ResponseEntity.ok().contentType(ModelPlotController.SVG)
        .body(Charts.svg(chart, width, height).getBytes(StandardCharsets.UTF_8));
  }
}
