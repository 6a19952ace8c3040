package io.forecast.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.service.TrainingRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form fields of {@code POST /api/v1/models} (multipart, beside the {@code file} part). Every
 * setting of the model type goes in {@code settings}, a JSON object (see {@code GET
 * /api/v1/model-types}); the common ones may also be given as their own fields.
 *
 * @param id model id to save under
 * @param modelType model type (default {@code olinear})
 * @param seqLen input length
 * @param predLen horizon
 * @param settings the type's settings as a JSON object, e.g. {@code {"kernel": 25, "individual": true}}
 * @param preset setting {@code preset} (olinear: {@code fast} or {@code paper})
 * @param epochs setting {@code epochs}
 * @param seed random seed (default 2023)
 * @param learningRate setting {@code learningRate}
 * @param batchSize setting {@code batchSize}
 * @param patience setting {@code patience}
 * @param dModel setting {@code dModel} (olinear)
 * @param embedSize setting {@code embedSize} (olinear)
 * @param eLayers setting {@code eLayers} (olinear)
 * @param dropout setting {@code dropout}
 * @param split {@code auto} (default), {@code ett-hour}, {@code ett-minute} or {@code ratio}
 * @param target target column
 * @param timestampColumn timestamp column
 * @param missing {@code reject} (default), {@code keep} or {@code ffill}
 * @param overwrite replace an existing model with the same id
 * @param intervals levels in percent of the split-conformal prediction intervals to calibrate, e.g.
 *     {@code 80,95} (the default); {@code none} for none
 */
public record TrainingForm(
    @NotBlank String id,
    String modelType,
    @NotNull @Positive Integer seqLen,
    @NotNull @Positive Integer predLen,
    String settings,
    String preset,
    Integer epochs,
    Long seed,
    Double learningRate,
    Integer batchSize,
    Integer patience,
    Integer dModel,
    Integer embedSize,
    Integer eLayers,
    Double dropout,
    String split,
    String target,
    String timestampColumn,
    String missing,
    Boolean overwrite,
    String intervals) {

  /** Strict: a key given twice, or anything after the object, is refused rather than silently resolved. */
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /**
   * The service's request: {@code settings} parsed, the separate setting fields merged in.
   *
   * @throws InvalidSettingsException if {@code settings} is not a JSON object of scalars, or a setting
   *     is given twice
   */
  TrainingRequest toRequest() {
    Map<String, Object> all = new LinkedHashMap<>(parseSettings(settings));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("preset", preset);
    fields.put("epochs", epochs);
    fields.put("learningRate", learningRate);
    fields.put("batchSize", batchSize);
    fields.put("patience", patience);
    fields.put("dModel", dModel);
    fields.put("embedSize", embedSize);
    fields.put("eLayers", eLayers);
    fields.put("dropout", dropout);
    fields.forEach((k, v) -> {
      if (v != null && all.put(k, v) != null) {
        throw new InvalidSettingsException("setting '" + k + "' is given both as a field and in settings");
      }
    });
    List<Double> levels = levels(intervals);
    return new TrainingRequest(id, modelType, seqLen, predLen, all, seed, split, target, timestampColumn, missing,
        Boolean.TRUE.equals(overwrite), levels);
  }

  /** Interval levels as a form gives them: {@code null} (blank: the defaults), empty ({@code none}) or parsed. */
  static List<Double> levels(String intervals) {
    return intervals == null || intervals.isBlank() ? null
        : intervals.trim().equals("none") ? List.of() : ConformalCalibration.parseLevels(intervals);
  }

  /** The {@code settings} field: a JSON object of scalars (blank: none). */
  static Map<String, Object> parseSettings(String text) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidSettingsException("settings must be a JSON object, e.g. {\"kernel\": 25}: "
          + ForecastProblemHandler.jsonReason(e));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidSettingsException("settings must be a JSON object, e.g. {\"kernel\": 25}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw new InvalidSettingsException("setting '" + e.getKey() + "' must be a number, boolean or string");
      }
      out.put(e.getKey(), v.isBoolean() ? v.booleanValue() : v.isIntegralNumber() ? (Object) v.bigIntegerValue()
          : v.isNumber() ? (Object) v.doubleValue() : v.asText());
    }
    return out;
  }
}
