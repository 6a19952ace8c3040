package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training job records survive a restart; jobs the service lost read FAILED (interrupted). */
class JobRecordsTest {
  @TempDir Path root;

  private static final ForecastServiceSettings SETTINGS = new ForecastServiceSettings(2, 1000, 10, 1, 1);

  private ForecastService service(ForecastServiceSettings settings) {
    return new ForecastService(new ModelStore(root, StubForecaster::load), settings, TrainingListener.NONE);
  }

  private static JobStatus status(String id, JobState state, String submitted, String finished) {
    List<EpochLoss> epochs = List.of(new EpochLoss(1, 0.5, 0.6, 1.0), new EpochLoss(2, 0.4, 0.5, 1.0));
    return new JobStatus(id, "m-" + id, state, epochs.size(), 10, epochs, state == JobState.RUNNING ? 8.0 : null,
        state == JobState.FAILED ? "boom" : null, submitted, state == JobState.QUEUED ? null : submitted, finished);
  }

  private Path record(String jobId) {
    return root.resolve(JobRecords.FOLDER).resolve(jobId + ".json");
  }

  @Test
  void aJobRunningWhenTheServiceDiedReadsFailedInterrupted() throws IOException {
    // what a service killed mid-training leaves: the records as last written
    JobRecords records = new JobRecords(root);
    records.write(status("running", JobState.RUNNING, "2024-01-01T00:00:00Z", null));
    records.write(status("queued", JobState.QUEUED, "2024-01-01T00:01:00Z", null));
    records.write(status("done", JobState.SUCCEEDED, "2023-12-31T00:00:00Z", "2023-12-31T01:00:00Z"));
    // a crash mid-write of a record leaves a temporary sibling
    Files.writeString(root.resolve(JobRecords.FOLDER).resolve(".tmp-running.json-1234"), "{ half");

    ForecastService restarted = service(SETTINGS);
    try {
      JobStatus running = restarted.job("running");
      assertThat(running.state()).isEqualTo(JobState.FAILED);
      assertThat(running.error()).isEqualTo("interrupted (the service stopped before the job finished)")
          .isEqualTo(ForecastService.INTERRUPTED);
      assertThat(running.epochs()).as("progress kept").hasSize(2);
      assertThat(running.etaSeconds()).isNull();
      assertThat(running.finishedAt()).isNotNull();
      assertThat(restarted.job("queued").state()).isEqualTo(JobState.FAILED);
      assertThat(restarted.job("queued").error()).isEqualTo(ForecastService.INTERRUPTED);
      assertThat(restarted.job("done").state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(restarted.jobs()).extracting(JobStatus::id).containsExactly("done", "running", "queued");
      // the verdict is written back, so it stays the same on every later restart
      JobStatus onDisk = ModelFiles.JSON.readValue(record("running").toFile(), JobStatus.class);
      assertThat(onDisk.state()).isEqualTo(JobState.FAILED);
      assertThat(onDisk.error()).isEqualTo(ForecastService.INTERRUPTED);
    } finally {
      restarted.close();
    }
    try (Stream<Path> s = Files.list(root.resolve(JobRecords.FOLDER))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("running.json", "queued.json",
          "done.json");
    }
    ForecastService again = service(SETTINGS);
    try {
      assertThat(again.job("running").finishedAt()).isEqualTo(
          ModelFiles.JSON.readValue(record("running").toFile(), JobStatus.class).finishedAt());
      assertThat(again.job("running").state()).isEqualTo(JobState.FAILED);
    } finally {
      again.close();
    }
  }

  @Test
  void onlyTheRetainedNumberOfFinishedJobsIsKeptAndTheOthersRecordsDeleted() throws IOException {
    JobRecords records = new JobRecords(root);
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      records.write(status("j" + i, JobState.SUCCEEDED, t.plusSeconds(i).toString(),
          t.plusSeconds(100 + i).toString()));
    }
    // unreadable records are damage: removed
    Files.writeString(record("broken"), "not json");
    ForecastService restarted = service(new ForecastServiceSettings(2, 1000, 2, 1, 1));
    try {
      assertThat(restarted.jobs()).extracting(JobStatus::id).containsExactly("j3", "j4");
    } finally {
      restarted.close();
    }
    try (Stream<Path> s = Files.list(root.resolve(JobRecords.FOLDER))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("j3.json", "j4.json");
    }
    // the store's listing never shows the records' folder
    assertThat(new ModelStore(root, StubForecaster::load).list()).isEmpty();
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

  private static JobStatus await(ForecastService service, String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JobStatus s = service.job(jobId);
    while (!s.state().isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      s = service.job(jobId);
    }
    return s;
  }

  @Test
  void aFinishedJobIsStillKnownAfterARestart() throws Exception {
    ForecastService first = service(SETTINGS);
    String jobId;
    try {
      JobStatus queued = first.train(hourlyCsv(300), "hourly.csv", TrainingRequest.of("naive-1", "naive", 24, 12,
          Map.of()));
      jobId = queued.id();
      assertThat(record(jobId)).exists();
      JobStatus done = await(first, jobId);
      assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(JobState.SUCCEEDED);
    } finally {
      first.close();
    }
    ForecastService second = service(SETTINGS);
    try {
      JobStatus s = second.job(jobId);
      assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(s.modelId()).isEqualTo("naive-1");
      assertThat(s.finishedAt()).isNotNull();
      assertThat(second.store().contains("naive-1")).isTrue();
    } finally {
      second.close();
    }
  }

  @Test
  void stoppingTheServiceMidTrainingRecordsTheJobAsInterrupted() throws Exception {
    ForecastService first = service(SETTINGS);
    String jobId;
    try {
      JobStatus queued = first.train(hourlyCsv(600), "hourly.csv", TrainingRequest.of("lin", "linear", 24, 12,
          Map.of("epochs", 500, "patience", 500, "batchSize", 8)));
      jobId = queued.id();
      long deadline = System.nanoTime() + 30_000_000_000L;
      JobStatus onDisk = ModelFiles.JSON.readValue(record(jobId).toFile(), JobStatus.class);
      while (onDisk.epoch() < 1 && !first.job(jobId).state().isFinished() && System.nanoTime() < deadline) {
        Thread.sleep(10);
        onDisk = ModelFiles.JSON.readValue(record(jobId).toFile(), JobStatus.class);
      }
      assertThat(onDisk.state()).isEqualTo(JobState.RUNNING);
      assertThat(onDisk.epoch()).as("epochs are recorded as they finish").isPositive();
    } finally {
      first.close();
    }
    assertThat(first.job(jobId).state()).isEqualTo(JobState.FAILED);
    assertThat(first.job(jobId).error()).isEqualTo(ForecastService.INTERRUPTED);
    assertThat(ModelFiles.JSON.readValue(record(jobId).toFile(), JobStatus.class).state()).isEqualTo(JobState.FAILED);
    ForecastService second = service(SETTINGS);
    try {
      assertThat(second.job(jobId).state()).isEqualTo(JobState.FAILED);
      assertThat(second.job(jobId).error()).isEqualTo(ForecastService.INTERRUPTED);
      assertThat(second.store().contains("lin")).isFalse();
    } finally {
      second.close();
    }
  }
}
