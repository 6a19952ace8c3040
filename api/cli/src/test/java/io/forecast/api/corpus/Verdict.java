package io.forecast.api.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes a refusal clean. CLI: exit status 2, nothing on stdout, exactly one stderr line that
 * starts with {@code error: } and says something, no Java class or package names, no stack trace, no
 * raw control characters. REST: a 4xx status, {@code Content-Type: application/problem+json}, a
 * problem document whose {@code status} is the response's and whose {@code detail} says something
 * without Java class names.
 */
final class Verdict {
  private static final Pattern JAVA_NAMES = Pattern.compile(
      "java\\.|javax\\.|jakarta\\.|io\\.forecast\\.|org\\.springframework|com\\.fasterxml|Exception|\\bat [\\w$.]+\\(");

  private Verdict() {}

  /** Null when clean, else every reason it is not. */
  static String cli(Cli run, String mentions) {
    List<String> why = new ArrayList<>();
    if (run.exitCode() != 2) {
      why.add("exit " + run.exitCode() + " (want 2)");
    }
    if (!run.out().isBlank()) {
      why.add("stdout not empty");
    }
    String err = run.err();
    String body = err.endsWith("\n") ? err.substring(0, err.length() - 1) : err;
    if (body.endsWith("\r")) {
      body = body.substring(0, body.length() - 1);
    }
    if (body.isEmpty()) {
      why.add("stderr empty");
    } else {
      if (body.contains("\n")) {
        why.add("stderr has " + body.split("\n", -1).length + " lines");
      }
      if (!body.startsWith("error: ")) {
        why.add("stderr does not start with 'error: '");
      } else if (body.substring("error: ".length()).isBlank()) {
        why.add("empty error message");
      }
      if (body.contains("internal error")) {
        why.add("internal error");
      }
      if (JAVA_NAMES.matcher(body).find()) {
        why.add("Java names or stack trace");
      }
      if (body.codePoints().anyMatch(cp -> cp != '\n' && (Character.isISOControl(cp) || cp == 0xFFFD))) {
        why.add("raw control characters");
      }
      if (mentions != null && !body.contains(mentions)) {
        why.add("does not mention '" + mentions + "'");
      }
    }
    return why.isEmpty() ? null : String.join("; ", why) + " | stderr: " + abbreviate(err) + " | stdout: "
        + abbreviate(run.out());
  }

  /** Null when clean, else every reason it is not. */
  static String rest(Http.Reply r, Integer status, String mentions) {
    List<String> why = new ArrayList<>();
    if (r.status() < 400 || r.status() > 499) {
      why.add("status " + r.status() + " (want 4xx)");
    } else if (status != null && r.status() != status) {
      why.add("status " + r.status() + " (want " + status + ")");
    }
    if (!r.contentType().startsWith("application/problem+json")) {
      why.add("Content-Type '" + r.contentType() + "'");
    }
    JsonNode p = r.json();
    if (p == null || !p.isObject()) {
      why.add("body is not a JSON object");
    } else {
      if (p.path("status").asInt() != r.status()) {
        why.add("problem status " + p.path("status") + " differs");
      }
      String detail = p.path("detail").asText("");
      if (detail.isBlank()) {
        why.add("no detail");
      }
      if (JAVA_NAMES.matcher(detail).find()) {
        why.add("Java names in detail");
      }
      if (detail.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
        why.add("raw control or formatting characters in detail");
      }
      if (mentions != null && !detail.contains(mentions)) {
        why.add("detail does not mention '" + mentions + "'");
      }
    }
    return why.isEmpty() ? null : String.join("; ", why) + " | " + r;
  }

  static String abbreviate(String s) {
    String t = s.length() > 600 ? s.substring(0, 600) + "..." : s;
    StringBuilder sb = new StringBuilder();
    t.codePoints().forEach(cp -> {
      if (cp == '\n') {
        sb.append("\\n");
      } else if (Character.isISOControl(cp)) {
        sb.append(String.format("\\u%04X", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }
}
