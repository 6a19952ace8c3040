package io.forecast.api.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 client for the corpus (loopback only) over a plain socket: the request line and
 * body go out exactly as given (no client-side re-encoding or checks of {@code %00}, {@code %2F} or
 * broken multipart bodies), and an answer the server sends before it has read the whole body (413,
 * 400) is still read.
 */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final int port;

  Http(int port) {
    this.port = port;
  }

  /** A response: status, content type and body. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
    }
  }

  Reply get(String path) {
    return raw("GET", path, null, new byte[0]);
  }

  Reply delete(String path) {
    return raw("DELETE", path, null, new byte[0]);
  }

  Reply postJson(String path, String body) {
    return raw("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  Reply post(String path, String contentType, byte[] body) {
    return raw("POST", path, contentType, body);
  }

  /** A well-formed multipart body: the fields, then (unless {@code file} is null) a {@code file} part. */
  Reply postMultipart(String path, Map<String, String> fields, String fileName, byte[] file) {
    String boundary = "----corpus7MA4YWxkTrZu0gW";
    return post(path, "multipart/form-data; boundary=" + boundary,
        io.forecast.api.testing.Multipart.form(boundary, fields, fileName, file));
  }

  /**
   * Sends one HTTP/1.1 request over a socket exactly as given (the path is not re-encoded) and reads
   * the response (Content-Length or chunked body).
   */
  Reply raw(String method, String path, String contentType, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Connection: close\r\n");
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      if (body.length > 0 || "POST".equals(method)) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      IOException writing = null;
      try {
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the server may answer (413, 400) and close before reading a large or broken body: read its answer
        writing = e;
      }
      try {
        return readResponse(socket.getInputStream());
      } catch (IOException | AssertionError e) {
        if (writing != null) {
          e.addSuppressed(writing);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Reply readResponse(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no HTTP response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = "";
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("content-type")) {
        contentType = value;
      } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      }
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if (chunked) {
      rest = dechunk(rest);
    }
    return new Reply(status, contentType, new String(rest, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < data.length) {
      int lineEnd = i;
      while (lineEnd + 1 < data.length && !(data[lineEnd] == '\r' && data[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      String size = new String(data, i, lineEnd - i, StandardCharsets.ISO_8859_1).trim();
      int semi = size.indexOf(';');
      int n = Integer.parseInt(semi < 0 ? size : size.substring(0, semi), 16);
      if (n == 0) {
        break;
      }
      out.write(data, lineEnd + 2, n);
      i = lineEnd + 2 + n + 2;
    }
    return out.toByteArray();
  }
}
