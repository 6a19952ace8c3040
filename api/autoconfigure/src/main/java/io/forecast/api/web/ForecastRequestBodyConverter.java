package io.forecast.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;

/**
 * Reads {@link ForecastRequestBody} (and nothing else, and writes nothing) with the application's
 * Jackson settings made strict: a key given twice in any object ({@code "modelId"}, a column name) and
 * content after the JSON object are malformed JSON (400), never "the last one wins". Only this body
 * type is affected, so a host application's other JSON keeps its own rules.
 *
 * <p>Extends {@link AbstractJackson2HttpMessageConverter} rather than the default Jackson converter
 * so that Spring Boot adds it in front of the defaults instead of replacing them.
 */
public final class ForecastRequestBodyConverter extends AbstractJackson2HttpMessageConverter {

  public ForecastRequestBodyConverter(ObjectMapper applicationMapper) {
    super(strict(applicationMapper), MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
  }

  private static ObjectMapper strict(ObjectMapper base) {
    ObjectMapper copy = base.copy();
    copy.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    copy.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return copy;
  }

  @Override
  public boolean canRead(Class<?> clazz, MediaType mediaType) {
    return clazz == ForecastRequestBody.class && canRead(mediaType);
  }

  @Override
  public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
    return type == ForecastRequestBody.class && canRead(mediaType);
  }

  @Override
  public boolean canWrite(Class<?> clazz, MediaType mediaType) {
    return false;
  }

  @Override
  public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
    return false;
  }
}
