package io.forecast.api.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.forecast.data.DataException;
import io.forecast.forecasting.ForecastingException;
import io.forecast.forecasting.IncompatibleDataException;
import io.forecast.forecasting.conformal.IntervalsUnavailableException;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.UnknownModelTypeException;
import io.forecast.forecasting.service.HistoryTooShortException;
import io.forecast.forecasting.service.InvalidHistoryException;
import io.forecast.forecasting.service.InvalidModelIdException;
import io.forecast.forecasting.service.InvalidTrainingRequestException;
import io.forecast.forecasting.service.JobNotFoundException;
import io.forecast.forecasting.service.ModelAlreadyExistsException;
import io.forecast.forecasting.service.ModelNotFoundException;
import io.forecast.forecasting.service.ModelStoreException;
import io.forecast.forecasting.service.TrainingQueueFullException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Turns every error of the forecast API into an RFC 7807 problem document with a precise
 * {@code detail}. Applies to this API's controllers only, so a host application's own error handling
 * is untouched.
 *
 * <table>
 *   <caption>Status codes</caption>
 *   <tr><td>400</td><td>malformed JSON, failed bean validation, invalid model id, wrong history
 *       columns, missing values, unreadable CSV, unusable training settings, prediction-interval levels
 *       not calibrated for the model (or the model has no calibration)</td></tr>
 *   <tr><td>404</td><td>unknown model or job (or a job that is not a backtest, under
 *       {@code /api/v1/backtests})</td></tr>
 *   <tr><td>409</td><td>model id already taken</td></tr>
 *   <tr><td>413</td><td>body or upload over the limit</td></tr>
 *   <tr><td>422</td><td>history shorter than the model's {@code seqLen} (property {@code requiredRows})</td></tr>
 *   <tr><td>429</td><td>training queue full</td></tr>
 *   <tr><td>422</td><td>a series the model type cannot fit</td></tr>
 *   <tr><td>500</td><td>model files unreadable or unwritable, internal error (a bug: logged with the
 *       {@code correlationId} the problem document carries)</td></tr>
 * </table>
 */
