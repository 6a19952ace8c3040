package io.forecast.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A well-formed {@code multipart/form-data} body for the tests' HTTP clients. */
public final class Multipart {
  private Multipart() {}

  /**
   * The fields, then (unless {@code file} is null) a {@code file} part named {@code fileName}, then
   * the closing boundary.
   */
  public static byte[] form(String boundary, Map<String, String> fields, String fileName, byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Map.Entry<String, String> f : fields.entrySet()) {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
            + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      if (file != null) {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
            + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(file);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }
}
