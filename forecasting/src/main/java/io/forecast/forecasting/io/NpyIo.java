package io.forecast.forecasting.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes 2-D NumPy {@code .npy} files.
 *
 * <p><b>Read</b>: format versions 1.0, 2.0 and 3.0 (they differ only in the header-length field
 * and header encoding), element type {@code '<f4'} or {@code '<f8'}, {@code 'fortran_order':
 * False}, a 2-D shape, and exactly {@code rows·cols} elements after the header. Anything else —
 * bad magic, another version, big-endian or non-float dtypes, Fortran order, other ranks,
 * truncated data or trailing bytes — is rejected with a {@link MatrixFormatException} saying what
 * was found.
 *
 * <p><b>Write</b>: format version 1.0 exactly as {@code np.save} (NumPy 2.x) writes it: header
 * dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (R, C), }}, 21 minus the number of
 * digits of {@code R} spare spaces (NumPy's growth padding), then spaces and a final {@code '\n'}
 * so that magic, version, length field and header together are a multiple of 64 bytes.
 */
public final class NpyIo {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern DESCR_ANY = Pattern.compile("'descr'\\s*:\\s*([^,]*)");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyIo() {}

  /** Reads a 2-D {@code float32}/{@code float64} {@code .npy} file. */
  public static NpyMatrix read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Reads a 2-D {@code .npy} array from a stream (read to its end); {@code source} names it in errors. */
  public static NpyMatrix read(InputStream in, String source) throws IOException {
    Objects.requireNonNull(in, "in");
    return parse(in.readAllBytes(), source);
  }

  /** Reads a 2-D {@code .npy} file straight into a {@code double[rows][cols]} array. */
  public static double[][] readMatrix(Path file) throws IOException {
    return read(file).toArray();
  }

  /** Parses the bytes of a {@code .npy} file. */
  public static NpyMatrix parse(byte[] bytes, String source) throws MatrixFormatException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < MAGIC.length + 2) {
      throw new MatrixFormatException(source, "not a .npy file: only " + bytes.length + " bytes");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new MatrixFormatException(source, "not a .npy file: bad magic string (expected \\x93NUMPY)");
      }
    }
    int major = bytes[6] & 0xff;
    int minor = bytes[7] & 0xff;
    if (minor != 0 || major < 1 || major > 3) {
      throw new MatrixFormatException(source, "unsupported .npy format version " + major + "." + minor
          + " (supported: 1.0, 2.0, 3.0)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerStart;
    long headerLen;
    if (major == 1) {
      if (bytes.length < 10) {
        throw new MatrixFormatException(source, "truncated .npy header");
      }
      headerLen = buf.getShort(8) & 0xffff;
      headerStart = 10;
    } else {
      if (bytes.length < 12) {
        throw new MatrixFormatException(source, "truncated .npy header");
      }
      headerLen = buf.getInt(8) & 0xffffffffL;
      headerStart = 12;
    }
    if (headerStart + headerLen > bytes.length) {
      throw new MatrixFormatException(source, "truncated .npy header: declared " + headerLen
          + " header bytes, file has " + (bytes.length - headerStart));
    }
    String header = new String(bytes, headerStart, (int) headerLen,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
    if (!header.startsWith("{") || !header.endsWith("}")) {
      throw new MatrixFormatException(source, "malformed .npy header (not a dict): " + header);
    }

    Matcher m = DESCR.matcher(header);
    if (!m.find()) {
      Matcher any = DESCR_ANY.matcher(header);
      String found = any.find() ? any.group(1).trim() : "none";
      throw new MatrixFormatException(source, "unsupported dtype " + found
          + "; only '<f4' (float32) and '<f8' (float64) are read");
    }
    String descr = m.group(1);
    NpyDtype dtype = NpyDtype.fromDescr(descr);
    if (dtype == null) {
      if (descr.equals(">f4") || descr.equals(">f8")) {
        throw new MatrixFormatException(source, "big-endian data ('" + descr
            + "') is not supported; only little-endian '<f4' and '<f8' are read");
      }
      throw new MatrixFormatException(source, "unsupported dtype '" + descr
          + "'; only '<f4' (float32) and '<f8' (float64) are read");
    }
    m = FORTRAN.matcher(header);
    if (!m.find()) {
      throw new MatrixFormatException(source, "malformed .npy header: no 'fortran_order': " + header);
    }
    if (m.group(1).equals("True")) {
      throw new MatrixFormatException(source, "Fortran-order (column-major) arrays are not supported;"
          + " save a C-order array (np.ascontiguousarray)");
    }
    m = SHAPE.matcher(header);
    if (!m.find()) {
      throw new MatrixFormatException(source, "malformed .npy header: no 'shape': " + header);
    }
    String shapeText = m.group(1).trim();
    String[] parts = shapeText.isEmpty() ? new String[0] : shapeText.split(",", -1);
    int dims = 0;
    long[] shape = new long[parts.length];
    for (String p : parts) {
      String t = p.trim();
      if (t.isEmpty()) {
        continue; // trailing comma of a 1-tuple or of NumPy's repr
      }
      try {
        shape[dims++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
      } catch (NumberFormatException e) {
        throw new MatrixFormatException(source, "malformed shape (" + shapeText + ")");
      }
    }
    if (dims != 2) {
      throw new MatrixFormatException(source, "expected a 2-D array, got shape (" + shapeText + ") with "
          + dims + " dimension(s)");
    }
    long rows = shape[0];
    long cols = shape[1];
    if (rows < 0 || cols < 0 || rows * cols > Integer.MAX_VALUE - 8) {
      throw new MatrixFormatException(source, "unsupported shape (" + shapeText + ")");
    }
    long count = rows * cols;
    long dataStart = headerStart + headerLen;
    long expected = count * dtype.bytes();
    long available = bytes.length - dataStart;
    if (available < expected) {
      throw new MatrixFormatException(source, "truncated data: shape (" + rows + ", " + cols + ") of '"
          + descr + "' needs " + expected + " bytes, file has " + available);
    }
    if (available > expected) {
      throw new MatrixFormatException(source, (available - expected) + " unexpected trailing bytes after"
          + " the data of shape (" + rows + ", " + cols + ") '" + descr + "'");
    }
    double[] data = new double[(int) count];
    int pos = (int) dataStart;
    if (dtype == NpyDtype.FLOAT32) {
      for (int i = 0; i < data.length; i++, pos += 4) {
        data[i] = buf.getFloat(pos);
      }
    } else {
      for (int i = 0; i < data.length; i++, pos += 8) {
        data[i] = buf.getDouble(pos);
      }
    }
    return new NpyMatrix((int) rows, (int) cols, dtype, data);
  }

  /**
   * Writes a 2-D array as {@code .npy} v1.0 in the given element type ({@code float32} values are
   * rounded to nearest). The file is replaced if it exists.
   *
   * @throws IllegalArgumentException if the matrix is ragged
   */
  public static void write(Path file, double[][] matrix, NpyDtype dtype) throws IOException {
    Objects.requireNonNull(file, "file");
    Files.write(file, toBytes(matrix, dtype));
  }

  /** Writes a 2-D array as {@code .npy} v1.0 to a stream (not closed). */
  public static void write(OutputStream out, double[][] matrix, NpyDtype dtype) throws IOException {
    Objects.requireNonNull(out, "out");
    out.write(toBytes(matrix, dtype));
  }

  /** Writes a row-major {@code float} array of shape {@code rows × cols} as {@code float32} {@code .npy}. */
  public static void writeFloat32(Path file, float[] rowMajor, int rows, int cols) throws IOException {
    Objects.requireNonNull(rowMajor, "rowMajor");
    checkShape(rowMajor.length, rows, cols);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    bos.write(header(rows, cols, NpyDtype.FLOAT32));
    ByteBuffer data = ByteBuffer.allocate(4 * rowMajor.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : rowMajor) {
      data.putFloat(v);
    }
    bos.write(data.array());
    Files.write(file, bos.toByteArray());
  }

  /**
   * The complete {@code .npy} v1.0 bytes of a 2-D array. A {@code double[0][]} has no column count
   * and is written with shape {@code (0, 0)}.
   */
  public static byte[] toBytes(double[][] matrix, NpyDtype dtype) {
    Objects.requireNonNull(matrix, "matrix");
    Objects.requireNonNull(dtype, "dtype");
    int rows = matrix.length;
    int cols = rows == 0 ? 0 : lengthOf(matrix[0], 0);
    for (int i = 1; i < rows; i++) {
      if (lengthOf(matrix[i], i) != cols) {
        throw new IllegalArgumentException("ragged matrix: row " + i + " has " + matrix[i].length
            + " entries, row 0 has " + cols);
      }
    }
    byte[] head = header(rows, cols, dtype);
    long total = head.length + (long) rows * cols * dtype.bytes();
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("matrix " + rows + " x " + cols + " too large for one array");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(head);
    for (double[] row : matrix) {
      for (double v : row) {
        if (dtype == NpyDtype.FLOAT32) {
          buf.putFloat((float) v);
        } else {
          buf.putDouble(v);
        }
      }
    }
    return buf.array();
  }

  /** Magic, version 1.0, header length and the padded header dict, as {@code np.save} writes them. */
  static byte[] header(int rows, int cols, NpyDtype dtype) {
    StringBuilder dict = new StringBuilder()
        .append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': False, 'shape': (")
        .append(rows).append(", ").append(cols).append("), }");
    dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(rows).length())));
    int hlen = dict.length() + 1;
    int padlen = ALIGN - ((MAGIC.length + 2 + 2 + hlen) % ALIGN);
    dict.append(" ".repeat(padlen)).append('\n');
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return buf.array();
  }

  private static int lengthOf(double[] row, int index) {
    if (row == null) {
      throw new IllegalArgumentException("row " + index + " is null");
    }
    return row.length;
  }

  private static void checkShape(int length, int rows, int cols) {
    if (rows < 0 || cols < 0 || (long) rows * cols != length) {
      throw new IllegalArgumentException("array of length " + length + " does not have shape ("
          + rows + ", " + cols + ")");
    }
  }
}