@RestControllerAdvice(assignableTypes = {ForecastController.class, ModelController.class, ModelPlotController.class,
    ModelTypeController.class,
    JobController.class, BacktestController.class, DataReportController.class,
    AttentionComparisonController.class})
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ForecastProblemHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ForecastProblemHandler.class);

  /**
   * Problem documents also for what embedded Tomcat refuses before the API runs (bad URL encoding
   * such as {@code %2F} or {@code %00} in an id); see {@link TomcatProblemDocuments}. Only with
   * Tomcat on the class path; the method's signature names no Tomcat type.
   */
  @Bean
  @ConditionalOnClass(name = {"org.apache.catalina.startup.Tomcat",
      "org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory"})
  static WebServerFactoryCustomizer<?> forecastTomcatProblemDocuments() {
    return new TomcatProblemDocuments();
  }

  @ExceptionHandler({ModelNotFoundException.class, JobNotFoundException.class})
  ResponseEntity<ProblemDetail> notFound(RuntimeException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage(), request);
  }

  @ExceptionHandler(HistoryTooShortException.class)
  ResponseEntity<ProblemDetail> tooShort(HistoryTooShortException e, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> response = problem(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage(), request);
    response.getBody().setProperty("requiredRows", e.requiredRows());
    response.getBody().setProperty("givenRows", e.givenRows());
    return response;
  }

  @ExceptionHandler({InvalidHistoryException.class, InvalidModelIdException.class,
      InvalidTrainingRequestException.class, DataException.class})
  ResponseEntity<ProblemDetail> badInput(RuntimeException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler({UnknownModelTypeException.class, InvalidSettingsException.class,
      IncompatibleDataException.class})
  ResponseEntity<ProblemDetail> badRequest(ForecastingException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(IntervalsUnavailableException.class)
  ResponseEntity<ProblemDetail> intervalsUnavailable(IntervalsUnavailableException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(ForecastingException.class)
  ResponseEntity<ProblemDetail> unprocessable(ForecastingException e, HttpServletRequest request) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage(), request);
  }

  @ExceptionHandler(ModelAlreadyExistsException.class)
  ResponseEntity<ProblemDetail> conflict(ModelAlreadyExistsException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, e.getMessage(), request);
  }

  @ExceptionHandler(TrainingQueueFullException.class)
  ResponseEntity<ProblemDetail> queueFull(TrainingQueueFullException e, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> p = problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request);
    return ResponseEntity.status(p.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "60")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p.getBody());
  }

  @ExceptionHandler(ModelStoreException.class)
  ResponseEntity<ProblemDetail> store(ModelStoreException e, HttpServletRequest request) {
    LOG.error("model store failure on {}", request.getRequestURI(), e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage(), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestBodyTooLargeException tooLarge) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), request);
      }
    }
    Throwable cause = e.getMostSpecificCause();
    String detail = "malformed JSON request body";
    if (cause instanceof JsonProcessingException json) {
      StringBuilder sb = new StringBuilder("malformed JSON request body");
      if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        sb.append(" at ").append(JsonMessages.path(mapping.getPath()));
      }
      JsonLocation at = json.getLocation();
      if (at != null && at.getLineNr() > 0) {
        sb.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
      }
      sb.append(": ").append(jsonReason(json));
      detail = sb.toString();
    } else if (cause != null && cause != e && cause.getMessage() != null) {
      detail = "malformed request body: " + withoutJavaTypes(firstLine(cause.getMessage()));
    } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      detail = "request body is missing";
    }
    return problem(HttpStatus.BAD_REQUEST, detail, request);
  }

  @ExceptionHandler(BindException.class)
  ResponseEntity<ProblemDetail> invalid(BindException e, HttpServletRequest request) {
    List<String> errors = new ArrayList<>();
    for (FieldError f : e.getFieldErrors()) {
      errors.add("field '" + f.getField() + "': " + fieldMessage(f));
    }
    for (ObjectError g : e.getGlobalErrors()) {
      errors.add(g.getObjectName() + ": " + g.getDefaultMessage());
    }
    ResponseEntity<ProblemDetail> p = problem(HttpStatus.BAD_REQUEST, String.join("; ", errors), request);
    p.getBody().setProperty("errors", errors);
    return p;
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
    List<String> errors = new ArrayList<>();
    e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
        errors.add("parameter '" + r.getMethodParameter().getParameterName() + "': " + err.getDefaultMessage())));
    ResponseEntity<ProblemDetail> p = problem(HttpStatus.BAD_REQUEST, String.join("; ", errors), request);
    p.getBody().setProperty("errors", errors);
    return p;
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "multipart part '" + e.getRequestPartName() + "' is missing", request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e,
      HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "field '" + e.getParameterName() + "' is missing", request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "'" + e.getName() + "': '" + e.getValue() + "' is not a valid "
        + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()), request);
  }

  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ProblemDetail> badMultipart(org.springframework.web.multipart.MultipartException e,
      HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "malformed multipart request body (a boundary is missing or the body is "
        + "truncated)", request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "upload is larger than the limit"
        + (e.getMaxUploadSize() > 0 ? " of " + e.getMaxUploadSize() + " bytes" : "")
        + " (spring.servlet.multipart.max-file-size / max-request-size)", request);
  }

  /**
   * Anything else is a bug: a 500 problem document with a correlation id that is logged with the
   * stack trace; Spring's own request errors (wrong method, unknown path, ...) keep their status.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if (e instanceof org.springframework.web.ErrorResponse known) {
      HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
      return problem(status, known.getBody().getDetail() == null ? status.getReasonPhrase()
          : withoutJavaTypes(known.getBody().getDetail()), request);
    }
    String id = java.util.UUID.randomUUID().toString();
    LOG.error("internal error {} on {} {}", id, request.getMethod(), request.getRequestURI(), e);
    ResponseEntity<ProblemDetail> p = problem(HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error; quote correlation id " + id + " when reporting it", request);
    p.getBody().setProperty("correlationId", id);
    return p;
  }

  /** What is wrong with a JSON text, in one line without Java type names; see {@link JsonMessages}. */
  static String jsonReason(JsonProcessingException e) {
    return JsonMessages.reason(e);
  }

  /** See {@link JsonMessages#withoutJavaTypes}. */
  static String withoutJavaTypes(String message) {
    return JsonMessages.withoutJavaTypes(message);
  }

  private static String fieldMessage(FieldError f) {
    if (f.isBindingFailure()) {
      return "'" + f.getRejectedValue() + "' is not a valid value";
    }
    return f.getDefaultMessage() + (f.getRejectedValue() == null ? "" : " (was " + f.getRejectedValue() + ")");
  }

  /**
   * The detail with control and invisible formatting characters (bidi overrides, zero-width
   * characters) that a request echoed written as {@code \\uXXXX}, so a client that prints it shows
   * what was sent rather than being driven by it.
   */
  static String printable(String detail) {
    if (detail == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(detail.length());
    detail.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
        sb.append(String.format("\\u%04X", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, printable(detail));
    p.setTitle(status.getReasonPhrase());
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
