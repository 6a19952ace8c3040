package io.forecast.api.web;

import io.forecast.forecasting.service.AttentionComparisonReport;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.JobStatus;
import io.forecast.forecasting.variants.AttentionResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/attention-comparisons}: {@code forecast compare-attention} on an uploaded CSV file as a
 * job on the training thread (listed and cancelled under {@code /api/v1/jobs} too; its {@code fold} and
 * {@code folds} count the grid's runs), its result as JSON, its table as Markdown and its
 * validation-loss chart as SVG.
 */
@RestController
@RequestMapping(path = "/api/v1/attention-comparisons")
@Tag(name = "attention-comparisons")
public class AttentionComparisonController {
  /** The Markdown media type. */
  static final MediaType MARKDOWN = MediaType.valueOf("text/markdown;charset=UTF-8");

  private final ForecastService service;

  public AttentionComparisonController(ForecastService service) {
    this.service = service;
  }

  @Operation(summary = "Compare attention variants of a model type on an uploaded CSV file (protocol A: each "
      + "trained from scratch; B: softmax trained, each swapped in at inference): checked at once, then 202 with "
      + "the job, Location /api/v1/attention-comparisons/{id}")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JobStatus> submit(@Valid @ModelAttribute AttentionComparisonForm form,
      @RequestPart("file") MultipartFile file) {
    JobStatus job = service.compareAttention(Uploads.bytes(file), Uploads.name(file), form.toRequest());
    return ResponseEntity.accepted().location(URI.create("/api/v1/attention-comparisons/" + job.id())).body(job);
  }

  @Operation(summary = "An attention-comparison job (state, runs done of the grid, the current run's epochs) "
      + "and, once it succeeded, its results.json: per variant MSE/MAE mean ± std over the seeds, seconds per "
      + "epoch, peak memory, diagnostics per layer (A) or swaps (B), and every run")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public AttentionComparisonReport get(@PathVariable("id") String id) {
    return service.attentionComparison(id);
  }

  @Operation(summary = "A finished attention comparison's results.md (the tables of the command)")
  // no "produces": the content type is chosen here, so that errors can still be problem documents
  @GetMapping(path = "/{id}/markdown")
  public ResponseEntity<byte[]> markdown(@PathVariable("id") String id) {
    return ResponseEntity.ok().contentType(MARKDOWN).body(file(id, AttentionResults.RESULTS_MD));
  }

  @Operation(summary = "A finished attention comparison's validation-loss curves per variant (mean and band "
      + "over the seeds), SVG")
  @GetMapping(path = "/{id}/plot")
  public ResponseEntity<byte[]> plot(@PathVariable("id") String id) {
    return ResponseEntity.ok().contentType(ModelPlotController.SVG).body(file(id, AttentionResults.VAL_LOSS_SVG));
  }

  private byte[] file(String id, String name) {
    byte[] bytes = service.attentionComparisonFile(id, name);
    if (bytes == null) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "attention-comparison job '" + id
          + "' has no " + name + " (state " + service.job(id).state() + ")");
    }
    return bytes;
  }
}
