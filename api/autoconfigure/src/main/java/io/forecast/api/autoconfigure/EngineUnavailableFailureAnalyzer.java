package io.forecast.api.autoconfigure;

import io.forecast.forecasting.nn.EngineUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing PyTorch native library at startup into Spring Boot's "APPLICATION FAILED TO START"
 * report (description and action) instead of a stack trace.
 */
public class EngineUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<EngineUnavailableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EngineUnavailableException cause) {
    String message = cause.getMessage();
    int colon = message.indexOf(": ");
    String description = colon > 0 ? message.substring(0, colon) : message;
    String action = colon > 0 ? message.substring(colon + 2) : "add the PyTorch native library of this platform";
    return new FailureAnalysis("The forecasting library cannot start: " + description + ".",
        Character.toUpperCase(action.charAt(0)) + action.substring(1) + ".", cause);
  }
}
