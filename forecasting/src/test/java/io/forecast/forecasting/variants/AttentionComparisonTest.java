package io.forecast.forecasting.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.CsvLoadOptions;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.compare.CompareProgress;
import io.forecast.forecasting.compare.CompareSpec;
import io.forecast.forecasting.compare.RunResult;
import io.forecast.forecasting.compare.RunSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Protocols A and B on tiny synthetic data with a tiny itransformer (dModel 16, one layer, one epoch):
 * the grid, its aggregation and resumption, refusals, the diagnostics and the swap path.
 */
class AttentionComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> TINY = Map.of("dModel", 16, "dFf", 16, "nHeads", 2, "eLayers", 1,
      "epochs", 1, "batchSize", 16, "learningRate", 1e-3);
  @TempDir Path out;

  /** {@code columns} noisy daily-periodic hourly series, 420 rows. */
  static TimeSeriesFrame frame(int columns) {
    StringBuilder csv = new StringBuilder("date");
    for (int c = 0; c < columns; c++) {
      csv.append(",c").append(c);
    }
    csv.append('\n');
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    Random rnd = new Random(1);
    for (int i = 0; i < 420; i++) {
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00");
      for (int c = 0; c < columns; c++) {
        csv.append(String.format(Locale.ROOT, ",%.5f",
            c + Math.sin(2 * Math.PI * i / (12.0 + 6 * c)) + 0.1 * rnd.nextGaussian()));
      }
      csv.append('\n');
    }
    return TimeSeriesCsvReader.read("synthetic.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
  }

  static AttentionComparison.Request request(Protocol protocol, List<String> variants, int seeds) {
    return request("itransformer", TINY, protocol, variants, seeds);
  }

  static AttentionComparison.Request request(String model, Map<String, Object> common, Protocol protocol,
      List<String> variants, int seeds) {
    List<Variant> parsed = variants.stream().map(Variant::parse).toList();
    return new AttentionComparison.Request("synthetic.csv", "sha", SplitRule.AUTO, model, parsed, 24, 8,
        CompareSpec.seeds(seeds), common, protocol, 64);
  }

  /** TINY for patchtst: patch 8, stride 4 over 24 values, N = (24 − 8)/4 + 2 = 6 patches. */
  static Map<String, Object> tinyPatches() {
    Map<String, Object> m = new java.util.HashMap<>(TINY);
    m.put("patchLen", 8);
    m.put("stride", 4);
    return m;
  }

  /** Counts runs trained and resumed. */
  private static final class Counter implements CompareProgress {
    final AtomicInteger trained = new AtomicInteger();
    final AtomicInteger resumed = new AtomicInteger();

    @Override
    public void runFinished(RunResult result, boolean wasResumed) {
      (wasResumed ? resumed : trained).incrementAndGet();
    }
  }

  @Test
  void protocolATableHasEveryVariantAndSeedAndResumes() throws Exception {
    TimeSeriesFrame frame = frame(4);
    AttentionComparison comparison = AttentionComparison.of(request(Protocol.A,
        List.of("softmax", "sinkhorn:iterations=41", "delta"), 2));
    Counter first = new Counter();
    AttentionResults results = comparison.run(frame, out, 1, first);
    assertThat(first.trained).hasValue(6);
    assertThat(results.variants()).extracting(AttentionResults.VariantSummary::variant)
        .containsExactly("softmax", "sinkhorn_iterations=41", "delta");
    for (AttentionResults.VariantSummary v : results.variants()) {
      JsonNode a = JSON.readTree(out.resolve("runs/" + v.variant() + "_24_8_seed2023.json").toFile());
      JsonNode b = JSON.readTree(out.resolve("runs/" + v.variant() + "_24_8_seed2024.json").toFile());
      assertThat(a.get("spec").get("settings").get("attention").asText()).isEqualTo(v.variant().split("_")[0]);
      assertThat(a.get("status").asText()).isEqualTo("ok");
      double x = a.get("testMse").asDouble();
      double y = b.get("testMse").asDouble();
      double mean = (x + y) / 2;
      assertThat(v.runs()).isEqualTo(2);
      assertThat(v.mseMean()).isCloseTo(mean, within(1e-12));
      assertThat(v.mseStd()).isCloseTo(Math.sqrt((x - mean) * (x - mean) + (y - mean) * (y - mean)), within(1e-12));
      assertThat(a.get("valLoss")).as("the validation curve is kept in the run file").hasSize(1);
      assertThat(v.valLoss()).hasSize(1);
      assertThat(v.valLoss().get(0).mean()).isCloseTo(
          (a.get("valLoss").get(0).asDouble() + b.get("valLoss").get(0).asDouble()) / 2, within(1e-12));
      assertThat(v.diagnostics()).hasSize(1);
      assertThat(v.diagnosticWindows()).isEqualTo(64);
      assertThat(v.diagnostics().get(0).rankOneDistance()).isBetween(0.0, 1.0);
    }
    DiagnosticsProbe.LayerDiagnostics softmax = results.variants().get(0).diagnostics().get(0);
    DiagnosticsProbe.LayerDiagnostics sinkhorn = results.variants().get(1).diagnostics().get(0);
    DiagnosticsProbe.LayerDiagnostics delta = results.variants().get(2).diagnostics().get(0);
    // softmax: rows sum to 1, columns do not; 41 Sinkhorn steps: both, nearly
    assertThat(softmax.rowError()).isLessThan(1e-5);
    assertThat(sinkhorn.rowError()).isLessThan(1e-3);
    assertThat(sinkhorn.columnError()).isLessThan(1e-3);
    assertThat(softmax.columnError()).isGreaterThan(10 * sinkhorn.columnError());
    assertThat(softmax.entropy()).isBetween(0.0, Math.log(4) + 1e-9);
    assertThat(delta.rowError()).as("delta forms no mixing matrix").isNull();
    assertThat(delta.entropy()).isNull();
    assertThat(delta.rankOneDistance()).as("token states are measured for every operator").isPositive();

    String md = Files.readString(out.resolve("results.md"));
    assertThat(md).contains("| sinkhorn_iterations=41 |", "| delta | 64 | 1 | n/a | n/a |");
    JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
    assertThat(json.get("protocol").asText()).isEqualTo("A");
    assertThat(json.get("variants")).hasSize(3);
    assertThat(json.get("grid").get("runs")).hasSize(6);

    // the SVG parses and has one series per variant
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("val-loss.svg").toFile());
    NodeList groups = doc.getElementsByTagName("g");
    List<String> series = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("series")) {
        series.add(g.getAttribute("data-variant"));
        assertThat(g.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(g.getElementsByTagName("polygon").getLength()).isEqualTo(1);
      }
    }
    assertThat(series).containsExactly("softmax", "sinkhorn_iterations=41", "delta");

    // again: nothing trains, the same table
    Counter second = new Counter();
    AttentionResults again = AttentionComparison.of(request(Protocol.A,
        List.of("softmax", "sinkhorn:iterations=41", "delta"), 2)).run(frame, out, 1, second);
    assertThat(second.trained).hasValue(0);
    assertThat(second.resumed).hasValue(6);
    assertThat(again.variants().get(1).mseMean()).isEqualTo(results.variants().get(1).mseMean());
    assertThat(again.variants().get(1).diagnostics()).isEqualTo(results.variants().get(1).diagnostics());
  }

  @Test
  void aVariantTheDataCannotTakeIsRecordedWithTheTypesMessage() throws IOException {
    AttentionResults results = AttentionComparison.of(request(Protocol.A, List.of("qontot", "softmax"), 1))
        .run(frame(5), out, 1, CompareProgress.NONE);
    AttentionResults.VariantSummary qontot = results.variants().get(0);
    assertThat(qontot.runs()).isZero();
    assertThat(qontot.failed()).isEqualTo(1);
    assertThat(qontot.error()).contains("works only with 4, 8 or 16 tokens").contains("5 columns");
    assertThat(qontot.mseMean()).isNull();
    assertThat(results.variants().get(1).runs()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("results.md"))).contains("| qontot | failed |", "## Failures");
  }

  @Test
  void protocolBSwapsAtInferenceFaithfully() throws IOException {
    TimeSeriesFrame frame = frame(4);
    AttentionResults results = AttentionComparison.of(request(Protocol.B,
        List.of("softmax", "monarch:block-size=4", "monarch:block-size=2", "sinkhorn"), 1))
        .run(frame, out, 1, CompareProgress.NONE);
    assertThat(results.variants()).extracting(AttentionResults.VariantSummary::variant)
        .containsExactly(AttentionComparison.SWAP_BASE);
    RunResult run = results.grid().runs().get(0);
    assertThat(run.ok()).isTrue();
    AttentionResults.SwapSummary same = results.swaps().get(0);
    // the same operator by the swap path: exactly the trained model
    assertThat(same.deltaMseMean()).isEqualTo(0.0);
    assertThat(same.layers()).singleElement().satisfies(l -> assertThat(l.relativeError()).isEqualTo(0.0));
    // the probed pass scores as the pipeline does (every test window, z-scored)
    assertThat(same.softmaxMse()).isCloseTo(run.testMse(), within(1e-5));
    // monarch with one block as long as the sequence is softmax (to float32 rounding)
    AttentionResults.SwapSummary whole = results.swaps().get(1);
    assertThat(whole.layers().get(0).relativeError()).isLessThan(1e-5);
    assertThat(Math.abs(whole.deltaMseMean())).isLessThan(1e-5);
    // two blocks of two: an approximation, finite and not exact
    AttentionResults.SwapSummary blocks = results.swaps().get(2);
    assertThat(blocks.error()).isNull();
    assertThat(blocks.layers().get(0).relativeError()).isGreaterThan(1e-4).isLessThan(10);
    assertThat(blocks.layers().get(0).cosine()).isBetween(-1.0, 1.0);
    assertThat(blocks.deltaMseMean()).isFinite();
    assertThat(Files.readString(out.resolve("results.md"))).contains("Zero-shot swaps", "| monarch_block-size=2 |");
  }

  /**
   * Patchtst, trained with softmax: delta with γ = 1 (every query an anchor with full attention) and
   * monarch with one block of all N = 6 patches reproduce the trained model's test predictions to float32
   * rounding; delta with γ = 2 and a window of 1 (queries 1 and 3 corrected from the anchors) and monarch
   * with blocks of 2 do not; a block size above N is refused for that variant only. Protocol A on patchtst
   * measures the diagnostics over every window × channel sequence.
   */
  @Test
  void protocolBOnPatchtstReproducesSoftmaxWithDeltaGammaOneAndMonarchOneBlock() throws IOException {
    AttentionResults results = AttentionComparison.of(request("patchtst", tinyPatches(), Protocol.B,
        List.of("delta:gamma=1:window=2", "monarch:block-size=6", "delta:gamma=2:window=1:sinks=0",
            "monarch:block-size=2:steps=1", "monarch:block-size=7"), 1))
        .run(frame(3), out, 1, CompareProgress.NONE);
    RunResult run = results.grid().runs().get(0);
    assertThat(run.ok()).isTrue();
    List<AttentionResults.SwapSummary> swaps = results.swaps();
    assertThat(swaps.get(0).softmaxMse()).isCloseTo(run.testMse(), within(1e-5));
    for (AttentionResults.SwapSummary exact : swaps.subList(0, 2)) {
      assertThat(exact.error()).isNull();
      assertThat(Math.abs(exact.deltaMseMean())).as(exact.variant()).isLessThan(1e-6 * exact.softmaxMse() + 1e-7);
      assertThat(exact.layers()).singleElement().satisfies(l -> {
        assertThat(l.relativeError()).isLessThan(1e-5);
        assertThat(l.cosine()).isCloseTo(1.0, within(1e-5));
      });
    }
    for (AttentionResults.SwapSummary approx : swaps.subList(2, 4)) {
      assertThat(approx.error()).isNull();
      assertThat(approx.layers().get(0).relativeError()).as(approx.variant()).isGreaterThan(1e-4);
    }
    assertThat(swaps.get(4).error()).contains("from 1 to N = 6");
    assertThat(Files.readString(out.resolve("results.md"))).contains("| delta_gamma=1_window=2 |");

    Path a = out.resolve("a");
    AttentionResults diag = AttentionComparison.of(request("patchtst", tinyPatches(), Protocol.A,
        List.of("softmax"), 1)).run(frame(3), a, 1, CompareProgress.NONE);
    AttentionResults.VariantSummary softmax = diag.variants().get(0);
    assertThat(softmax.diagnosticsNote()).isNull();
    assertThat(softmax.diagnostics()).singleElement().satisfies(l -> {
      assertThat(l.rowError()).isLessThan(1e-5);
      assertThat(l.entropy()).isBetween(0.0, Math.log(6) + 1e-9);
    });
  }

  @Test
  void protocolBRefusesOlinearSayingWhy() {
    assertThatThrownBy(() -> AttentionComparison.of(request("olinear", Map.of("epochs", 1), Protocol.B,
        List.of("monarch"), 1))).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("NormLin").hasMessageContaining("itransformer or patchtst")
        .hasMessageContaining("--protocol A");
  }

  @Test
  void protocolBSwapRefusedByTheDataIsRecordedNotFatal() throws IOException {
    AttentionResults results = AttentionComparison.of(request(Protocol.B, List.of("qontot"), 1))
        .run(frame(5), out, 1, CompareProgress.NONE);
    assertThat(results.swaps().get(0).error()).contains("works only with 4, 8 or 16 tokens");
  }

  @Test
  void badRequestsAreRefusedBeforeTraining() {
    assertThatThrownBy(() -> AttentionComparison.of(request(Protocol.A, List.of("softmax", "flash"), 1)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("flash");
    assertThatThrownBy(() -> AttentionComparison.of(request(Protocol.B, List.of("delta"), 1)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("use it with patchtst");
    assertThatThrownBy(() -> AttentionComparison.of(request(Protocol.B, List.of("monarch:steps=0"), 1)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("steps");
    assertThatThrownBy(() -> AttentionComparison.of(request(Protocol.A, List.of("softmax", "softmax"), 1)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> Variant.parse("sinkhorn:iterations")).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("KEY=VALUE");
    assertThatThrownBy(() -> Protocol.parse("C")).isInstanceOf(InvalidSettingsException.class);
    assertThat(AttentionComparison.slot("olinear")).isEqualTo("mixer");
    assertThat(AttentionComparison.slot("patchtst")).isEqualTo("attention");
    assertThatThrownBy(() -> AttentionComparison.slot("dlinear")).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("itransformer, olinear, patchtst");
  }

  @Test
  void plainGridRunFilesAreUnchangedByTheEntryLabels() throws IOException {
    RunSpec plain = new RunSpec("f.csv", "sha", "ett", "dlinear", 96, 96, 2023, Map.of());
    assertThat(JSON.readTree(io.forecast.forecasting.persist.ModelFiles.JSON.writeValueAsString(plain)).has("label"))
        .isFalse();
    assertThat(plain.fileName()).isEqualTo("dlinear_96_96_seed2023.json");
    RunSpec labelled = new RunSpec("f.csv", "sha", "ett", "itransformer", 96, 96, 2023, Map.of(), "qr");
    assertThat(labelled.fileName()).isEqualTo("qr_96_96_seed2023.json");
  }
}
