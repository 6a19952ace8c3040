package io.forecast.forecasting.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.UnknownModelTypeException;
import io.forecast.forecasting.baselines.BaselinesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small grid on a synthetic hourly series: aggregation, resuming, refusals and failed runs. */
class CompareRunnerTest {
  private static final TimeSeriesFrame FRAME = BaselinesTest.hourly(400);
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path out;

  /** Counts the runs trained and the epochs they ran. */
  private static final class Counter implements CompareProgress {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger epochs = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger resumed = new AtomicInteger();

    @Override
    public TrainingProgress runStarted(RunSpec run) {
      started.incrementAndGet();
      return (epoch, train, val, lr, seconds) -> epochs.incrementAndGet();
    }

    @Override
    public void runFinished(RunResult result, boolean wasResumed) {
      finished.incrementAndGet();
      if (wasResumed) {
        resumed.incrementAndGet();
      }
    }
  }

  private static CompareSpec spec(int seqLen, Map<String, ?> settings) {
    return CompareSpec.of("hourly.csv", "sha-of-hourly", SplitRule.AUTO, List.of("naive", "seasonal-naive", "dlinear"),
        List.of(4, 8), seqLen, CompareSpec.seeds(2), settings);
  }

  private static double sampleStd(double a, double b) {
    double mean = (a + b) / 2;
    return Math.sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean)) / (2 - 1));
  }

  @Test
  void everyRunIsRecordedAggregatedAndResumedWithoutTraining() throws IOException {
    CompareSpec spec = spec(24, Map.of("epochs", 1));
    assertThat(spec.settings().get("dlinear")).containsEntry("epochs", 1);
    assertThat(spec.settings().get("naive")).as("naive has no epochs setting").isEmpty();
    assertThat(spec.seeds()).containsExactly(2023L, 2024L);
    Counter first = new Counter();
    CompareResults results = CompareRunner.run(spec, FRAME, out, 1, first);
    assertThat(first.started).hasValue(3 * 2 * 2);
    assertThat(first.epochs).as("one epoch per dlinear run, none for the baselines").hasValue(2 * 2);
    assertThat(results.trained()).isEqualTo(12);
    assertThat(results.resumed()).isZero();
    assertThat(results.failures()).isEmpty();

    // mean and sample std per model and horizon, from the run files themselves
    for (String model : List.of("naive", "seasonal-naive", "dlinear")) {
      for (int h : List.of(4, 8)) {
        JsonNode a = JSON.readTree(out.resolve("runs").resolve(model + "_24_" + h + "_seed2023.json").toFile());
        JsonNode b = JSON.readTree(out.resolve("runs").resolve(model + "_24_" + h + "_seed2024.json").toFile());
        CompareResults.Cell cell = results.cell(model, h);
        double mseA = a.get("testMse").asDouble();
        double mseB = b.get("testMse").asDouble();
        double maeA = a.get("testMae").asDouble();
        double maeB = b.get("testMae").asDouble();
        assertThat(cell.runs()).isEqualTo(2);
        assertThat(cell.mseMean()).isCloseTo((mseA + mseB) / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cell.maeMean()).isCloseTo((maeA + maeB) / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cell.mseStd()).isCloseTo(sampleStd(mseA, mseB), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cell.maeStd()).isCloseTo(sampleStd(maeA, maeB), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.get("perStepMse")).hasSize(h);
        assertThat(a.get("spec").get("seed").asLong()).isEqualTo(2023);
      }
    }
    // the baselines have no weights and no randomness: every seed gives the same errors
    assertThat(results.cell("naive", 4).mseStd()).isZero();
    assertThat(JSON.readTree(out.resolve("runs/dlinear_24_8_seed2023.json").toFile()).get("epochsRun").asInt())
        .isEqualTo(1);
    assertThat(JSON.readTree(out.resolve("runs/dlinear_24_8_seed2023.json").toFile()).get("secondsPerEpoch")
        .asDouble()).isPositive();
    assertThat(JSON.readTree(out.resolve("runs/naive_24_8_seed2023.json").toFile()).get("secondsPerEpoch").isNull())
        .isTrue();
    CompareResults.ModelAverage naive = results.averages().get(0);
    assertThat(naive.mse()).isCloseTo((results.cell("naive", 4).mseMean() + results.cell("naive", 8).mseMean()) / 2,
        org.assertj.core.data.Offset.offset(1e-12));

    String md = Files.readString(out.resolve(CompareRunner.RESULTS_MD));
    assertThat(md).contains("| naive |").contains("| seasonal-naive |").contains("| dlinear |").contains(" H=4 |")
        .contains(" H=8 |").contains("average").contains(String.format(java.util.Locale.ROOT, "%.4f ± %.4f",
            results.cell("dlinear", 8).mseMean(), results.cell("dlinear", 8).mseStd()));
    JsonNode json = JSON.readTree(out.resolve(CompareRunner.RESULTS_JSON).toFile());
    assertThat(json.get("byModelAndHorizon")).hasSize(6);
    assertThat(json.get("runs")).hasSize(12);

    Counter second = new Counter();
    CompareResults again = CompareRunner.run(spec(24, Map.of("epochs", "1")), FRAME, out, 1, second);
    assertThat(second.started).as("nothing is trained again").hasValue(0);
    assertThat(second.resumed).hasValue(12);
    assertThat(again.resumed()).isEqualTo(12);
    assertThat(again.trained()).isZero();
    assertThat(again.cells()).isEqualTo(results.cells());
    assertThat(again.runs()).isEqualTo(results.runs());
  }

  @Test
  void aRunFileOfAnotherRunIsRefusedBeforeAnythingRuns() throws IOException {
    CompareRunner.run(spec(24, Map.of("epochs", 1)), FRAME, out, 1, CompareProgress.NONE);
    Path file = out.resolve("runs/dlinear_24_4_seed2023.json");
    String before = Files.readString(file);
    Counter counter = new Counter();
    assertThatThrownBy(() -> CompareRunner.run(spec(24, Map.of("epochs", 2)), FRAME, out, 1, counter))
        .isInstanceOf(GridMismatchException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("another --out");
    assertThat(counter.started).hasValue(0);
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void aFailedRunIsRecordedAndTheGridGoesOn() throws IOException {
    // seasonal-naive needs seq_len >= its period (24 for hourly data)
    CompareSpec spec = CompareSpec.of("hourly.csv", "sha", SplitRule.AUTO, List.of("seasonal-naive", "naive"),
        List.of(4), 12, List.of(7L), Map.of());
    CompareResults results = CompareRunner.run(spec, FRAME, out, 1, CompareProgress.NONE);
    assertThat(results.failures()).hasSize(1);
    RunResult failed = results.failures().get(0);
    assertThat(failed.spec().model()).isEqualTo("seasonal-naive");
    assertThat(failed.error()).contains("period").contains("seq_len");
    assertThat(results.cell("seasonal-naive", 4).mseMean()).isNull();
    assertThat(results.cell("naive", 4).mseMean()).isPositive();
    assertThat(results.cell("naive", 4).mseStd()).as("one seed: no std").isNull();
    assertThat(results.averages().get(0).mse()).isNull();
    JsonNode file = JSON.readTree(out.resolve("runs/seasonal-naive_12_4_seed7.json").toFile());
    assertThat(file.get("status").asText()).isEqualTo("failed");
    assertThat(file.get("error").asText()).isEqualTo(failed.error());
    assertThat(Files.readString(out.resolve(CompareRunner.RESULTS_MD))).contains("## Failures")
        .contains("seasonal-naive_12_4_seed7.json: " + failed.error()).contains("| seasonal-naive | failed |");

    Counter counter = new Counter();
    CompareRunner.run(spec, FRAME, out, 1, counter);
    assertThat(counter.started).as("a recorded failure is not retried").hasValue(0);
  }

  @Test
  void badGridsAreRefusedUpFront() {
    assertThatThrownBy(() -> CompareSpec.of("f.csv", "sha", null, List.of("naive", "nope"), List.of(4), 24,
        List.of(1L), Map.of())).isInstanceOf(UnknownModelTypeException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> CompareSpec.of("f.csv", "sha", null, List.of(), List.of(4), 24, List.of(1L), Map.of()))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("model types");
    assertThatThrownBy(() -> CompareSpec.of("f.csv", "sha", null, List.of("naive"), List.of(4, 0), 24, List.of(1L),
        Map.of())).isInstanceOf(InvalidSettingsException.class).hasMessageContaining("pred_len");
    assertThatThrownBy(() -> CompareSpec.of("f.csv", "sha", null, List.of("naive", "dlinear"), List.of(4), 24,
        List.of(1L), Map.of("kernal", 25))).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("'kernal'").hasMessageContaining("naive, dlinear");
    assertThatThrownBy(() -> CompareSpec.of("f.csv", "sha", null, List.of("naive", "dlinear"), List.of(4), 24,
        List.of(1L), Map.of("epochs", "many"))).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("epochs");
    assertThatThrownBy(() -> CompareSpec.seeds(0)).isInstanceOf(InvalidSettingsException.class);
    assertThat(new ArrayList<>(CompareSpec.seeds(3))).containsExactly(2023L, 2024L, 2025L);
  }
}
