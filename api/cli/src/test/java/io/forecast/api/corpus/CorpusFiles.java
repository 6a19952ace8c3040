package io.forecast.api.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The corpus's bad files, written at test time from the first rows of the bundled ETTh1 file: CSV
 * variants (each with one defect, mostly on line 500) and corrupted copies of a trained model
 * directory.
 */
final class CorpusFiles {
  /** Data rows of the base file. */
  static final int ROWS = 1000;
  /** The line every single-cell defect is put on (the header is line 1). */
  static final int BAD_LINE = 500;

  private final List<String> lines;

  CorpusFiles() {
    try {
      lines = Files.readAllLines(io.forecast.api.testing.DemoData.ETTH1).subList(0, ROWS + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The good base file: header and {@link #ROWS} rows, LF line ends. */
  byte[] good() {
    return join(lines);
  }

  /** The first {@code rows} data rows. */
  byte[] firstRows(int rows) {
    return join(lines.subList(0, rows + 1));
  }

  List<String> lines() {
    return new ArrayList<>(lines);
  }

  static byte[] join(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The base file with line {@code line} (1-based, header = 1) rewritten. */
  byte[] withLine(int line, UnaryOperator<String> change) {
    List<String> copy = lines();
    copy.set(line - 1, change.apply(copy.get(line - 1)));
    return join(copy);
  }

  /** The base file with field {@code field} (0 = timestamp) of line {@code line} replaced. */
  byte[] withCell(int line, int field, String value) {
    return withLine(line, l -> {
      String[] f = l.split(",", -1);
      f[field] = value;
      return String.join(",", f);
    });
  }

  /** The bad CSV files by name: content and a fragment the error should name (or null). */
  Map<String, Bad> csvVariants() {
    Map<String, Bad> m = new LinkedHashMap<>();
    List<String> l = lines();
    m.put("empty", new Bad(new byte[0], "empty"));
    m.put("header-only", new Bad(join(l.subList(0, 1)), "no data rows"));
    m.put("no-header", new Bad(join(l.subList(1, l.size())), "no header"));
    List<String> single = new ArrayList<>();
    for (String line : l) {
      single.add(line.substring(0, line.indexOf(',')));
    }
    m.put("single-column", new Bad(join(single), "single column"));
    m.put("ragged-short", new Bad(withLine(BAD_LINE, s -> s.substring(0, s.lastIndexOf(','))), "line " + BAD_LINE));
    m.put("ragged-long", new Bad(withLine(BAD_LINE, s -> s + ",1.5"), "line " + BAD_LINE));
    m.put("non-numeric", new Bad(withCell(BAD_LINE, 1, "abc"), "line " + BAD_LINE + ", column 'HUFL'"));
    m.put("empty-cell", new Bad(withCell(BAD_LINE, 2, ""), "line " + BAD_LINE + ", column 'HULL'"));
    m.put("nan-cell", new Bad(withCell(BAD_LINE, 3, "NaN"), "line " + BAD_LINE + ", column 'MUFL'"));
    m.put("inf-cell", new Bad(withCell(BAD_LINE, 4, "Infinity"), "line " + BAD_LINE + ", column 'MULL'"));
    m.put("minus-inf-cell", new Bad(withCell(BAD_LINE, 4, "-inf"), "line " + BAD_LINE + ", column 'MULL'"));
    m.put("overflow-cell", new Bad(withCell(BAD_LINE, 5, "1e999"), "line " + BAD_LINE + ", column 'LUFL'"));
    m.put("hex-cell", new Bad(withCell(BAD_LINE, 5, "0x1F"), "line " + BAD_LINE + ", column 'LUFL'"));
    m.put("garbage-timestamp", new Bad(withCell(BAD_LINE, 0, "not a date"), "line " + BAD_LINE));
    m.put("garbage-first-timestamp", new Bad(withCell(2, 0, "yesterday"), "line 2"));
    m.put("out-of-order-timestamp", new Bad(withCell(BAD_LINE, 0, l.get(1).split(",")[0]), "line " + BAD_LINE));
    m.put("mixed-timestamp-layout", new Bad(withCell(BAD_LINE, 0, "2016-07-21T19:00:00Z"), "line " + BAD_LINE));
    m.put("utf16-bom", new Bad(utf16(true), "UTF-16"));
    m.put("utf16-no-bom", new Bad(utf16(false), "NUL"));
    m.put("nul-in-number", new Bad(withCell(BAD_LINE, 1, "5.8\u00002"), "line " + BAD_LINE));
    m.put("control-char-in-cell", new Bad(withCell(BAD_LINE, 1, "5.8\u0007\u001b[31m"), "line " + BAD_LINE
        + ": a control character"));
    m.put("control-char-in-timestamp", new Bad(withCell(BAD_LINE, 0, "2016\u0008-07-21"), "line " + BAD_LINE
        + ": a control character"));
    m.put("binary", new Bad(binary(), "binary data"));
    m.put("header-10001-columns", new Bad(wide(10_001, 1), "10000"));
    m.put("row-10010-fields", new Bad(withLine(3, s -> s + ",1".repeat(10_010)), "line 3: cannot parse CSV: a row "
        + "with more than"));
    m.put("long-numeric-field", new Bad(withCell(BAD_LINE, 1, "1".repeat(70_000)), "line " + BAD_LINE
        + ": cannot parse CSV: field 2 is longer than"));
    m.put("long-text-field", new Bad(withCell(BAD_LINE, 1, "x".repeat(60_000)), "line " + BAD_LINE));
    m.put("unbalanced-quote", new Bad(withCell(BAD_LINE, 1, "\"5.8"), "line " + BAD_LINE
        + ": cannot parse CSV: field 2 runs on"));
    m.put("bom-then-bad-cell", new Bad(bom(withCell(BAD_LINE, 1, "abc")), "line " + BAD_LINE + ", column 'HUFL'"));
    m.put("crlf-bad-cell", new Bad(crlf(withCell(BAD_LINE, 1, "abc")), "line " + BAD_LINE + ", column 'HUFL'"));
    return m;
  }

  /** A defect in the values that only matters once they are scaled (not an error for {@code inspect}). */
  byte[] hugeValues() {
    return hugeValues(ROWS);
  }

  /** The first {@code rows} rows with ±1e308 in {@code HUFL}. */
  byte[] hugeValues(int rows) {
    List<String> l = lines().subList(0, rows + 1);
    for (int i = 1; i < l.size(); i++) {
      String[] f = l.get(i).split(",", -1);
      f[1] = i % 2 == 0 ? "1e308" : "-1e308";
      l.set(i, String.join(",", f));
    }
    return join(l);
  }

  /** Every value column constant (no OrthoTrans basis can be built). */
  byte[] constant() {
    List<String> l = lines();
    for (int i = 1; i < l.size(); i++) {
      String[] f = l.get(i).split(",", -1);
      for (int c = 1; c < f.length; c++) {
        f[c] = "1.0";
      }
      l.set(i, String.join(",", f));
    }
    return join(l);
  }

  /** The base file with the columns renamed (a model trained on the base refuses it). */
  byte[] otherColumns() {
    return otherColumns(ROWS);
  }

  /** The first {@code rows} rows with the columns renamed. */
  byte[] otherColumns(int rows) {
    List<String> l = lines().subList(0, rows + 1);
    l.set(0, "date,A,B,C,D,E,F,G");
    return join(l);
  }

  /** The base file without the {@code OT} column. */
  byte[] missingColumn() {
    List<String> l = lines();
    for (int i = 0; i < l.size(); i++) {
      l.set(i, l.get(i).substring(0, l.get(i).lastIndexOf(',')));
    }
    return join(l);
  }

  private byte[] utf16(boolean bom) {
    byte[] text = new String(firstRows(50), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE);
    if (!bom) {
      return text;
    }
    byte[] out = new byte[text.length + 2];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xFE;
    System.arraycopy(text, 0, out, 2, text.length);
    return out;
  }

  private static byte[] bom(byte[] text) {
    byte[] out = new byte[text.length + 3];
    out[0] = (byte) 0xEF;
    out[1] = (byte) 0xBB;
    out[2] = (byte) 0xBF;
    System.arraycopy(text, 0, out, 3, text.length);
    return out;
  }

  private static byte[] crlf(byte[] text) {
    return new String(text, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Random bytes without NUL (control characters, invalid UTF-8, commas and newlines included). */
  static byte[] binary() {
    Random random = new Random(7);
    byte[] b = new byte[4096];
    for (int i = 0; i < b.length; i++) {
      int v;
      do {
        v = random.nextInt(256);
      } while (v == 0);
      b[i] = (byte) v;
    }
    return b;
  }

  private static byte[] wide(int valueColumns, int rows) {
    StringBuilder sb = new StringBuilder("date");
    for (int c = 0; c < valueColumns; c++) {
      sb.append(",c").append(c);
    }
    sb.append('\n');
    for (int r = 0; r < rows; r++) {
      sb.append("2016-07-01 0").append(r).append(":00:00");
      sb.append(",1.0".repeat(valueColumns));
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A CSV file's bytes and a fragment its error should contain (null: any precise message). */
  record Bad(byte[] bytes, String mentions) {}

  // ------------------------------------------------------------------ model directories

  /** The corrupted copies of a trained OLinear model directory, by name (see {@link #corrupt}). */
  static final List<String> CORRUPTIONS = List.of("missing-model-json", "empty-directory", "model-json-bad-json",
      "model-json-array", "model-json-empty-object", "model-json-binary", "model-json-unknown-type",
      "model-json-format-9", "model-json-no-card", "model-json-type-number", "weights-truncated", "weights-empty",
      "weights-missing", "weights-garbage", "scaler-bad-json", "scaler-missing", "scaler-wrong-length",
      "scaler-null-values", "scaler-empty-object", "q-in-wrong-size", "q-out-wrong-size", "q-in-garbage",
      "q-out-missing", "card-seq-len-zero", "card-columns-mismatch");

  /** Writes the corrupted copy {@code name} of {@code model} to {@code dir}. */
  static void corrupt(String name, Path model, Path dir) throws IOException {
    Files.createDirectories(dir);
    if (!name.equals("empty-directory")) {
      try (Stream<Path> files = Files.list(model)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
    }
    Path modelJson = dir.resolve("model.json");
    Path weights = dir.resolve("weights.bin");
    Path scaler = dir.resolve("scaler.json");
    String json = Files.exists(modelJson) ? Files.readString(modelJson) : "";
    switch (name) {
      case "missing-model-json" -> Files.delete(modelJson);
      case "empty-directory" -> { }
      case "model-json-bad-json" -> Files.writeString(modelJson, "{\"format\": 1, \"type\": ");
      case "model-json-array" -> Files.writeString(modelJson, "[1, 2]");
      case "model-json-empty-object" -> Files.writeString(modelJson, "{}");
      case "model-json-binary" -> Files.write(modelJson, binary());
      case "model-json-unknown-type" -> Files.writeString(modelJson, json.replace("\"type\" : \"olinear\"",
          "\"type\" : \"prophet\""));
      case "model-json-format-9" -> Files.writeString(modelJson, json.replace("\"format\" : 1", "\"format\" : 9"));
      case "model-json-no-card" -> Files.writeString(modelJson, json.replaceFirst("(?s)\"card\" : \\{.*?\\},",
          ""));
      case "model-json-type-number" -> Files.writeString(modelJson, json.replace("\"type\" : \"olinear\"",
          "\"type\" : 17"));
      case "weights-truncated" -> {
        byte[] w = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(w, w.length / 2));
      }
      case "weights-empty" -> Files.write(weights, new byte[0]);
      case "weights-missing" -> Files.delete(weights);
      case "weights-garbage" -> Files.write(weights, binary());
      case "scaler-bad-json" -> Files.writeString(scaler, "{\"mean\": [1, 2");
      case "scaler-missing" -> Files.delete(scaler);
      case "scaler-wrong-length" -> Files.writeString(scaler, "{\"mean\": [1, 2, 3], \"std\": [1, 1, 1]}");
      case "scaler-null-values" -> Files.writeString(scaler,
          "{\"mean\": [null, 1, 1, 1, 1, 1, 1], \"std\": [1, 1, 1, 1, 1, 1, \"x\"]}");
      case "scaler-empty-object" -> Files.writeString(scaler, "{}");
      case "q-in-wrong-size" -> Files.copy(dir.resolve("q_out.npy"), dir.resolve("q_in.npy"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      case "q-out-wrong-size" -> Files.copy(model.resolve("q_in.npy"), dir.resolve("q_out.npy"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      case "q-in-garbage" -> Files.write(dir.resolve("q_in.npy"), binary());
      case "q-out-missing" -> Files.delete(dir.resolve("q_out.npy"));
      case "card-seq-len-zero" -> Files.writeString(modelJson, json.replace("\"seqLen\" : 24", "\"seqLen\" : 0"));
      case "card-columns-mismatch" -> Files.writeString(modelJson, json.replace("\"OT\" ]", "\"OT\", \"extra\" ]"));
      default -> throw new IllegalArgumentException(name);
    }
  }

  /** Writes bytes to a file (parents created). */
  static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
