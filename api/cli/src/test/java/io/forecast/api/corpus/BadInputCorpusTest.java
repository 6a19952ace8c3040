package io.forecast.api.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forecast.api.server.ForecastServer;
import io.forecast.forecasting.persist.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The project's own bad-input corpus (issue 10, item 6): hostile or careless inputs, written at test
 * time, tried against the command line (in-process) and against a real server on a random port (open
 * mode, temporary store). Every case must be refused cleanly (see {@link Verdict}); the summary count
 * is logged at the end and must be 100 %.
 *
 * <p>Cases: bad CSV files × every data-reading command; options out of range for every command;
 * corrupted model directories × {@code evaluate} and {@code forecast}; JSON bodies (malformed,
 * duplicate keys, wrong types, missing fields, NaN/null/±1e308 values, short, long, bad timestamps),
 * URL ids ({@code ..}, {@code %2F}, {@code %5C}, {@code %00}), multipart bodies (no boundary,
 * truncated, no file, bad files), training forms (bad {@code settings}, unknown type, out-of-range
 * settings) and evaluations (wrong columns, bad files).
 */
@SpringBootTest(classes = ForecastServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
  private static final Logger LOG = LoggerFactory.getLogger(BadInputCorpusTest.class);
  static final Path ROOT = tempDir();
  static final Path STORE = ROOT.resolve("store");
  static final int MAX_HISTORY_ROWS = 200;
  static final String MODEL = "tiny";

  @LocalServerPort int port;

  private final CorpusFiles files = new CorpusFiles();
  private final Tally cliTally = new Tally();
  private final Tally restTally = new Tally();
  private Path model;
  private Http http;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("forecast.store.path", STORE::toString);
    registry.add("forecast.max-history-rows", () -> Integer.toString(MAX_HISTORY_ROWS));
    registry.add("forecast.api.max-json-body-size", () -> "256KB");
    registry.add("spring.servlet.multipart.max-file-size", () -> "1MB");
    registry.add("spring.servlet.multipart.max-request-size", () -> "1100KB");
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("forecast-corpus-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Trains the one tiny model both halves use (OLinear, one epoch, 24→8, on 1,000 rows). */
  @BeforeAll
  void trainTheFixtureModel() throws IOException {
    long t0 = System.nanoTime();
    Path good = CorpusFiles.write(ROOT.resolve("csv/good.csv"), files.good());
    model = ROOT.resolve("model");
    Cli run = Cli.run("train", "--data", good.toString(), "--set", "epochs=1", "--d-model", "16", "--embed-size", "2",
        "--seq-len", "24", "--pred-len", "8", "--split", "ratio", "--out", model.toString(), "--no-progress",
        "--threads", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path stored = STORE.resolve(MODEL);
    Files.createDirectories(stored);
    try (Stream<Path> list = Files.list(model)) {
      for (Path f : (Iterable<Path>) list::iterator) {
        Files.copy(f, stored.resolve(f.getFileName()));
      }
    }
    http = new Http(port);
    System.out.printf("corpus: fixture model trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  void summaryAndCleanUp() throws IOException {
    String summary = String.format(java.util.Locale.ROOT, "bad-input corpus: CLI %d/%d clean, REST %d/%d clean "
        + "(CLI %.1f s, REST %.1f s)", cliTally.clean, cliTally.total, restTally.clean, restTally.total,
        cliTally.nanos / 1e9, restTally.nanos / 1e9);
    LOG.warn(summary);
    System.out.println(summary);
    cliTally.dirty.forEach(d -> System.out.println("  not clean: " + d));
    restTally.dirty.forEach(d -> System.out.println("  not clean: " + d));
    writeTranscript(summary);
    AtomicDirectory.deleteRecursively(ROOT);
    assertThat(cliTally.clean).as(summary).isEqualTo(cliTally.total);
    assertThat(restTally.clean).as(summary).isEqualTo(restTally.total);
  }

  /** Every case with its answer, in {@code target/bad-input-corpus.txt}, for reading the messages. */
  private void writeTranscript(String summary) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(summary);
    lines.addAll(cliTally.transcript);
    lines.addAll(restTally.transcript);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "bad-input-corpus.txt"), lines, StandardCharsets.UTF_8);
  }

  /** Clean and total counts of one half, and the cases that were not clean. */
  static final class Tally {
    final List<String> transcript = new ArrayList<>();
    long nanos;
    int total;
    int clean;
    final List<String> dirty = new ArrayList<>();

    synchronized void record(String name, String why, String answer) {
      total++;
      transcript.add((why == null ? "clean     " : "NOT CLEAN ") + name + "\n    " + Verdict.abbreviate(answer)
          + (why == null ? "" : "\n    why: " + why));
      if (why == null) {
        clean++;
      } else {
        dirty.add(name + ": " + why);
      }
    }
  }

  // ================================================================== CLI

  record CliCase(String name, String mentions, List<String> args) {}

  private final List<CliCase> cliCases = new ArrayList<>();
  private final AtomicInteger outs = new AtomicInteger();

  private void cli(String name, String mentions, String... args) {
    cliCases.add(new CliCase(name, mentions, List.of(args)));
  }

  private String csv(String name, byte[] bytes) {
    return CorpusFiles.write(ROOT.resolve("csv/" + name + ".csv"), bytes).toString();
  }

  private String out(String suffix) {
    return ROOT.resolve("out/" + outs.incrementAndGet() + suffix).toString();
  }

  /** Every data-reading command on one file, with options that are fine for the base file. */
  private void everyCommand(String what, String file, String mentions, boolean inspectToo) {
    String m = model.toString();
    if (inspectToo) {
      cli("inspect " + what, mentions, "inspect", "--data", file, "--seq-len", "24", "--pred-len", "8", "--split",
          "ratio");
    }
    cli("orthotrans " + what, mentions, "orthotrans", "--data", file, "--length", "24", "--split", "ratio");
    cli("train " + what, mentions, "train", "--data", file, "--set", "epochs=1", "--d-model", "16", "--embed-size",
        "2", "--seq-len", "24", "--pred-len", "8", "--split", "ratio", "--out", out(""), "--no-progress",
        "--threads", "1");
    cli("evaluate " + what, mentions, "evaluate", "--model", m, "--data", file, "--split", "ratio", "--threads", "1");
    cli("forecast " + what, mentions, "forecast", "--model", m, "--data", file, "--out", out(".csv"), "--threads",
        "1");
  }

  private void buildCliCases() throws IOException {
    String m = model.toString();
    String good = csv("good", files.good());

    // ---- bad files × every command
    for (Map.Entry<String, CorpusFiles.Bad> e : files.csvVariants().entrySet()) {
      everyCommand(e.getKey(), csv(e.getKey(), e.getValue().bytes()), e.getValue().mentions(), true);
    }
    everyCommand("missing file", ROOT.resolve("csv/no-such-file.csv").toString(), "not found", true);
    everyCommand("directory as file", ROOT.resolve("csv").toString(), "not a readable file", true);
    everyCommand("±1e308 values", csv("huge", files.hugeValues()), null, false);
    everyCommand("too short", csv("short", files.firstRows(20)), null, true);
    cli("orthotrans constant variates", null, "orthotrans", "--data", csv("constant", files.constant()), "--length",
        "24", "--split", "ratio");
    String other = csv("other-columns", files.otherColumns());
    String fewer = csv("missing-column", files.missingColumn());
    cli("evaluate other columns", "columns", "evaluate", "--model", m, "--data", other, "--split", "ratio");
    cli("evaluate missing column", "columns", "evaluate", "--model", m, "--data", fewer, "--split", "ratio");
    cli("forecast other columns", "columns", "forecast", "--model", m, "--data", other, "--out", out(".csv"));
    cli("forecast missing column", "columns", "forecast", "--model", m, "--data", fewer, "--out", out(".csv"));

    // ---- inspect options
    cli("inspect --seq-len 0", "seq_len", "inspect", "--data", good, "--seq-len", "0");
    cli("inspect --seq-len 2147483647", "seq_len", "inspect", "--data", good, "--seq-len", "2147483647");
    cli("inspect --pred-len -1", "pred_len", "inspect", "--data", good, "--pred-len", "-1");
    cli("inspect --pred-len 2147483647", "pred_len", "inspect", "--data", good, "--pred-len", "2147483647");
    cli("inspect --seq-len abc", "--seq-len", "inspect", "--data", good, "--seq-len", "abc");
    cli("inspect --seq-len 99999999999", "--seq-len", "inspect", "--data", good, "--seq-len", "99999999999");
    cli("inspect --seq-len 900 (longer than the split)", null, "inspect", "--data", good, "--seq-len", "900",
        "--split", "ratio");
    cli("inspect --split bogus", "--split", "inspect", "--data", good, "--split", "bogus");
    cli("inspect --missing bogus", "--missing", "inspect", "--data", good, "--missing", "bogus");
    cli("inspect --target nope", "nope", "inspect", "--data", good, "--target", "nope");
    cli("inspect --timestamp-column nope", "nope", "inspect", "--data", good, "--timestamp-column", "nope");
    cli("inspect --timestamp-column HUFL", "HUFL", "inspect", "--data", good, "--timestamp-column", "HUFL");
    cli("inspect without --data", "--data", "inspect");
    cli("inspect --data without value", "--data", "inspect", "--data");
    cli("inspect unknown option", "--bogus", "inspect", "--data", good, "--bogus");
    cli("inspect extra argument", "extra", "inspect", "--data", good, "extra");

    // ---- orthotrans options
    cli("orthotrans --length 0", "--length", "orthotrans", "--data", good, "--length", "0");
    cli("orthotrans --length 1", "--length", "orthotrans", "--data", good, "--length", "1");
    cli("orthotrans --length -1", "--length", "orthotrans", "--data", good, "--length", "-1");
    cli("orthotrans --length 2147483647", "at most 100000", "orthotrans", "--data", good, "--length", "2147483647");
    cli("orthotrans --length 5000", "--length", "orthotrans", "--data", good, "--length", "5000");
    cli("orthotrans without --length", "--length", "orthotrans", "--data", good);
    cli("orthotrans --ratio 0", "--ratio", "orthotrans", "--data", good, "--length", "24", "--ratio", "0");
    cli("orthotrans --ratio 1.5", "--ratio", "orthotrans", "--data", good, "--length", "24", "--ratio", "1.5");
    cli("orthotrans --ratio NaN", "--ratio", "orthotrans", "--data", good, "--length", "24", "--ratio", "NaN");
    cli("orthotrans --ratio 0.001", "--length", "orthotrans", "--data", good, "--length", "24", "--ratio", "0.001");
    cli("orthotrans --dtype int8", "--dtype", "orthotrans", "--data", good, "--length", "24", "--dtype", "int8");
    cli("orthotrans --out q.txt", "--out", "orthotrans", "--data", good, "--length", "24", "--out", out("q.txt"));
    Path dirNpy = Files.createDirectories(ROOT.resolve("out/a-directory.npy"));
    cli("orthotrans --out onto a directory", "a-directory.npy", "orthotrans", "--data", good, "--length", "24",
        "--out", dirNpy.toString());
    cli("orthotrans --out onto a directory --overwrite", "a-directory.npy", "orthotrans", "--data", good, "--length",
        "24", "--out", dirNpy.toString(), "--overwrite");
    Path existing = CorpusFiles.write(ROOT.resolve("out/existing.npy"), new byte[] {1});
    cli("orthotrans --out existing file", "--overwrite", "orthotrans", "--data", good, "--length", "24", "--out",
        existing.toString());
    Path fileAsFolder = CorpusFiles.write(ROOT.resolve("out/plain-file"), new byte[] {1});
    cli("orthotrans --out under a file", "plain-file", "orthotrans", "--data", good, "--length", "24", "--out",
        fileAsFolder.resolve("q.npy").toString());
    cli("orthotrans --top abc", "--top", "orthotrans", "--data", good, "--length", "24", "--top", "abc");

    // ---- train options
    trainCase("--seq-len 0", "seq_len", "--seq-len", "0");
    trainCase("--seq-len 2147483647", "seq_len", "--seq-len", "2147483647");
    trainCase("--pred-len -1", "pred_len", "--pred-len", "-1");
    trainCase("--pred-len 2147483647", "pred_len", "--pred-len", "2147483647");
    trainCase("--seq-len 900 (series too short)", null, "--seq-len", "900");
    trainCase("--epochs 0", "epochs", "--epochs", "0");
    trainCase("--epochs -1", "epochs", "--epochs", "-1");
    trainCase("--set epochs=2000000000", "epochs", "--set", "epochs=2000000000");
    trainCase("--set epochs=1e9", "epochs", "--set", "epochs=1e9");
    trainCase("--set epochs=abc", "epochs", "--set", "epochs=abc");
    trainCase("--set dModel=2147483647", "dModel", "--set", "dModel=2147483647");
    trainCase("--set dModel=99999999999", "dModel", "--set", "dModel=99999999999");
    trainCase("--d-model 0", "dModel", "--d-model", "0");
    trainCase("--set dFf=-1", "dFf", "--set", "dFf=-1");
    trainCase("--e-layers 1000", "eLayers", "--e-layers", "1000");
    trainCase("--embed-size 0", "embedSize", "--embed-size", "0");
    trainCase("--q-ratio 2", "qRatio", "--q-ratio", "2");
    trainCase("--lr -1", "learningRate", "--lr", "-1");
    trainCase("--lr NaN", "learningRate", "--lr", "NaN");
    trainCase("--lr Infinity", "learningRate", "--lr", "Infinity");
    trainCase("--dropout 1.5", "dropout", "--dropout", "1.5");
    trainCase("--batch-size 0", "batchSize", "--batch-size", "0");
    trainCase("--batch-size 2147483647", "batchSize", "--batch-size", "2147483647");
    trainCase("--patience -1", "patience", "--patience", "-1");
    trainCase("--lradj bogus", "lradj", "--lradj", "bogus");
    trainCase("--preset huge", "preset", "--preset", "huge");
    trainCase("--seed abc", "--seed", "--seed", "abc");
    trainCase("--model-type prophet", "prophet", "--model-type", "prophet");
    trainCase("--model-type empty", null, "--model-type", "");
    trainCase("--set foo=1", "foo", "--set", "foo=1");
    trainCase("--set without =", "--set", "--set", "epochs");
    trainCase("--set =1", null, "--set", "=1");
    trainCase("--epochs and --set epochs", "epochs", "--epochs", "1", "--set", "epochs=2");
    trainCase("dlinear --set kernel=24", "kernel", "--model-type", "dlinear", "--set", "kernel=24");
    trainCase("dlinear --set kernel=0", "kernel", "--model-type", "dlinear", "--set", "kernel=0");
    trainCase("dlinear --set kernel=999999", "kernel", "--model-type", "dlinear", "--set", "kernel=999999");
    trainCase("linear --set individual=maybe", "individual", "--model-type", "linear", "--set", "individual=maybe");
    trainCase("linear --set loss=bogus", "loss", "--model-type", "linear", "--set", "loss=bogus");
    trainCase("linear --set optimizer=sgd", "optimizer", "--model-type", "linear", "--set", "optimizer=sgd");
    trainCase("linear --d-model 16", "dModel", "--model-type", "linear", "--d-model", "16");
    trainCase("seasonal-naive --set period=0", "period", "--model-type", "seasonal-naive", "--set", "period=0");
    trainCase("seasonal-naive --set period=100000", "period", "--model-type", "seasonal-naive", "--set",
        "period=100000");
    trainCase("naive --set epochs=1", "epochs", "--model-type", "naive", "--set", "epochs=1");
    trainCase("--threads 0", "--threads", "--threads", "0");
    trainCase("--threads -4", "--threads", "--threads", "-4");
    trainCase("--split bogus", "--split", "--split", "bogus");
    trainCase("--missing keep on a NaN file", null, "--missing", "keep", "--data", csv("nan-keep",
        files.withCell(CorpusFiles.BAD_LINE, 1, "NaN")));
    cli("train without --out", "--out", "train", "--data", good, "--model-type", "naive");
    cli("train --out existing model", "--overwrite", "train", "--data", good, "--model-type", "naive", "--seq-len", "24",
        "--pred-len", "8", "--split", "ratio", "--out", m);
    Path userFolder = Files.createDirectories(ROOT.resolve("out/user-folder"));
    Files.writeString(userFolder.resolve("notes.txt"), "keep me");
    cli("train --out a directory that is not a model", "holds no model", "train", "--data", good, "--model-type", "naive",
        "--seq-len", "24", "--pred-len", "8", "--split", "ratio", "--out", userFolder.toString());
    cli("train --out a directory that is not a model --overwrite", "holds no model", "train", "--data", good,
        "--model-type", "naive", "--seq-len", "24", "--pred-len", "8", "--split", "ratio", "--out",
        userFolder.toString(), "--overwrite");
    cli("train --out onto a file --overwrite", "existing.npy", "train", "--data", good, "--model-type", "naive",
        "--seq-len", "24", "--pred-len", "8", "--split", "ratio", "--out", existing.toString(), "--overwrite");
    cli("train --out under a file", "plain-file", "train", "--data", good, "--model-type", "naive", "--seq-len", "24",
        "--pred-len", "8", "--split", "ratio", "--out", fileAsFolder.resolve("m").toString());

    // ---- evaluate options
    cli("evaluate --threads 0", "--threads", "evaluate", "--model", m, "--data", good, "--threads", "0");
    cli("evaluate without --model", "--model", "evaluate", "--data", good);
    cli("evaluate --model missing", "no-such-model", "evaluate", "--model", ROOT.resolve("no-such-model").toString(),
        "--data", good);
    cli("evaluate --model a file", "plain-file", "evaluate", "--model", fileAsFolder.toString(), "--data", good);
    cli("evaluate --split bogus", "--split", "evaluate", "--model", m, "--data", good, "--split", "bogus");
    cli("evaluate --target nope", "nope", "evaluate", "--model", m, "--data", good, "--target", "nope");

    // ---- forecast options
    cli("forecast --rolling --stride 0", "--stride", "forecast", "--model", m, "--data", good, "--out", out(".csv"),
        "--rolling", "--stride", "0");
    cli("forecast --rolling --stride -5", "--stride", "forecast", "--model", m, "--data", good, "--out", out(".csv"),
        "--rolling", "--stride", "-5");
    cli("forecast --stride 2147483648", "--stride", "forecast", "--model", m, "--data", good, "--out", out(".csv"),
        "--rolling", "--stride", "2147483648");
    cli("forecast --threads 0", "--threads", "forecast", "--model", m, "--data", good, "--out", out(".csv"),
        "--threads", "0");
    Path outDir = Files.createDirectories(ROOT.resolve("out/a-directory.csv"));
    cli("forecast --out onto a directory", "a-directory.csv", "forecast", "--model", m, "--data", good, "--out",
        outDir.toString());
    cli("forecast --out onto a directory --overwrite", "a-directory.csv", "forecast", "--model", m, "--data", good,
        "--out", outDir.toString(), "--overwrite");
    Path existingCsv = CorpusFiles.write(ROOT.resolve("out/existing.csv"), new byte[] {1});
    cli("forecast --out existing file", "--overwrite", "forecast", "--model", m, "--data", good, "--out",
        existingCsv.toString());
    cli("forecast --out under a file", "plain-file", "forecast", "--model", m, "--data", good, "--out",
        fileAsFolder.resolve("f.csv").toString());
    cli("forecast --model unknown id", "nope", "forecast", "--model", "nope", "--store", STORE.toString(), "--data",
        good, "--out", out(".csv"));
    cli("forecast --model ../etc", "..", "forecast", "--model", "../etc-nothing", "--store", STORE.toString(), "--data",
        good, "--out", out(".csv"));
    cli("inspect --data with NUL", "not a valid path", "inspect", "--data", "a\u0000b.csv");
    cli("forecast --model with NUL", null, "forecast", "--model", "a\u0000b", "--store", STORE.toString(), "--data",
        good, "--out", out(".csv"));
    cli("forecast --store a file", null, "forecast", "--model", "tiny", "--store", fileAsFolder.toString(), "--data",
        good, "--out", out(".csv"));
    cli("forecast --data too short for seq_len", "24", "forecast", "--model", m, "--data", csv("ten",
        files.firstRows(10)), "--out", out(".csv"));
    cli("forecast without --out", "--out", "forecast", "--model", m, "--data", good);

    // ---- corrupted model directories × evaluate, forecast
    for (String name : CorpusFiles.CORRUPTIONS) {
      Path dir = ROOT.resolve("models/" + name);
      CorpusFiles.corrupt(name, model, dir);
      cli("evaluate model " + name, name, "evaluate", "--model", dir.toString(), "--data", good, "--split", "ratio",
          "--threads", "1");
      cli("forecast model " + name, name, "forecast", "--model", dir.toString(), "--data", good, "--out", out(".csv"),
          "--threads", "1");
    }

    // ---- types and the root command
    cli("types unknown option", "--bogus", "types", "--bogus");
    cli("types extra argument", "extra", "types", "extra");
    cli("types --set", "--set", "types", "--set", "x=1");
    cli("no command", "command");
    cli("unknown command", "nope", "nope");
    cli("root unknown option", "--bogus", "--bogus");
  }

  /** A {@code train} run on the base file; the case's options replace the defaults of the same name. */
  private void trainCase(String what, String mentions, String... extra) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("--data", ROOT.resolve("csv/good.csv").toString());
    defaults.put("--seq-len", "24");
    defaults.put("--pred-len", "8");
    defaults.put("--split", "ratio");
    defaults.put("--out", out(""));
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < extra.length; i++) {
      if (defaults.containsKey(extra[i]) && i + 1 < extra.length) {
        defaults.put(extra[i], extra[++i]);
      } else {
        rest.add(extra[i]);
      }
    }
    List<String> args = new ArrayList<>(List.of("train", "--no-progress"));
    defaults.forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    args.addAll(rest);
    cliCases.add(new CliCase("train " + what, mentions, args));
  }

  @TestFactory
  Stream<DynamicTest> cliCorpus() throws IOException {
    long built = System.nanoTime();
    buildCliCases();
    System.out.printf("corpus: %d CLI cases written in %.1f s%n", cliCases.size(), (System.nanoTime() - built) / 1e9);
    return cliCases.stream().map(c -> dynamicTest(c.name(), () -> {
      long t0 = System.nanoTime();
      Cli run;
      try {
        run = Cli.run(c.args().toArray(String[]::new));
      } catch (RuntimeException | AssertionError e) {
        cliTally.record("CLI " + c.name(), "the command line threw: " + e, "");
        throw e;
      } finally {
        cliTally.nanos += System.nanoTime() - t0;
      }
      String why = Verdict.cli(run, c.mentions());
      cliTally.record("CLI " + c.name(), why, "exit " + run.exitCode() + ", stderr: " + run.err().strip());
      assertThat(why).as(c.name()).isNull();
    }));
  }

  /**
   * The corpus's boundary: inputs that look odd but are accepted by design (README, "The data
   * layer"), so they are not counted as bad inputs. A UTF-8 byte-order mark is skipped (the
   * timestamp column keeps its plain name) and repeated timestamps in a file are reported by
   * {@code inspect}, not refused.
   */
  @Test
  void oddButValidFilesAreAcceptedAndReported() throws IOException {
    List<String> lines = files.lines();
    byte[] bom = CorpusFiles.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, files.good());
    Cli withBom = Cli.run("inspect", "--data", csv("bom", bom), "--seq-len", "24", "--pred-len", "8",
        "--timestamp-column", "date");
    assertThat(withBom.exitCode()).as(withBom.err()).isZero();
    assertThat(Http.JSON.readTree(withBom.out()).get("timestampColumn").asText()).isEqualTo("date");

    byte[] duplicate = files.withCell(CorpusFiles.BAD_LINE, 0, lines.get(CorpusFiles.BAD_LINE - 2).split(",")[0]);
    Cli dup = Cli.run("inspect", "--data", csv("duplicate", duplicate), "--seq-len", "24", "--pred-len", "8");
    assertThat(dup.exitCode()).as(dup.err()).isZero();
    assertThat(Http.JSON.readTree(dup.out()).at("/quality/duplicateTimestamps").asInt()).isEqualTo(1);
    assertThat(Http.JSON.readTree(dup.out()).at("/quality/duplicates/0/line").asInt()).isEqualTo(CorpusFiles.BAD_LINE);
  }

  // ================================================================== REST

  record RestCase(String name, Integer status, String mentions, Supplier<Http.Reply> request) {}

  private final List<RestCase> restCases = new ArrayList<>();

  private void rest(String name, Integer status, String mentions, Supplier<Http.Reply> request) {
    restCases.add(new RestCase(name, status, mentions, request));
  }

  /** The last {@code rows} rows of the base file as a forecast request body. */
  private ObjectNode history(int rows) {
    List<String> lines = files.lines();
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("modelId", MODEL);
    ArrayNode ts = body.putArray("timestamps");
    ObjectNode columns = body.putObject("columns");
    String[] header = lines.get(0).split(",");
    for (int c = 1; c < header.length; c++) {
      columns.putArray(header[c]);
    }
    for (int r = lines.size() - rows; r < lines.size(); r++) {
      String[] f = lines.get(r).split(",");
      ts.add(f[0]);
      for (int c = 1; c < header.length; c++) {
        ((ArrayNode) columns.get(header[c])).add(Double.parseDouble(f[c]));
      }
    }
    return body;
  }

  private Supplier<Http.Reply> json(String body) {
    return () -> http.postJson("/api/v1/forecasts", body);
  }

  private Supplier<Http.Reply> json(ObjectNode body) {
    return json(body.toString());
  }

  private static Map<String, String> form(String id, String... more) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("seqLen", "24");
    f.put("predLen", "8");
    f.put("split", "ratio");
    f.put("epochs", "1");
    f.put("dModel", "16");
    f.put("embedSize", "2");
    for (int i = 0; i < more.length; i += 2) {
      if (more[i + 1] == null) {
        f.remove(more[i]);
      } else {
        f.put(more[i], more[i + 1]);
      }
    }
    return f;
  }

  private Supplier<Http.Reply> train(Map<String, String> form, byte[] file) {
    return () -> http.postMultipart("/api/v1/models", form, "train.csv", file);
  }

  private void buildRestCases() {
    byte[] good = files.good();
    String ok = history(24).toString();

    // ---- forecast JSON: syntax
    rest("JSON truncated", 400, "malformed JSON", json(ok.substring(0, ok.length() / 2)));
    rest("JSON empty body", 400, null, json(""));
    rest("JSON null", 400, null, json("null"));
    rest("JSON array", 400, null, json("[]"));
    rest("JSON string", 400, null, json("\"tiny\""));
    rest("JSON bare NaN token", 400, "malformed JSON", json(ok.replaceFirst("\"OT\":\\[[^,]+,", "\"OT\":[NaN,")));
    rest("JSON trailing garbage", 400, null, json(ok + " {}"));
    rest("JSON single quotes", 400, null, json(ok.replace('"', '\'')));
    rest("JSON comments", 400, null, json("/* hi */" + ok));
    rest("JSON duplicate key modelId", 400, "modelId",
        json(ok.replaceFirst("\\{\"modelId\":\"tiny\"", "{\"modelId\":\"tiny\",\"modelId\":\"other\"")));
    rest("JSON duplicate column", 400, "OT", json(ok.replaceFirst("\"OT\":\\[", "\"OT\":[1.0],\"OT\":[")));
    rest("JSON duplicate key timestamps", 400, "timestamps",
        json(ok.replaceFirst("\"timestamps\":", "\"timestamps\":[],\"timestamps\":")));
    rest("JSON nested 5000 deep", 400, null, json("{\"modelId\":\"tiny\",\"columns\":{\"OT\":" + "[".repeat(5000)
        + "]".repeat(5000) + "}}"));
    rest("JSON 5000-digit number", 400, null, json(ok.replaceFirst("\"OT\":\\[[^,]+,", "\"OT\":[" + "9".repeat(5000)
        + ",")));
    rest("JSON invalid UTF-8", 400, null, () -> http.post("/api/v1/forecasts", "application/json",
        CorpusFiles.concat("{\"modelId\":\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28},
            "\"}".getBytes(StandardCharsets.UTF_8))));
    rest("JSON too large", 413, null, json("{\"modelId\":\"tiny\",\"columns\":{\"OT\":[" + "1.0,".repeat(70_000)
        + "1.0]}}"));
    rest("JSON as text/plain", 415, null, () -> http.post("/api/v1/forecasts", "text/plain",
        ok.getBytes(StandardCharsets.UTF_8)));
    rest("JSON without Content-Type", 415, null, () -> http.post("/api/v1/forecasts", null,
        ok.getBytes(StandardCharsets.UTF_8)));

    // ---- forecast JSON: types and fields
    rest("modelId a number", null, null, json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":5")));
    rest("modelId an object", 400, "modelId", json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":{}")));
    rest("columns an array", 400, "columns", json("{\"modelId\":\"tiny\",\"columns\":[1,2]}"));
    rest("column a string", 400, "columns.OT", json(history(24).set("columns", Http.JSON.createObjectNode()
        .put("OT", "abc")).toString()));
    rest("cell a word", 400, "columns.OT[1]", json(ok.replaceFirst("(\"OT\":\\[[^,]+,)[^,]+,", "$1\"x\",")));
    rest("cell true", 400, "columns.OT[1]", json(ok.replaceFirst("(\"OT\":\\[[^,]+,)[^,]+,", "$1true,")));
    rest("cell an object", 400, "columns.OT[1]", json(ok.replaceFirst("(\"OT\":\\[[^,]+,)[^,]+,", "$1{},")));
    rest("cell an array", 400, "columns.OT[1]", json(ok.replaceFirst("(\"OT\":\\[[^,]+,)[^,]+,", "$1[1],")));
    rest("timestamps an object", 400, "timestamps", json(history(24).set("timestamps",
        Http.JSON.createObjectNode()).toString()));
    rest("timestamps numbers", 400, "timestamps", json(numberTimestamps()));
    rest("missing modelId", 400, "modelId", json(withoutField("modelId")));
    rest("missing columns", 400, "columns", json(withoutField("columns")));
    rest("empty columns", 400, "columns", json(history(24).set("columns", Http.JSON.createObjectNode()).toString()));
    rest("blank modelId", 400, "modelId", json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":\"  \"")));
    rest("null modelId", 400, "modelId", json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":null")));
    rest("null columns", 400, "columns", json(ok.replaceFirst("\"columns\":\\{.*\\}\\}$", "\"columns\":null}")));
    rest("null column", 400, "OT", json(ok.replaceFirst("\"OT\":\\[[^\\]]*\\]", "\"OT\":null")));

    // ---- forecast JSON: values
    rest("null cell", 400, "column 'HULL', row 2", json(ok.replaceFirst("(\"HULL\":\\[[^,]+,[^,]+,)[^,]+,",
        "$1null,")));
    rest("\"NaN\" cell", 400, "column 'LULL', row 0", json(ok.replaceFirst("(\"LULL\":\\[)[^,]+,", "$1\"NaN\",")));
    rest("\"Infinity\" cell", 400, "column 'LULL', row 0", json(ok.replaceFirst("(\"LULL\":\\[)[^,]+,",
        "$1\"Infinity\",")));
    rest("1e999 cell", 400, "column 'LULL', row 0", json(ok.replaceFirst("(\"LULL\":\\[)[^,]+,", "$11e999,")));
    rest("±1e308 values", 400, "too far from the training data", json(hugeHistory()));
    rest("one 1e308 value", 400, "too far from the training data", json(ok.replaceFirst("(\"OT\":\\[[^,]+,)[^,]+,", "$11e308,")));
    rest("history too short", 422, "seqLen = 24", json(history(10)));
    rest("history empty", null, null, json(emptyHistory()));
    rest("history over max-history-rows", 400, Integer.toString(MAX_HISTORY_ROWS), json(history(MAX_HISTORY_ROWS + 1)));
    rest("unequal column lengths", 400, "unequal", json(ok.replaceFirst("(\"OT\":\\[)[^,]+,", "$1")));
    rest("missing column", 400, "missing [OT]", json(ok.replaceFirst(",\"OT\":\\[[^\\]]*\\]", "")));
    rest("extra column", 400, "unexpected [extra]", json(ok.replaceFirst("\"OT\":", "\"extra\":[1],\"OT\":")));
    rest("timestamps count mismatch", 400, "timestamps", json(ok.replaceFirst("(\"timestamps\":\\[)\"[^\"]+\",",
        "$1")));

    // ---- forecast JSON: timestamps
    rest("garbage timestamp in the middle", 400, "timestamps[5]", json(timestampAt(5, "not a date")));
    rest("out-of-order timestamp in the middle", 400, "timestamps[5]", json(timestampAt(5, "2016-01-01 00:00:00")));
    rest("duplicate timestamp in the middle", 400, "timestamps[5]", json(duplicateTimestamp(5)));
    rest("garbage first timestamp", 400, "timestamps[0]", json(timestampAt(0, "yesterday")));
    rest("garbage last timestamp", 400, "timestamps[23]", json(timestampAt(23, "tomorrow")));
    rest("other layout in the middle", 400, "timestamps[5]", json(timestampAt(5, "2016/8/11 5:00")));
    rest("control characters in a timestamp", 400, "timestamps[5]", json(timestampAt(5, "2016\u0007\u001b[2J")));
    rest("null timestamp", 400, "timestamps[5]", json(timestampAt(5, null)));

    // ---- model ids in bodies and URLs
    rest("unknown model", 404, "nope", json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":\"nope\"")));
    rest("modelId ../etc", 400, "invalid model id", json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":\"../etc\"")));
    rest("modelId a/b", 400, "invalid model id", json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":\"a/b\"")));
    rest("modelId with NUL", 400, "invalid model id", json(ok.replace("\"modelId\":\"tiny\"",
        "\"modelId\":\"a\\u0000b\"")));
    rest("modelId 10k chars", 400, "invalid model id", json(ok.replace("\"modelId\":\"tiny\"", "\"modelId\":\""
        + "a".repeat(10_000) + "\"")));
    String rejected = "the request URL was rejected";
    for (String id : List.of("a%2Fb", "a%2fb", "a%5Cb", "a%00b", "%00", "..%2F..%2Fetc", "%2E%2E%2Fetc", "%zz", "a%",
        "%C0%AE%C0%AE", "a;b", "%252F", "%0A")) {
      rest("GET model " + id, 400, rejected, () -> http.get("/api/v1/models/" + id));
      rest("DELETE model " + id, 400, rejected, () -> http.delete("/api/v1/models/" + id));
    }
    for (String id : List.of("bad..id", "a%20b", "%E2%80%AE", "-x", "a".repeat(65))) {
      rest("GET model " + id, 400, "invalid model id", () -> http.get("/api/v1/models/" + id));
      rest("DELETE model " + id, 400, "invalid model id", () -> http.delete("/api/v1/models/" + id));
    }
    for (String id : List.of("a%2Fb", "a%00b", "%2E%2E", "a%5Cb")) {
      rest("GET job " + id, 400, rejected, () -> http.get("/api/v1/jobs/" + id));
      rest("DELETE job " + id, 400, rejected, () -> http.delete("/api/v1/jobs/" + id));
      rest("evaluate model " + id, 400, rejected, () -> http.postMultipart("/api/v1/models/" + id + "/evaluations",
          Map.of(), "e.csv", good));
    }

    rest("GET unknown model", 404, "nope", () -> http.get("/api/v1/models/nope"));
    rest("GET unknown job", 404, "nope", () -> http.get("/api/v1/jobs/nope"));
    rest("DELETE unknown job", 404, "nope", () -> http.delete("/api/v1/jobs/nope"));

    // ---- multipart bodies
    byte[] part = ("--xyz\r\nContent-Disposition: form-data; name=\"modelId\"\r\n\r\ntiny\r\n--xyz\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"h.csv\"\r\n\r\ndate,HUFL\n")
        .getBytes(StandardCharsets.UTF_8);
    rest("multipart without boundary", 400, "multipart", () -> http.post("/api/v1/forecasts", "multipart/form-data",
        part));
    rest("multipart truncated", 400, "multipart", () -> http.post("/api/v1/forecasts",
        "multipart/form-data; boundary=xyz", part));
    rest("multipart empty boundary", null, null, () -> http.post("/api/v1/forecasts",
        "multipart/form-data; boundary=", part));
    rest("multipart garbage body", 400, null, () -> http.post("/api/v1/forecasts",
        "multipart/form-data; boundary=xyz", CorpusFiles.binary()));
    rest("multipart empty body", 400, null, () -> http.post("/api/v1/forecasts",
        "multipart/form-data; boundary=xyz", new byte[0]));
    rest("multipart part without disposition", 400, null, () -> http.post("/api/v1/forecasts",
        "multipart/form-data; boundary=xyz", ("--xyz\r\nContent-Type: text/csv\r\n\r\n1,2\r\n--xyz--\r\n")
            .getBytes(StandardCharsets.UTF_8)));
    rest("multipart/mixed", 415, null, () -> http.post("/api/v1/forecasts", "multipart/mixed; boundary=xyz", part));
    rest("forecast upload without file", 400, "file", () -> http.postMultipart("/api/v1/forecasts",
        Map.of("modelId", MODEL), null, null));
    rest("forecast upload without modelId", 400, "modelId", () -> http.postMultipart("/api/v1/forecasts", Map.of(),
        "h.csv", good));
    rest("forecast upload too large", 413, null, () -> http.postMultipart("/api/v1/forecasts",
        Map.of("modelId", MODEL), "big.csv", new byte[1_200_000]));
    Map<String, byte[]> badUploads = new LinkedHashMap<>();
    files.csvVariants().forEach((name, bad) -> badUploads.put(name, bad.bytes()));
    for (String name : List.of("empty", "header-only", "no-header", "single-column", "ragged-short", "non-numeric",
        "nan-cell", "garbage-timestamp", "out-of-order-timestamp", "utf16-bom", "utf16-no-bom", "nul-in-number",
        "control-char-in-cell", "binary", "header-10001-columns", "row-10010-fields", "long-numeric-field",
        "unbalanced-quote")) {
      rest("forecast upload " + name, 400, null, () -> http.postMultipart("/api/v1/forecasts",
          Map.of("modelId", MODEL), name + ".csv", badUploads.get(name)));
    }
    rest("forecast upload ±1e308", 400, "too far from the training data", () -> http.postMultipart(
        "/api/v1/forecasts", Map.of("modelId", MODEL), "huge.csv", files.hugeValues(100)));
    rest("forecast upload other columns", 400, "columns", () -> http.postMultipart("/api/v1/forecasts",
        Map.of("modelId", MODEL), "other.csv", files.otherColumns(100)));
    rest("forecast upload over max-history-rows", 400, Integer.toString(MAX_HISTORY_ROWS),
        () -> http.postMultipart("/api/v1/forecasts", Map.of("modelId", MODEL), "long.csv", good));
    rest("forecast upload too short", 422, null, () -> http.postMultipart("/api/v1/forecasts",
        Map.of("modelId", MODEL), "short.csv", files.firstRows(10)));

    // ---- training forms
    byte[] small = files.firstRows(500);
    rest("train settings not JSON", 400, "settings", train(form("t1", "settings", "{kernel:"), small));
    rest("train settings an array", 400, "settings", train(form("t2", "settings", "[1, 2]"), small));
    rest("train settings nested", 400, "dModel", train(form("t3", "dModel", null, "settings",
        "{\"dModel\": {\"x\": 1}}"), small));
    rest("train settings null value", 400, "epochs", train(form("t4", "epochs", null, "settings",
        "{\"epochs\": null}"), small));
    rest("train settings duplicate keys", 400, "epochs", train(form("t5", "epochs", null, "settings",
        "{\"epochs\": 1, \"epochs\": 500}"), small));
    rest("train settings trailing garbage", 400, "settings", train(form("t6", "epochs", null, "settings",
        "{\"epochs\": 1} xyz"), small));
    rest("train unknown modelType", 400, "prophet", train(form("t7", "modelType", "prophet"), small));
    rest("train epochs 2000000000", 400, "epochs", train(form("t8", "epochs", "2000000000"), small));
    rest("train dModel 2147483647", 400, "dModel", train(form("t9", "dModel", "2147483647"), small));
    rest("train dModel 0", 400, "dModel", train(form("t10", "dModel", "0"), small));
    rest("train settings dModel 2147483648", 400, "dModel", train(form("t11", "dModel", null, "settings",
        "{\"dModel\": 2147483648}"), small));
    rest("train settings epochs 1.5", 400, "epochs", train(form("t12", "epochs", null, "settings",
        "{\"epochs\": 1.5}"), small));
    rest("train settings epochs \"2000000000\"", 400, "epochs", train(form("t13", "epochs", null, "settings",
        "{\"epochs\": \"2000000000\"}"), small));
    rest("train settings foo", 400, "foo", train(form("t14", "settings", "{\"foo\": 1}"), small));
    rest("train dlinear kernel 24", 400, "kernel", train(form("t15", "modelType", "dlinear", "dModel", null,
        "embedSize", null, "settings", "{\"kernel\": 24}"), small));
    rest("train field and setting", 400, "epochs", train(form("t16", "settings", "{\"epochs\": 2}"), small));
    rest("train seqLen 0", 400, "seqLen", train(form("t17", "seqLen", "0"), small));
    rest("train seqLen 2147483647", 400, null, train(form("t18", "seqLen", "2147483647"), small));
    rest("train predLen -1", 400, "predLen", train(form("t19", "predLen", "-1"), small));
    rest("train seqLen abc", 400, "seqLen", train(form("t20", "seqLen", "abc"), small));
    rest("train seqLen 99999999999", 400, "seqLen", train(form("t21", "seqLen", "99999999999"), small));
    rest("train seqLen 400 (series too short)", 400, null, train(form("t22", "seqLen", "400"), small));
    rest("train seed x", 400, "seed", train(form("t23", "seed", "x"), small));
    rest("train learningRate NaN", 400, "learningRate", train(form("t24", "learningRate", "NaN"), small));
    rest("train learningRate -1", 400, "learningRate", train(form("t25", "learningRate", "-1"), small));
    rest("train dropout 1.5", 400, "dropout", train(form("t26", "dropout", "1.5"), small));
    rest("train batchSize 0", 400, "batchSize", train(form("t27", "batchSize", "0"), small));
    rest("train split bogus", 400, "bogus", train(form("t28", "split", "bogus"), small));
    rest("train missing bogus", 400, "bogus", train(form("t29", "missing", "bogus"), small));
    rest("train target nope", 400, "nope", train(form("t30", "target", "nope"), small));
    rest("train timestampColumn nope", 400, "nope", train(form("t31", "timestampColumn", "nope"), small));
    rest("train overwrite maybe", 400, "overwrite", train(form("t32", "overwrite", "maybe"), small));
    rest("train preset huge", 400, "preset", train(form("t33", "preset", "huge"), small));
    rest("train without id", 400, "id", train(form("t34", "id", null), small));
    rest("train id ../x", 400, "invalid model id", train(form("../x"), small));
    rest("train id a/b", 400, "invalid model id", train(form("a/b"), small));
    rest("train id blank", 400, "id", train(form(" "), small));
    rest("train id with NUL", 400, "invalid model id", train(form("a\u0000b"), small));
    rest("train id taken", 409, MODEL, train(form(MODEL), small));
    rest("train without seqLen", 400, "seqLen", train(form("t35", "seqLen", null), small));
    rest("train without file", 400, "file", () -> http.postMultipart("/api/v1/models", form("t36"), null, null));
    for (String name : List.of("empty", "header-only", "no-header", "non-numeric", "nan-cell", "garbage-timestamp",
        "utf16-bom", "binary", "nul-in-number", "header-10001-columns", "long-numeric-field")) {
      rest("train file " + name, 400, null, train(form("tf-" + name), badUploads.get(name)));
    }
    rest("train file ±1e308", null, null, train(form("tf-huge"), files.hugeValues()));
    rest("train file too short", 400, null, train(form("tf-short"), files.firstRows(20)));

    // ---- evaluations
    rest("evaluate other columns", 400, "columns", () -> http.postMultipart("/api/v1/models/" + MODEL
        + "/evaluations", Map.of("split", "ratio"), "other.csv", files.otherColumns()));
    rest("evaluate missing column", 400, "columns", () -> http.postMultipart("/api/v1/models/" + MODEL
        + "/evaluations", Map.of("split", "ratio"), "fewer.csv", files.missingColumn()));
    rest("evaluate split bogus", 400, "bogus", () -> http.postMultipart("/api/v1/models/" + MODEL + "/evaluations",
        Map.of("split", "bogus"), "e.csv", good));
    rest("evaluate too short", 400, null, () -> http.postMultipart("/api/v1/models/" + MODEL + "/evaluations",
        Map.of("split", "ratio"), "short.csv", files.firstRows(20)));
    rest("evaluate without file", 400, "file", () -> http.postMultipart("/api/v1/models/" + MODEL + "/evaluations",
        Map.of("split", "ratio"), null, null));
    rest("evaluate binary", 400, null, () -> http.postMultipart("/api/v1/models/" + MODEL + "/evaluations",
        Map.of("split", "ratio"), "bin.csv", CorpusFiles.binary()));
    rest("evaluate NaN cell", 400, "line " + CorpusFiles.BAD_LINE, () -> http.postMultipart("/api/v1/models/"
        + MODEL + "/evaluations", Map.of("split", "ratio"), "nan.csv", badUploads.get("nan-cell")));
    rest("evaluate ±1e308", null, null, () -> http.postMultipart("/api/v1/models/" + MODEL + "/evaluations",
        Map.of("split", "ratio"), "huge.csv", files.hugeValues()));
    rest("evaluate unknown model", 404, "nope", () -> http.postMultipart("/api/v1/models/nope/evaluations",
        Map.of("split", "ratio"), "e.csv", good));
    rest("evaluate as JSON", 415, null, () -> http.postJson("/api/v1/models/" + MODEL + "/evaluations", ok));
  }

  private String withoutField(String field) {
    ObjectNode body = history(24);
    body.remove(field);
    return body.toString();
  }

  private String numberTimestamps() {
    ObjectNode body = history(24);
    ArrayNode ts = body.putArray("timestamps");
    for (int i = 0; i < 24; i++) {
      ts.add(i);
    }
    return body.toString();
  }

  private String timestampAt(int index, String value) {
    ObjectNode body = history(24);
    ((ArrayNode) body.get("timestamps")).set(index, value == null ? Http.JSON.nullNode()
        : Http.JSON.getNodeFactory().textNode(value));
    return body.toString();
  }

  private String duplicateTimestamp(int index) {
    ObjectNode body = history(24);
    ArrayNode ts = (ArrayNode) body.get("timestamps");
    ts.set(index, ts.get(index - 1));
    return body.toString();
  }

  private String hugeHistory() {
    ObjectNode body = history(24);
    ArrayNode hufl = (ArrayNode) body.get("columns").get("HUFL");
    for (int i = 0; i < hufl.size(); i++) {
      hufl.set(i, Http.JSON.getNodeFactory().numberNode(i % 2 == 0 ? 1e308 : -1e308));
    }
    return body.toString();
  }

  private String emptyHistory() {
    ObjectNode body = history(24);
    body.putArray("timestamps");
    body.get("columns").fieldNames().forEachRemaining(name -> ((ObjectNode) body.get("columns")).putArray(name));
    return body.toString();
  }

  @TestFactory
  Stream<DynamicTest> restCorpus() {
    buildRestCases();
    return restCases.stream().map(c -> dynamicTest(c.name(), () -> {
      long t0 = System.nanoTime();
      Http.Reply r;
      try {
        r = c.request().get();
      } catch (RuntimeException | AssertionError e) {
        restTally.record("REST " + c.name(), "no response: " + e, "");
        throw e;
      } finally {
        restTally.nanos += System.nanoTime() - t0;
      }
      String why = Verdict.rest(r, c.status(), c.mentions());
      restTally.record("REST " + c.name(), why, r.status() + " " + r.contentType() + " " + r.body());
      assertThat(why).as(c.name()).isNull();
    }));
  }
}
