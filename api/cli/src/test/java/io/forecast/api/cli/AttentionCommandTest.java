package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionCommandTest {
  @TempDir Path dir;
  Path q;
  Path k;
  Path v;

  @BeforeEach
  void inputs() throws Exception {
    q = write("q.csv", 6, 4, 1);
    k = write("k.csv", 6, 4, 2);
    v = write("v.csv", 6, 3, 3);
  }

  private Path write(String name, int rows, int cols, long seed) throws Exception {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        sb.append(j == 0 ? "" : ",").append(rnd.nextGaussian());
      }
      sb.append('\n');
    }
    return Files.writeString(dir.resolve(name), sb.toString());
  }

  private static double[][] read(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    double[][] m = new double[lines.size()][];
    for (int i = 0; i < m.length; i++) {
      String[] cells = lines.get(i).split(",");
      m[i] = new double[cells.length];
      for (int j = 0; j < cells.length; j++) {
        m[i][j] = Double.parseDouble(cells[j]);
      }
    }
    return m;
  }

  @Test
  void referenceAndDjlEnginesAgreeAndTheFilesHoldARowStochasticMatrix() throws Exception {
    Path a1 = dir.resolve("a-ref.csv");
    Path a2 = dir.resolve("a-djl.csv");
    Path o1 = dir.resolve("o-ref.csv");
    CliRun ref = CliRun.of("attention", "--op", "softmax", "--q", q.toString(), "--k", k.toString(), "--v",
        v.toString(), "--out-a", a1.toString(), "--out-o", o1.toString());
    assertThat(ref.exitCode()).as(ref.err()).isZero();
    CliRun djl = CliRun.of("attention", "--op", "softmax", "--engine", "djl", "--q", q.toString(), "--k",
        k.toString(), "--v", v.toString(), "--out-a", a2.toString());
    assertThat(djl.exitCode()).as(djl.err()).isZero();
    double[][] a = read(a1);
    double[][] b = read(a2);
    assertThat(a).hasNumberOfRows(6);
    for (int i = 0; i < 6; i++) {
      double sum = 0;
      for (int j = 0; j < 6; j++) {
        sum += a[i][j];
        assertThat(Math.abs(a[i][j] - b[i][j])).isLessThan(1e-12);
      }
      assertThat(Math.abs(sum - 1)).isLessThan(1e-12);
    }
    // 17 significant digits per value
    for (String cell : Files.readAllLines(a1).get(0).split(",")) {
      assertThat(new java.math.BigDecimal(cell).precision()).as(cell).isEqualTo(17);
    }
    JsonNode json = new ObjectMapper().readTree(ref.out());
    assertThat(json.at("/mixing/maxRowError").asDouble()).isLessThan(1e-12);
    assertThat(json.at("/output/effectiveRank").asDouble()).isPositive();
    assertThat(json.get("n").asInt()).isEqualTo(6);
    assertThat(read(o1)[0]).hasSize(3);
  }

  @Test
  void anUnknownOperatorIsBadInputNamingTheKnownOnes() {
    CliRun run = CliRun.of("attention", "--op", "nope", "--q", q.toString(), "--k", k.toString(), "--v", v.toString());
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).startsWith("error: unknown attention operator 'nope'; known: softmax");
    assertThat(run.err().lines().count()).isEqualTo(1);
  }

  @Test
  void aParameterTheOperatorDoesNotTakeIsBadInput() {
    CliRun run = CliRun.of("attention", "--op", "softmax", "--iterations", "3", "--q", q.toString(), "--k",
        k.toString(), "--v", v.toString());
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).isEqualTo("error: attention operator 'softmax' has no parameter 'iterations' (it takes "
        + "none)\n");
  }

  @Test
  void mismatchedShapesAreBadInputNamingThem() throws Exception {
    Path k5 = write("k5.csv", 6, 5, 4);
    CliRun run = CliRun.of("attention", "--op", "softmax", "--q", q.toString(), "--k", k5.toString(), "--v",
        v.toString());
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).isEqualTo("error: softmax: Q has 4 features per token but K has 5\n");
  }

  @Test
  void aBrokenMatrixFileIsBadInputNamingTheOption() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "1,2\n3\n");
    CliRun run = CliRun.of("attention", "--op", "softmax", "--q", bad.toString(), "--k", k.toString(), "--v",
        v.toString());
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).startsWith("error: --q: ");
    CliRun missing = CliRun.of("attention", "--op", "softmax", "--q", dir.resolve("none.csv").toString(), "--k",
        k.toString(), "--v", v.toString());
    assertThat(missing.err()).startsWith("error: --q: no such file: ");
  }

  @Test
  void listShowsEveryOperatorWithItsParameters() throws Exception {
    CliRun run = CliRun.of("attention", "--list");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.has("softmax")).isTrue();
    assertThat(json.at("/sinkhorn/parameters/iterations/default").asInt()).isEqualTo(3);
    assertThat(json.at("/sinkhorn/parameters/iterations/allowed").asText()).startsWith("an integer from 1 to");
  }

  @Test
  void anyParameterCanBeGivenByNameAndTwiceIsRefused() throws Exception {
    CliRun run = CliRun.of("attention", "--op", "sinkhorn", "--param", "float32-marginals=true", "--iterations", "5",
        "--q", q.toString(), "--k", k.toString(), "--v", v.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.at("/parameters/float32-marginals").asBoolean()).isTrue();
    assertThat(json.at("/parameters/iterations").asInt()).isEqualTo(5);
    CliRun twice = CliRun.of("attention", "--op", "sinkhorn", "--param", "iterations=3", "--iterations", "5",
        "--q", q.toString(), "--k", k.toString(), "--v", v.toString());
    assertThat(twice.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(twice.err()).isEqualTo("error: parameter 'iterations' is given twice (as an option and as --param)\n");
  }

  @Test
  void withoutAMatrixTheCommandSaysWhichIsMissing() {
    CliRun run = CliRun.of("attention", "--op", "softmax", "--q", q.toString(), "--k", k.toString());
    assertThat(run.exitCode()).isEqualTo(ForecastCli.BAD_INPUT);
    assertThat(run.err()).isEqualTo("error: missing --v (see 'forecast attention --help')\n");
  }

  @Test
  void anOperatorWithoutASingleMatrixWritesOnlyTheOutputAndSaysSo() throws Exception {
    Path a = dir.resolve("a.csv");
    CliRun run = CliRun.of("attention", "--op", "delta", "--window", "2", "--gamma", "2", "--q", q.toString(), "--k",
        k.toString(), "--v", v.toString(), "--out-a", a.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(a).doesNotExist();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("note").asText()).isEqualTo("delta forms no single mixing matrix; --out-a was not written");
    assertThat(json.get("mixing").isNull()).isTrue();
  }
}
