package io.forecast.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the multipart uploads (CSV forecasts, training files, evaluations) being received and
 * processed at once: one over {@code forecast.api.max-concurrent-uploads} is answered at once with a
 * 503 problem document and {@code Retry-After}, before its body is read, so a burst of large uploads
 * cannot exhaust memory.
 */
public final class UploadLimitFilter extends OncePerRequestFilter {
  private final Semaphore slots;
  private final int limit;
  private final ObjectMapper json;

  public UploadLimitFilter(int limit, ObjectMapper json) {
    if (limit < 1) {
      throw new IllegalArgumentException("forecast.api.max-concurrent-uploads must be at least 1, got " + limit);
    }
    this.slots = new Semaphore(limit);
    this.limit = limit;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!slots.tryAcquire()) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, limit
          + " uploads are already being processed (forecast.api.max-concurrent-uploads); retry shortly");
      problem.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
      problem.setInstance(URI.create(request.getRequestURI()));
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, "1");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), problem);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      slots.release();
    }
  }

  /** Uploads being processed now (for tests and metrics). */
  public int inProgress() {
    return limit - slots.availablePermits();
  }
}
