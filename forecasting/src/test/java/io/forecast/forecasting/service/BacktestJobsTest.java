package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.backtest.BacktestFold;
import io.forecast.forecasting.backtest.BacktestResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backtests as jobs on the training thread: checked up front, results kept on disk across restarts. */
class BacktestJobsTest {
  @TempDir Path root;

  private ForecastService service(int retainedJobs) {
    return new ForecastService(new ModelStore(root, StubForecaster::load),
        new ForecastServiceSettings(2, 1000, retainedJobs, 1, 1), TrainingListener.NONE);
  }

  private static byte[] hourlyCsv(int rows) {
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    for (int i = 0; i < rows; i++) {
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(50 + 5 * Math.sin(2 * Math.PI * i / 24.0) + 0.01 * i).append(',')
          .append(3 + Math.cos(2 * Math.PI * i / 24.0) + (i % 7) * 0.1).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A naive backtest with the ratio split: 2 folds, refitEvery and horizon as given. */
  private static BacktestRequest naive(Integer folds, Integer horizon, Integer refitEvery) {
    return new BacktestRequest("naive", 24, 8, Map.of(), null, "ratio", null, null, null, null, null, null, null, null,
        horizon, folds, refitEvery, null, null);
  }

  private static JobStatus await(ForecastService service, String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JobStatus s = service.job(jobId);
    while (!s.state().isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      s = service.job(jobId);
    }
    return s;
  }

  private Path resultFile(String jobId) {
    return root.resolve(BacktestResults.FOLDER).resolve(jobId + ".json");
  }

  @Test
  void aBacktestJobRunsItsFoldsAndItsResultSurvivesARestartUntilTheJobIsForgotten() throws Exception {
    String jobId;
    try (ForecastService first = service(2)) {
      JobStatus queued = first.backtest(hourlyCsv(1000), "hourly.csv", naive(2, null, null));
      jobId = queued.id();
      assertThat(queued.kind()).isEqualTo(JobStatus.BACKTEST);
      assertThat(queued.modelId()).isNull();
      JobStatus done = await(first, jobId);
      assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.folds()).isEqualTo(2);
      assertThat(done.fold()).isEqualTo(2);
      assertThat(first.jobs()).extracting(JobStatus::id).containsExactly(jobId);
      BacktestResult r = first.backtestReport(jobId).result();
      // ratio split of 1000 rows: test rows [800, 1000), cut into 2 folds of 100 rows
      assertThat(r.folds()).extracting(BacktestFold::origin).containsExactly(800, 900);
      assertThat(r.folds()).extracting(BacktestFold::testEnd).containsExactly(900, 1000);
      assertThat(r.folds()).allSatisfy(f -> assertThat(f.windows()).isEqualTo(100 - 8 + 1));
      assertThat(resultFile(jobId)).exists();
      assertThat(first.store().list()).as("no model saved, the folder is not a model").isEmpty();
    }
    try (ForecastService second = service(2)) {
      BacktestReport report = second.backtestReport(jobId);
      assertThat(report.job().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(report.job().kind()).isEqualTo(JobStatus.BACKTEST);
      assertThat(report.result().folds()).extracting(BacktestFold::origin).containsExactly(800, 900);
      assertThat(report.result().data().rows()).isEqualTo(1000);
      // two more finished jobs push the backtest out of the 2 remembered: its result is deleted with it
      String t1 = second.train(hourlyCsv(300), "hourly.csv", TrainingRequest.of("n1", "naive", 24, 8, Map.of())).id();
      assertThat(await(second, t1).state()).isEqualTo(JobState.SUCCEEDED);
      assertThatThrownBy(() -> second.backtestReport(t1)).isInstanceOf(JobNotFoundException.class)
          .hasMessage("job '" + t1 + "' is a training job, not a backtest");
      String t2 = second.train(hourlyCsv(300), "hourly.csv", TrainingRequest.of("n2", "naive", 24, 8, Map.of())).id();
      assertThat(await(second, t2).state()).isEqualTo(JobState.SUCCEEDED);
      // the state turns SUCCEEDED just before the job is remembered and the oldest forgotten
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (Files.exists(resultFile(jobId)) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(resultFile(jobId)).doesNotExist();
      assertThatThrownBy(() -> second.backtestReport(jobId)).isInstanceOf(JobNotFoundException.class)
          .hasMessage("no backtest job '" + jobId + "'");
    }
  }

  @Test
  void badFoldParametersFailTheCallAndQueueNothing() {
    try (ForecastService s = service(2)) {
      assertThatThrownBy(() -> s.backtest(hourlyCsv(1000), "hourly.csv", naive(2, null, -1)))
          .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("refit-every").hasMessageContaining("-1");
      assertThatThrownBy(() -> s.backtest(hourlyCsv(1000), "hourly.csv", naive(null, 4, null)))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage("the horizon (4 rows per fold) must be at least pred_len (8)");
      BacktestRequest rolling = new BacktestRequest("naive", 24, 8, Map.of(), null, "ratio", null, null, null, null,
          "rolling", null, null, null, null, 2, null, null, null);
      assertThatThrownBy(() -> s.backtest(hourlyCsv(1000), "hourly.csv", rolling))
          .isInstanceOf(InvalidTrainingRequestException.class)
          .hasMessage("window must be expanding or sliding, got 'rolling'");
      assertThat(s.jobs()).isEmpty();
    }
  }

  @Test
  void recordsWrittenBeforeJobsHadKindsReadAsTraining() throws Exception {
    Path dir = Files.createDirectories(root.resolve(JobRecords.FOLDER));
    Files.writeString(dir.resolve("old.json"), """
        {"id": "old", "modelId": "m", "state": "SUCCEEDED", "epoch": 1, "maxEpochs": 1,
         "epochs": [{"epoch": 1, "trainLoss": 0.5, "valLoss": 0.6, "seconds": 1.0}], "etaSeconds": null,
         "error": null, "submittedAt": "2024-01-01T00:00:00Z", "startedAt": "2024-01-01T00:00:00Z",
         "finishedAt": "2024-01-01T00:01:00Z"}
        """);
    Files.writeString(dir.resolve("bt.json"), """
        {"id": "bt", "modelId": null, "state": "RUNNING", "epoch": 0, "maxEpochs": 0, "epochs": [],
         "submittedAt": "2024-01-02T00:00:00Z", "startedAt": "2024-01-02T00:00:00Z", "kind": "backtest",
         "fold": 1, "folds": 3}
        """);
    try (ForecastService s = service(10)) {
      JobStatus old = s.job("old");
      assertThat(old.kind()).isEqualTo(JobStatus.TRAINING);
      assertThat(old.fold()).isNull();
      assertThat(old.epochs()).hasSize(1);
      JobStatus bt = s.job("bt");
      assertThat(bt.kind()).isEqualTo(JobStatus.BACKTEST);
      assertThat(bt.state()).isEqualTo(JobState.FAILED);
      assertThat(bt.error()).isEqualTo(ForecastService.INTERRUPTED);
      assertThat(bt.fold()).isEqualTo(1);
      assertThat(bt.folds()).isEqualTo(3);
      assertThat(s.backtestReport("bt").result()).isNull();
    }
  }

  @Test
  void cancellingAQueuedBacktestNeverRunsIt() throws Exception {
    try (ForecastService s = service(10)) {
      // a slow training job holds the thread, so the backtest waits in the queue
      String slow = s.train(hourlyCsv(600), "hourly.csv", TrainingRequest.of("lin", "linear", 24, 8,
          Map.of("epochs", 500, "patience", 500, "batchSize", 8))).id();
      JobStatus queued = s.backtest(hourlyCsv(1000), "hourly.csv", naive(2, null, null));
      assertThat(queued.state()).isEqualTo(JobState.QUEUED);
      assertThat(s.cancel(queued.id()).state()).isEqualTo(JobState.CANCELLED);
      s.cancel(slow);
      assertThat(await(s, slow).state()).isEqualTo(JobState.CANCELLED);
      assertThat(s.backtestReport(queued.id()).job().fold()).as("never planned").isNull();
      assertThat(resultFile(queued.id())).doesNotExist();
    }
  }
}
