package io.forecast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.api.web.JsonMessages;
import org.junit.jupiter.api.Test;

/** Jackson's sentences as the corpus's REST and model-file cases show them: no Java names, the JSON kind. */
class JsonMessagesTest {
  @Test
  void typeMismatchesNameTheJsonKinds() {
    assertThat(JsonMessages.rewrite("Cannot deserialize value of type `java.lang.Double` from String \"x\": not a "
        + "valid `java.lang.Double` value (as String to convert)")).isEqualTo("expected a number, got the string \"x\"");
    assertThat(JsonMessages.rewrite("Cannot deserialize value of type `java.util.ArrayList<java.lang.Double>` from "
        + "Object value (token `JsonToken.START_OBJECT`)")).isEqualTo("expected an array, got an object");
    assertThat(JsonMessages.rewrite("Cannot deserialize value of type `java.lang.Double` from Boolean value (token "
        + "`JsonToken.VALUE_TRUE`)")).isEqualTo("expected a number, got a boolean");
    assertThat(JsonMessages.rewrite("Cannot construct instance of `io.forecast.api.web.ForecastRequestBody` (although "
        + "at least one Creator exists): no String-argument constructor/factory method to deserialize from String "
        + "value ('tiny')")).isEqualTo("expected an object, got a string 'tiny'");
  }

  @Test
  void parserLimitsAndFeatureFlagsAreSaidInWords() {
    assertThat(JsonMessages.rewrite("Trailing token (of type START_OBJECT) found after value (bound as "
        + "`io.forecast.api.web.ForecastRequestBody`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"))
        .isEqualTo("unexpected content after the JSON value");
    assertThat(JsonMessages.rewrite("Number value length (5000) exceeds the maximum allowed (1000, from "
        + "`StreamReadConstraints.getMaxNumberLength()`)")).isEqualTo("a number with 5000 characters; at most 1000 are "
        + "accepted");
    assertThat(JsonMessages.rewrite("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to "
        + "allow")).startsWith("non-standard token 'NaN' (JSON has no NaN");
    assertThat(JsonMessages.rewrite("Unexpected end-of-input: expected close marker for Array (start marker at "
        + "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 10])"))
        .isEqualTo("Unexpected end-of-input: expected close marker for Array (opened at line 1, column 10)");
    assertThat(JsonMessages.rewrite("Duplicate field 'modelId'")).isEqualTo("Duplicate field 'modelId'");
  }
}
