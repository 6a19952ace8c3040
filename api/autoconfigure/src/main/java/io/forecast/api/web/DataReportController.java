package io.forecast.api.web;

import io.forecast.forecasting.service.DataReportRequest;
import io.forecast.forecasting.service.ForecastService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/data-reports}: the inspection report of an uploaded CSV file, the JSON {@code
 * forecast inspect} prints (frequency, duplicates, gaps and invalid cells with their lines, sentinel
 * counts, split boundaries, window counts). Nothing is stored.
 */
@RestController
@RequestMapping(path = "/api/v1/data-reports", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "data")
public class DataReportController {
  private final ForecastService service;

  public DataReportController(ForecastService service) {
    this.service = service;
  }

  /**
   * The form fields of a data report.
   *
   * @param seqLen input length the window counts are for (default 96)
   * @param predLen horizon the window counts are for (default 96)
   * @param target target column (default: the last value column, or OT)
   * @param timestampColumn timestamp column (default: the first column)
   * @param split split rule: auto, ett-hour, ett-minute or ratio
   * @param missing missing-value policy: reject, keep or ffill
   */
  public record Form(@Positive Integer seqLen, @Positive Integer predLen, String target, String timestampColumn,
      String split, String missing) {}

  @Operation(summary = "The quality report of an uploaded CSV file: frequency, duplicate timestamps, gaps and "
      + "invalid cells with their lines, sentinel counts, split boundaries and window counts (as forecast inspect)")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public Map<String, Object> report(@Valid @ModelAttribute Form form, @RequestPart("file") MultipartFile file) {
    return service.inspect(Uploads.bytes(file), Uploads.name(file), new DataReportRequest(form.seqLen(),
        form.predLen(), form.target(), form.timestampColumn(), form.split(), form.missing()));
  }
}
