package io.forecast.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare-attention} end to end with a tiny itransformer on 4 synthetic columns, and its refusals. */
class CompareAttentionCommandTest {
  @TempDir Path dir;
  Path csv;

  @BeforeEach
  void data() throws Exception {
    StringBuilder s = new StringBuilder("date,a,b,c,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    for (int i = 0; i < 400; i++) {
      double x = Math.sin(2 * Math.PI * i / 24.0);
      s.append(t.plusHours(i).toString().replace('T', ' ')).append(":00")
          .append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f%n", 10 + 3 * x, Math.cos(2 * Math.PI * i / 12.0),
              5 - x + (i % 5) * 0.05, 20 + x + 0.01 * i));
    }
    csv = dir.resolve("four.csv");
    Files.writeString(csv, s.toString());
  }

  private String[] args(Path out, String... extra) {
    String[] head = {"compare-attention", "--data", csv.toString(), "--model", "itransformer", "--pred-len", "8",
        "--seq-len", "24", "--seeds", "1", "--epochs", "1", "--set", "dModel=16", "--set", "dFf=16", "--set",
        "nHeads=2", "--set", "eLayers=1", "--threads", "1", "--no-progress", "--out", out.toString()};
    String[] all = new String[head.length + extra.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(extra, 0, all, head.length, extra.length);
    return all;
  }

  @Test
  void protocolsAAndBWriteTheirFiles() throws Exception {
    Path a = dir.resolve("a");
    CliRun run = CliRun.of(args(a, "--variants", "softmax,qr,qontot"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("runs").asInt()).isEqualTo(3);
    assertThat(summary.get("failed").asInt()).isZero();
    for (String file : new String[] {"results.json", "results.md", "val-loss.svg", "runs/qontot_24_8_seed2023.json"}) {
      assertThat(a.resolve(file)).as(file).isRegularFile();
    }
    assertThat(Files.readString(a.resolve("results.md"))).contains("| qontot |", "Attention diagnostics per layer");

    Path b = dir.resolve("b");
    CliRun swap = CliRun.of(args(b, "--variants", "softmax,monarch", "--protocol", "B"));
    assertThat(swap.exitCode()).as(swap.err()).isZero();
    JsonNode swaps = new ObjectMapper().readTree(swap.out()).get("swaps");
    assertThat(swaps).hasSize(2);
    assertThat(swaps.get(0).get("deltaMseMean").asDouble()).isEqualTo(0.0);
    assertThat(swaps.get(1).get("deltaMseMean").isNumber()).isTrue();
  }

  @Test
  void badInputExitsTwoWithOneErrorLineBeforeTraining() {
    String[][] bad = {
        {"--variants", "softmax,flash"},
        {"--variants", " , "},
        {"--variants", "softmax", "--protocol", "C"},
        {"--variants", "delta", "--protocol", "B"},
        {"--variants", "softmax", "--set", "attention=qr"},
    };
    String[] expected = {"flash", "--variants is empty", "protocol must be A", "use it with patchtst",
        "setting 'attention' is what the variants set"};
    for (int i = 0; i < bad.length; i++) {
      Path out = dir.resolve("bad" + i);
      CliRun run = CliRun.of(args(out, bad[i]));
      assertThat(run.exitCode()).as(String.join(" ", bad[i]) + ": " + run.err()).isEqualTo(2);
      assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
      assertThat(run.err()).startsWith("error:").contains(expected[i]);
      assertThat(out.resolve("runs")).as("nothing trained").doesNotExist();
    }
  }
}
