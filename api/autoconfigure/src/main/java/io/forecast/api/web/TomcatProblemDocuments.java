package io.forecast.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;

/**
 * Errors that embedded Tomcat answers itself, before any filter or controller runs — a URL with
 * {@code %2F}, {@code %5C} or {@code %00}, an invalid percent-encoding, a malformed request line —
 * get an RFC 7807 problem document instead of Tomcat's HTML page, for paths under {@code /api/} and
 * for clients that ask for JSON. Other paths of a host application keep Tomcat's page (and a host
 * that configured its own error report valve keeps it). Registered by {@link ForecastProblemHandler}.
 */
public final class TomcatProblemDocuments implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host
          && ErrorReportValve.class.getName().equals(host.getErrorReportValveClass())) {
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
      }
    });
  }

  /** Tomcat's error report valve, writing problem documents for API requests. */
  public static final class ProblemReportValve extends ErrorReportValve {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      String uri = rawUri(request);
      if (status < 400 || response.getContentWritten() > 0 || !wantsProblem(request, uri)) {
        super.report(request, response, throwable);
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "about:blank");
      body.put("title", known == null ? "Error" : known.getReasonPhrase());
      body.put("status", status);
      body.put("detail", detail(status, uri, known));
      if (uri != null && isUriReference(uri)) {
        body.put("instance", uri);
      }
      try {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(JSON.writeValueAsString(body));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the client went away or the response cannot be written: nothing more to do
      }
    }

    private static String detail(int status, String uri, HttpStatus known) {
      if (status == 400 && uri != null && (uri.contains("%") || uri.contains("\\") || uri.contains(";")
          || uri.contains("/.") || uri.contains("//"))) {
        return "the request URL was rejected: it contains an encoded or non-normalized character sequence (such "
            + "as %2F, %5C, %25, %00, '..' or '//') or an invalid percent-encoding";
      }
      if (status == 400) {
        return "the request was rejected before it reached the API: malformed request line, URL or headers";
      }
      return known == null ? "error " + status : known.getReasonPhrase();
    }

    private static boolean wantsProblem(Request request, String uri) {
      if (uri != null && uri.startsWith("/api/")) {
        return true;
      }
      String accept = request.getHeader("Accept");
      return accept != null && accept.toLowerCase(Locale.ROOT).contains("json");
    }

    /** The request target as the client sent it (undecoded), or null. */
    private static String rawUri(Request request) {
      try {
        String uri = request.getCoyoteRequest().requestURI().toString();
        return uri == null || uri.isEmpty() ? request.getRequestURI() : uri;
      } catch (RuntimeException e) {
        return null;
      }
    }

    private static boolean isUriReference(String uri) {
      try {
        java.net.URI.create(uri);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
