package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class StudyCommandTest {
  @TempDir Path dir;

  @Test
  void aShortRunWritesTheSummaryAndThreePlots() throws Exception {
    Path out = dir.resolve("cooc");
    CliRun run = CliRun.of("study", "cooccurrence", "--epochs", "30", "--m", "16", "--m1", "16", "--seed", "3",
        "--progress-every", "10", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("epoch 0/30", "epoch 10/30", "epoch 30/30");
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/settings/epochs").asInt()).isEqualTo(30);
    assertThat(summary.at("/settings/m").asInt()).isEqualTo(16);
    assertThat(summary.at("/settings/init").asText()).isEqualTo("kaiming");
    assertThat(summary.at("/final/epoch").asInt()).isEqualTo(30);
    assertThat(summary.at("/initial/epoch").asInt()).isZero();
    assertThat(summary.has("phase1EndEpoch")).isTrue();
    assertThat(summary.get("verdicts")).hasSize(14);
    for (JsonNode v : summary.get("verdicts")) {
      assertThat(v.get("verdict").asText()).isIn("holds", "does not hold");
    }
    // 31 stored epochs (0..30), every epoch being within the dense range
    assertThat(summary.get("storedEpochs").asInt()).isEqualTo(31);
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    // the SVG names the W3C DTD: parse without fetching it (no network in CI)
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    for (String svg : new String[] {"scores.svg", "group-losses.svg", "g-values.svg"}) {
      Document doc = xml.newDocumentBuilder().parse(out.resolve(svg).toFile());
      assertThat(doc.getDocumentElement().getTagName()).as(svg).isEqualTo("svg");
    }
    JsonNode printed = new ObjectMapper().readTree(run.out());
    assertThat(printed.get("files")).hasSize(4);
  }

  @Test
  void badOptionsGetOneErrorLine() {
    CliRun bogus = CliRun.of("study", "cooccurrence", "--init", "bogus", "--out", dir.resolve("x").toString());
    assertThat(bogus.exitCode()).isEqualTo(2);
    assertThat(bogus.err()).startsWith("error: unknown initialisation 'bogus'");
    assertThat(bogus.err().strip().lines()).hasSize(1);

    CliRun attention = CliRun.of("study", "cooccurrence", "--attention", "nope", "--out", dir.resolve("x").toString());
    assertThat(attention.exitCode()).isEqualTo(2);
    assertThat(attention.err()).startsWith("error: unknown attention operator 'nope'");

    CliRun epochs = CliRun.of("study", "cooccurrence", "--epochs", "0", "--out", dir.resolve("x").toString());
    assertThat(epochs.exitCode()).isEqualTo(2);
    assertThat(epochs.err()).startsWith("error: --epochs must be at least 1");
  }

  @Test
  void aSmallSinksRunWritesTheSummaryReportAndPlots() throws Exception {
    Path out = dir.resolve("sinks");
    CliRun run = CliRun.of("study", "sinks", "--data", InspectCommandTest.DEMO, "--out", out.toString(), "--epochs", "1",
        "--layers", "2", "--seq-len", "32", "--pred-len", "8", "--d-model", "8", "--variants", "softmax,v2,window",
        "--architectures", "attention-only", "--max-train-windows", "64", "--test-windows", "16", "--synthetic-rows",
        "300");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("ETTh1.csv attention-only v2-null-sink: test MSE");
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("runs")).hasSize(6);
    assertThat(summary.at("/runs/0/layers")).hasSize(3);
    assertThat(summary.at("/settings/tokens").asInt()).isEqualTo(8);
    for (JsonNode v : summary.get("verdicts")) {
      assertThat(v.get("verdict").asText()).isIn("holds", "does not hold");
    }
    assertThat(java.nio.file.Files.readString(out.resolve("report.md"))).contains("## ETTh1.csv, attention-only",
        "## synthetic, attention-only", "| v2-null-sink |");
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    for (String svg : new String[] {"constructed.svg", "rank-one-ETTh1.csv-attention-only.svg",
        "rank-one-synthetic-attention-only.svg"}) {
      Document doc = xml.newDocumentBuilder().parse(out.resolve(svg).toFile());
      assertThat(doc.getDocumentElement().getTagName()).as(svg).isEqualTo("svg");
    }
    assertThat(new ObjectMapper().readTree(run.out()).get("files")).hasSize(5);
  }

  @Test
  void badSinksOptionsGetOneErrorLine() {
    String o = dir.resolve("s").toString();
    CliRun variant = CliRun.of("study", "sinks", "--data", InspectCommandTest.DEMO, "--out", o, "--variants", "v9");
    assertThat(variant.exitCode()).isEqualTo(2);
    assertThat(variant.err()).startsWith("error: unknown variant 'v9'");
    assertThat(variant.err().strip().lines()).hasSize(1);

    CliRun patch = CliRun.of("study", "sinks", "--data", InspectCommandTest.DEMO, "--out", o, "--patch", "5");
    assertThat(patch.exitCode()).isEqualTo(2);
    assertThat(patch.err()).startsWith("error: the sequence length must be a multiple of the patch length");

    CliRun arch = CliRun.of("study", "sinks", "--data", InspectCommandTest.DEMO, "--out", o, "--architectures", "mlp");
    assertThat(arch.exitCode()).isEqualTo(2);
    assertThat(arch.err()).startsWith("error: unknown architecture 'mlp'");

    CliRun missing = CliRun.of("study", "sinks", "--data", dir.resolve("none.csv").toString(), "--out", o);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("error: ");
    assertThat(missing.err().strip().lines()).hasSize(1);
  }
}
