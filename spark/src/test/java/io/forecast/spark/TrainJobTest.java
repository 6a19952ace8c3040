package io.forecast.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training job: one loadable model per good series, bad series reported, retries harmless. */
class TrainJobTest {
  @TempDir Path dir;

  /** Ten good series of 160 hourly rows, and one each too short, constant and with a NaN. */
  private Path input() throws Exception {
    Map<String, List<String>> series = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      series.put("good" + i, LocalSpark.text(LocalSpark.series(i, 160)));
    }
    series.put("bad-short", LocalSpark.text(LocalSpark.series(1, 30)));
    series.put("bad-constant", Collections.nCopies(160, "4.5"));
    List<String> nan = new ArrayList<>(LocalSpark.text(LocalSpark.series(2, 160)));
    nan.set(77, "NaN");
    series.put("bad-nan", nan);
    Path input = dir.resolve("long.csv");
    LocalSpark.writeLong(input, series);
    return input;
  }

  private String[] train(Path input, Path store, Path summary, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--master", LocalSpark.MASTER, "--input", input.toString(),
        "--store", store.toString(), "--summary", summary.toString(), "--model-type", "dlinear",
        "--set", "epochs=1", "--set", "kernel=5", "--seq-len", "24", "--pred-len", "8", "--split", "ratio",
        "--partitions", "2"));
    args.addAll(List.of(extra));
    return LocalSpark.run(args.toArray(new String[0]));
  }

  private static List<String> entries(Path store) throws Exception {
    try (Stream<Path> s = Files.list(store)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * One job (Spark's start and ten trainings are the test's cost): ten good series and three bad ones,
   * on {@code local[2,2]} with the first attempt of the task training {@code good4} failing after its
   * model was staged, over a store where a killed attempt of an earlier run left a partial copy.
   */
  @Test
  void tenModelsBadSeriesReportedAndATaskRetryLeavesNoDuplicateNorPartialModel() throws Exception {
    Path store = dir.resolve("store");
    Files.createDirectories(store.resolve(".tmp-good1-2f8a7c9e-0000-0000-0000-000000000000"));
    Files.writeString(store.resolve(".tmp-good1-2f8a7c9e-0000-0000-0000-000000000000/weights.bin"), "partial");
    Path summary = dir.resolve("summary.parquet");
    String[] r = train(input(), store, summary, "--test-fail-once", "good4");

    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).contains("\"keys\":13", "\"trained\":10",
        "\"failed\":{\"constant\":1,\"nan\":1,\"too-short\":1}");
    assertThat(entries(store)).as("ten models; no temporary, staged or second copy").containsExactly("good0",
        "good1", "good2", "good3", "good4", "good5", "good6", "good7", "good8", "good9");
    for (int i = 0; i < 10; i++) {
      try (Forecaster f = ForecasterTypes.load(store.resolve("good" + i))) {
        assertThat(f.card().type()).isEqualTo("dlinear");
        assertThat(f.card().columns()).containsExactly("value");
        assertThat(f.card().seqLen()).isEqualTo(24);
        assertThat(f.card().predLen()).isEqualTo(8);
        assertThat(f.provenance().data().file()).isEqualTo("good" + i + ".csv");
        assertThat(f.provenance().data().rows()).isEqualTo(160);
      }
    }
    List<Row> rows = LocalSpark.get().read().parquet(summary.toString()).collectAsList();
    assertThat(rows).as("one row per key, none from the failed attempt").hasSize(13);
    Map<String, Row> byKey = new HashMap<>();
    rows.forEach(row -> byKey.put(row.getString(0), row));
    assertThat(byKey).hasSize(13);
    assertThat(byKey.get("good3").getString(2)).isEqualTo("ok");
    assertThat(byKey.get("good3").getInt(5)).isEqualTo(160);
    assertThat(byKey.get("good3").getDouble(8)).isPositive(); // test MSE
    assertThat(byKey.get("good4").getString(2)).isEqualTo("ok");
    assertThat(byKey.get("good4").getInt(10)).as("trained by the retry").isEqualTo(1);
    assertThat(byKey.get("bad-short").getString(3)).isEqualTo("too-short");
    assertThat(byKey.get("bad-constant").getString(3)).isEqualTo("constant");
    assertThat(byKey.get("bad-constant").getString(4)).contains("bad-constant.csv is constant");
    assertThat(byKey.get("bad-nan").getString(3)).isEqualTo("nan");
    assertThat(byKey.get("bad-nan").getString(4)).contains("line 79", "NaN");
  }
}
