package io.forecast.api.web;

import io.forecast.forecasting.ForecasterTypes;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/model-types}: the registered model types with their settings. */
@RestController
@RequestMapping("/api/v1/model-types")
public class ModelTypeController {

  @Operation(summary = "Every model type (the project's and any on the class path) with its description and "
      + "settings: name, type, default, range or choices, doc")
  @GetMapping
  public Map<String, Object> types() {
    return ForecasterTypes.describe();
  }
}
