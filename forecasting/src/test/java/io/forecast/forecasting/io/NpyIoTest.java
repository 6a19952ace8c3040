package io.forecast.forecasting.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyIoTest {
  /** {@code np.save} (NumPy 2.4) of {@code [[i*0.1 + k/7 for k in range(2)] for i in range(3)]}, float64. */
  private static final String NUMPY_3X2_F8 =
      "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsIDIpLCB9ICAg"
          + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAJIkSZIk"
          + "ScI/mpmZmZmZuT9f8RVf8RXPP5qZmZmZmck/Fl/xFV/x1T8=";
  /** The same array cast to float32. */
  private static final String NUMPY_3X2_F4 =
      "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsIDIpLCB9ICAg"
          + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAJUkSPs3MzD2L"
          + "r3g+zcxMPvmKrz4=";

  @TempDir Path tmp;

  private static double[][] sample() {
    double[][] m = new double[3][2];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 2; k++) {
        m[i][k] = i * 0.1 + k / 7.0;
      }
    }
    return m;
  }

  @Test
  void writerBytesEqualNumpySave() {
    assertThat(NpyIo.toBytes(sample(), NpyDtype.FLOAT64)).isEqualTo(Base64.getDecoder().decode(NUMPY_3X2_F8));
    assertThat(NpyIo.toBytes(sample(), NpyDtype.FLOAT32)).isEqualTo(Base64.getDecoder().decode(NUMPY_3X2_F4));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 24, 96, 720, 1000})
  void headerIsAlignedTo64AndEndsWithNewline(int rows) {
    byte[] h = NpyIo.header(rows, 7, NpyDtype.FLOAT32);
    assertThat(h.length % 64).isZero();
    assertThat(h[h.length - 1]).isEqualTo((byte) '\n');
    int declared = ByteBuffer.wrap(h, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    assertThat(declared).isEqualTo(h.length - 10);
    assertThat(new String(h, 10, h.length - 10, StandardCharsets.ISO_8859_1))
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", 7), }");
  }

  @Test
  void roundTripIsBitExactForBothDtypes() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    double[][] m = new double[37][53];
    for (double[] row : m) {
      for (int k = 0; k < row.length; k++) {
        row[k] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-30, 30));
      }
    }
    m[0][0] = -0.0;
    m[0][1] = Double.MIN_VALUE;
    m[0][2] = Double.MAX_VALUE;

    Path f8 = tmp.resolve("m8.npy");
    NpyIo.write(f8, m, NpyDtype.FLOAT64);
    NpyMatrix back8 = NpyIo.read(f8);
    assertThat(back8.dtype()).isEqualTo(NpyDtype.FLOAT64);
    assertThat(back8.rows()).isEqualTo(37);
    assertThat(back8.cols()).isEqualTo(53);
    for (int i = 0; i < m.length; i++) {
      for (int k = 0; k < m[i].length; k++) {
        assertThat(Double.doubleToRawLongBits(back8.get(i, k))).isEqualTo(Double.doubleToRawLongBits(m[i][k]));
      }
    }

    float[] floats = new float[37 * 53];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) m[i / 53][i % 53];
    }
    floats[5] = Float.MIN_VALUE;
    Path f4 = tmp.resolve("m4.npy");
    NpyIo.writeFloat32(f4, floats, 37, 53);
    NpyMatrix back4 = NpyIo.read(f4);
    assertThat(back4.dtype()).isEqualTo(NpyDtype.FLOAT32);
    double[] values = back4.toRowMajor();
    for (int i = 0; i < floats.length; i++) {
      assertThat(Float.floatToRawIntBits((float) values[i])).isEqualTo(Float.floatToRawIntBits(floats[i]));
    }
    // Re-writing what was read gives the identical file.
    Path again = tmp.resolve("again.npy");
    NpyIo.write(again, back4.toArray(), NpyDtype.FLOAT32);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(f4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"national_illness_24_ratio0.7.npy", "national_illness_36_ratio0.7.npy", "ETTh1_96_ratio0.6.npy"})
  void officialFilesReadAndRewriteByteIdentical(String name) throws IOException {
    String dir = System.getProperty("forecast.shared.dir");
    assumeTrue(dir != null, "forecast.shared.dir not set");
    Path file = Path.of(dir, "fixtures", "orthotrans", "official", name);
    assumeTrue(Files.exists(file), "absent: " + file);
    int length = Integer.parseInt(name.replaceAll("^.*_(\\d+)_ratio.*$", "$1"));

    NpyMatrix m = NpyIo.read(file);
    assertThat(m.dtype()).isEqualTo(NpyDtype.FLOAT32);
    assertThat(m.rows()).isEqualTo(length);
    assertThat(m.cols()).isEqualTo(length);
    assertThat(NpyIo.toBytes(m.toArray(), NpyDtype.FLOAT32)).isEqualTo(Files.readAllBytes(file));
  }

  // ---- rejection ------------------------------------------------------------------------------

  private static byte[] withHeader(String dict, int dataBytes) {
    String padded = dict;
    while ((10 + padded.length() + 1) % 64 != 0) {
      padded += " ";
    }
    padded += "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + padded.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) padded.length());
    b.put(padded.getBytes(StandardCharsets.ISO_8859_1));
    return b.array();
  }

  private static void assertRejected(byte[] bytes, String message) {
    assertThatThrownBy(() -> NpyIo.read(new ByteArrayInputStream(bytes), "test.npy"))
        .isInstanceOf(MatrixFormatException.class)
        .hasMessageStartingWith("test.npy: ")
        .hasMessageContaining(message);
  }

  @Test
  void rejectsBadMagicAndVersion() {
    byte[] ok = NpyIo.toBytes(sample(), NpyDtype.FLOAT64);
    byte[] magic = ok.clone();
    magic[1] = 'X';
    assertRejected(magic, "bad magic string");
    byte[] version = ok.clone();
    version[6] = 4;
    assertRejected(version, "unsupported .npy format version 4.0");
    assertRejected(new byte[] {1, 2, 3}, "not a .npy file");
  }

  @Test
  void rejectsBigEndianOtherDtypesFortranOrderAndOtherRanks() {
    assertRejected(withHeader("{'descr': '>f8', 'fortran_order': False, 'shape': (3, 2), }", 48),
        "big-endian data ('>f8') is not supported");
    assertRejected(withHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (3, 2), }", 48),
        "unsupported dtype '<i8'");
    assertRejected(withHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }", 24),
        "unsupported dtype [('a'");
    assertRejected(withHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }", 48),
        "Fortran-order (column-major) arrays are not supported");
    assertRejected(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", 48),
        "expected a 2-D array, got shape (6,) with 1 dimension(s)");
    assertRejected(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3, 2), }", 48),
        "expected a 2-D array");
  }

  @Test
  void rejectsTruncatedAndTrailingData() {
    byte[] ok = NpyIo.toBytes(sample(), NpyDtype.FLOAT32);
    assertRejected(Arrays.copyOf(ok, ok.length - 1), "truncated data: shape (3, 2) of '<f4' needs 24 bytes, file has 23");
    assertRejected(Arrays.copyOf(ok, ok.length + 4), "4 unexpected trailing bytes");
    assertRejected(Arrays.copyOf(ok, 40), "truncated .npy header");
  }

  @Test
  void readsAnEmptyMatrix() throws IOException {
    NpyMatrix m = NpyIo.parse(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 5), }", 0), "e");
    assertThat(m.rows()).isZero();
    assertThat(m.cols()).isEqualTo(5);
  }
}
