package io.forecast.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.web.multipart.MultipartFile;

/** Reading uploaded CSV parts. */
final class Uploads {
  private Uploads() {}

  /** The part's original file name, or {@code upload.csv}. */
  static String name(MultipartFile file) {
    String name = file.getOriginalFilename();
    if (name == null || name.isBlank()) {
      return "upload.csv";
    }
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }

  static byte[] bytes(MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file: " + e.getMessage(), e);
    }
  }
}
