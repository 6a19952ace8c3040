package io.forecast.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert}: every column of every wide file becomes its own long series (no Spark needed). */
class ConvertCommandTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = SparkJobs.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {Integer.toString(status), out.toString(), err.toString()};
  }

  @Test
  void everyColumnOfEveryFileIsASeriesAndChunksCountBackFromTheEnd() throws Exception {
    Path a = dir.resolve("a.csv");
    Files.writeString(a, "date,x,OT\n2020-01-01 00:00:00,1,10\n2020-01-01 01:00:00,2,20\n"
        + "2020-01-01 02:00:00,3,30\n2020-01-01 03:00:00,4,40\n2020-01-01 04:00:00,5,50\n");
    Path out = dir.resolve("long.csv");
    String[] r = run("convert", "--data", a.toString(), "--out", out.toString(), "--last", "2");
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).contains("\"series\":2", "\"rows\":4");
    assertThat(Files.readAllLines(out)).containsExactly("series_id,timestamp,value",
        "a.x,2020-01-01 03:00:00,4.0", "a.x,2020-01-01 04:00:00,5.0",
        "a.OT,2020-01-01 03:00:00,40.0", "a.OT,2020-01-01 04:00:00,50.0");

    r = run("convert", "--data", a.toString(), "--out", out.toString(), "--chunk", "2");
    assertThat(r[1]).contains("\"series\":4", "\"rows\":8"); // 5 rows: chunks [1,3) and [3,5), row 0 left out
    assertThat(Files.readAllLines(out)).contains("a.x.part0,2020-01-01 01:00:00,2.0", "a.x.part1,2020-01-01 04:00:00,5.0",
        "a.OT.part1,2020-01-01 03:00:00,40.0").doesNotContain("a.x.part0,2020-01-01 00:00:00,1.0");
  }

  @Test
  void aMissingFileIsOneErrorLine() {
    String[] r = run("convert", "--data", dir.resolve("nope.csv").toString(), "--out", dir.resolve("o.csv").toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2].strip()).startsWith("error: ").contains("nope.csv").doesNotContain("\n");
  }
}
