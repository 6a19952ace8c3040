package io.forecast.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * RFC 7807 problem documents written by the security filters, in the format of the rest of the API
 * ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}): 401 with {@code
 * WWW-Authenticate: Bearer}, 403, 429 with {@code Retry-After}, and 400 for a URL the firewall rejects.
 */
final class Problems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {
  /** Request attribute: why a presented key was not accepted (read by the 401 entry point). */
  static final String KEY_REJECTED = Problems.class.getName() + ".keyRejected";

  static final String HOW_TO_AUTHENTICATE = "send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    Object rejected = request.getAttribute(KEY_REJECTED);
    String detail = rejected != null ? "unknown API key; " + HOW_TO_AUTHENTICATE + " with a configured key"
        : "this endpoint needs an API key; " + HOW_TO_AUTHENTICATE;
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, rejected != null
        ? "Bearer realm=\"forecast\", error=\"invalid_token\"" : "Bearer realm=\"forecast\"");
    write(request, response, HttpStatus.UNAUTHORIZED, detail);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(request, response, HttpStatus.FORBIDDEN, "this API key may only read (forecasts, evaluations, listings); "
        + request.getMethod() + " " + request.getRequestURI() + " needs a write key");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    write(request, response, HttpStatus.BAD_REQUEST, "the request URL was rejected: it contains an encoded or "
        + "non-normalized character sequence (such as %2F, %5C, %25, %00, '..' or '//')");
  }

  /** Writes a problem document (unless the response is already committed). */
  static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", instance(request));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), body);
    response.flushBuffer();
  }

  /** The request path as an instance reference, or null for a path that is not a valid URI reference. */
  private static String instance(HttpServletRequest request) {
    String uri = request.getRequestURI();
    try {
      return uri == null ? null : java.net.URI.create(uri).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
