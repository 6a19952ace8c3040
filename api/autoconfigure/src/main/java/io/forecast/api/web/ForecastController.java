package io.forecast.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.DataException;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.service.ForecastResult;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.ForecastServiceException;
import io.forecast.forecasting.service.History;
import io.forecast.forecasting.service.ModelStoreException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/v1/forecasts}: the next {@code predLen} rows after a history, on the original scale. */
@RestController
@RequestMapping(path = "/api/v1/forecasts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "forecasts")
public class ForecastController {
  private final ForecastService service;
  private final ForecastMeters meters;

  public ForecastController(ForecastService service, ForecastMeters meters) {
    this.service = service;
    this.meters = meters;
  }

  @Operation(summary = "Forecast from a JSON history (columns by name, optional timestamps)")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ForecastResult forecast(@Valid @RequestBody ForecastRequestBody body) {
    return timed(() -> {
      return service.forecast(body.modelId(), History.ofBoxed(body.timestamps(), body.columns()),
          body.intervals() == null ? List.of() : body.intervals());
    });
  }

  /**
   * Reads this controller's JSON body strictly (duplicate keys and trailing content refused); see
   * {@link ForecastRequestBodyConverter}. Spring Boot puts converter beans in front of its defaults.
   */
  @Bean
  static ForecastRequestBodyConverter forecastRequestBodyConverter(ObjectProvider<ObjectMapper> objectMapper) {
    return new ForecastRequestBodyConverter(objectMapper.getIfAvailable(() -> Jackson2ObjectMapperBuilder.json()
        .build()));
  }

  @Operation(summary = "Forecast after the last rows of an uploaded CSV file (header, timestamp column first)")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ForecastResult forecastCsv(@RequestParam("modelId") String modelId, @RequestPart("file") MultipartFile file,
      @RequestParam(name = "intervals", required = false) String intervals) {
    return timed(() -> service.forecastCsv(modelId, Uploads.bytes(file), Uploads.name(file),
        intervals == null || intervals.isBlank() ? List.of() : ConformalCalibration.parseLevels(intervals)));
  }

  private ForecastResult timed(Supplier<ForecastResult> call) {
    long t0 = System.nanoTime();
    ForecastMeters.Outcome outcome = ForecastMeters.Outcome.SERVER_ERROR;
    try {
      ForecastResult result = call.get();
      outcome = ForecastMeters.Outcome.SUCCESS;
      return result;
    } catch (ForecastServiceException | DataException e) {
      outcome = e instanceof ModelStoreException ? ForecastMeters.Outcome.SERVER_ERROR
          : ForecastMeters.Outcome.CLIENT_ERROR;
      throw e;
    } finally {
      meters.forecastFinished(System.nanoTime() - t0, outcome);
    }
  }
}
