package io.forecast.api.web;

import io.forecast.forecasting.plot.Chart;
import io.forecast.forecasting.plot.Charts;
import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.ModelDescription;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/models/{id}/plot}: the model's test error (MSE and MAE, z-scored) by horizon
 * step, from its provenance, as SVG, or PNG when the request accepts {@code image/png} and not SVG.
 */
@RestController
@RequestMapping(path = "/api/v1/models")
@Tag(name = "models")
public class ModelPlotController {
  /** {@code image/svg+xml}. */
  public static final MediaType SVG = MediaType.valueOf("image/svg+xml");

  private final ForecastService service;

  public ModelPlotController(ForecastService service) {
    this.service = service;
  }

  @Operation(summary = "The model's test error by horizon step (MSE and MAE): SVG, or PNG with Accept: image/png")
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
    ModelDescription d = service.store().describe(id);
    ModelProvenance p = d.provenance();
    List<ModelProvenance.StepMetrics> steps = p == null || p.testMetrics() == null ? List.of()
        : p.testMetrics().perStep();
    if (steps.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
          "model '" + id + "' has no per-step test metrics to plot (it was saved without them)");
    }
    Chart chart = Charts.testErrorByStep(id + " (" + d.card().type() + "): test error by horizon step", steps);
    if (wantsPng(accept)) {
      return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(Charts.png(chart, width, height));
    }
    return ResponseEntity.ok().contentType(SVG)
        .body(Charts.svg(chart, width, height).getBytes(StandardCharsets.UTF_8));
  }

  /** PNG only when the client names PNG with a higher quality than SVG (or names PNG and not SVG). */
  static boolean wantsPng(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    double png = -1;
    double svg = -1;
    for (MediaType t : MediaType.parseMediaTypes(accept)) {
      if (t.isWildcardType() || t.isWildcardSubtype()) {
        continue;
      }
      if (t.isCompatibleWith(MediaType.IMAGE_PNG)) {
        png = Math.max(png, t.getQualityValue());
      } else if (t.isCompatibleWith(SVG)) {
        svg = Math.max(svg, t.getQualityValue());
      }
    }
    return png > 0 && png > svg;
  }
}
