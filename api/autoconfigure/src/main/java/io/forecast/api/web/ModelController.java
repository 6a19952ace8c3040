package io.forecast.api.web;

import io.forecast.forecasting.service.EvaluationResult;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.JobStatus;
import io.forecast.forecasting.service.ModelDescription;
import io.forecast.forecasting.service.ModelStore;
import io.forecast.forecasting.service.ModelSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/models}: list, describe, delete, train (as a job) and evaluate models. */
@RestController
@RequestMapping(path = "/api/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "models")
public class ModelController {
  private final ForecastService service;
  private final ModelStore store;

  /** Uses the service's own store, so a host-defined service and its store always agree. */
  public ModelController(ForecastService service) {
    this.service = service;
    this.store = service.store();
  }

  @Operation(summary = "List the complete models with their cards and test metrics")
  @GetMapping
  public List<ModelSummary> list() {
    return store.list();
  }

  @Operation(summary = "A model's card, settings and provenance (data, curve, test metrics)")
  @GetMapping("/{id}")
  public ModelDescription describe(@PathVariable("id") String id) {
    return store.describe(id);
  }

  @Operation(summary = "Delete a model (forecasts in flight finish first)")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void delete(@PathVariable("id") String id) {
    store.delete(id);
  }

  @Operation(summary = "Train a model from an uploaded CSV file: 202 with the job, Location /api/v1/jobs/{id}")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<JobStatus> train(@Valid @ModelAttribute TrainingForm form,
      @RequestPart("file") MultipartFile file) {
    io.forecast.forecasting.service.TrainingRequest request = form.toRequest();
    byte[] csv = Uploads.bytes(file);
    JobStatus job = service.train(csv, Uploads.name(file), request);
    return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job);
  }

  @Operation(summary = "Evaluate a model on the test split of an uploaded CSV file")
  @PostMapping(path = "/{id}/evaluations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public EvaluationResult evaluate(@PathVariable("id") String id, @RequestPart("file") MultipartFile file,
      @RequestParam(name = "split", required = false) String split,
      @RequestParam(name = "season", required = false) Integer season) {
    return service.evaluate(id, Uploads.bytes(file), Uploads.name(file), split, season);
  }
}
