package io.forecast.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A small HTTP/1.1 client for the tests that talk to a real server on a random loopback port. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public String base() {
    return base;
  }

  /** A response: status, content type and body. */
  public record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  /** Request headers, in order. */
  public static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  public static Map<String, String> bearer(String key) {
    return headers("Authorization", "Bearer " + key);
  }

  public Reply get(String path) {
    return get(path, Map.of());
  }

  public Reply get(String path, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  public Reply delete(String path) {
    return delete(path, Map.of());
  }

  public Reply delete(String path, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
  }

  public Reply options(String path, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
        headers);
  }

  public Reply postJson(String path, String body) {
    return postJson(path, body, Map.of());
  }

  public Reply postJson(String path, String body, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  public Reply postJson(String path, Object body) {
    try {
      return postJson(path, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Posts JSON without a Content-Length (chunked transfer encoding). */
  public Reply postJsonChunked(String path, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))), Map.of());
  }

  public Reply postMultipart(String path, Map<String, String> fields, String fileName, byte[] file) {
    return postMultipart(path, fields, fileName, file, Map.of());
  }

  /** A multipart form POST with a file part named {@code data.csv}; {@code file} null leaves it out. */
  public Reply postForm(String path, Map<String, String> fields, byte[] file, Map<String, String> headers) {
    return postMultipart(path, fields, "data.csv", file, headers);
  }

  public Reply postMultipart(String path, Map<String, String> fields, String fileName, byte[] file,
      Map<String, String> headers) {
    String boundary = "----forecast" + UUID.randomUUID();
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.form(boundary, fields, fileName, file))), headers);
  }

  public Reply postRaw(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), Map.of());
  }

  private Reply send(HttpRequest.Builder request, Map<String, String> headers) {
    headers.forEach(request::header);
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
