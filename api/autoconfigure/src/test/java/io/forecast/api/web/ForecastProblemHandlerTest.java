package io.forecast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Problem details never show Java type names; clients read JSON kinds instead. */
class ForecastProblemHandlerTest {

  @Test
  void javaTypesInJacksonMessagesBecomeJsonKinds() {
    assertThat(ForecastProblemHandler.withoutJavaTypes(
        "Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,double[]>` from Array value"))
        .isEqualTo("Cannot deserialize value of type an object from Array value");
    assertThat(ForecastProblemHandler.withoutJavaTypes(
        "Cannot construct instance of `io.forecast.api.web.ForecastRequestBody`"))
        .isEqualTo("Cannot construct instance of an object");
    assertThat(ForecastProblemHandler.withoutJavaTypes("Cannot deserialize value of type `double` from String"))
        .isEqualTo("Cannot deserialize value of type a number from String");
    assertThat(ForecastProblemHandler.withoutJavaTypes("`java.lang.String[]` expected"))
        .isEqualTo("an array expected");
    assertThat(ForecastProblemHandler.withoutJavaTypes("no types here")).isEqualTo("no types here");
  }
}
