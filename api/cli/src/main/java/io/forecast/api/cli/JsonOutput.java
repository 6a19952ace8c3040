package io.forecast.api.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Writes the single JSON object a command prints on stdout. */
final class JsonOutput {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .findAndRegisterModules();

  private JsonOutput() {}

  /** A value's JSON object as an ordered map (to add fields before printing). */
  @SuppressWarnings("unchecked")
  static java.util.Map<String, Object> toMap(Object value) {
    return MAPPER.convertValue(value, java.util.LinkedHashMap.class);
  }

  /** A value as indented JSON text with a final newline (for the files commands write). */
  static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise output: " + e.getMessage(), e);
    }
  }

  static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise output: " + e.getMessage(), e);
    }
  }
}
