package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingJobTest {
  @Test
  void progressAndEtaFollowTheEpochs() {
    TrainingJob job = new TrainingJob("j", "m", 10);
    assertThat(job.snapshot().state()).isEqualTo(JobState.QUEUED);
    assertThat(job.start()).isTrue();
    assertThat(job.snapshot().etaSeconds()).as("no epoch yet").isNull();
    job.epochFinished(1, 0.5, 0.6, 2.0);
    job.epochFinished(2, 0.4, 0.5, 4.0);
    JobStatus s = job.snapshot();
    assertThat(s.epoch()).isEqualTo(2);
    assertThat(s.epochs()).extracting(EpochLoss::valLoss).containsExactly(0.6, 0.5);
    assertThat(s.etaSeconds()).isEqualTo(3.0 * 8);
    assertThat(job.cancel()).as("running: cancel is only requested").isFalse();
    assertThat(job.isCancelRequested()).isTrue();
    assertThat(job.snapshot().state()).isEqualTo(JobState.RUNNING);
    job.finish(JobState.CANCELLED, null);
    assertThat(job.snapshot().etaSeconds()).isNull();
    assertThat(job.snapshot().finishedAt()).isNotNull();
    job.finish(JobState.SUCCEEDED, null);
    assertThat(job.snapshot().state()).as("a finished job stays finished").isEqualTo(JobState.CANCELLED);
  }

  @Test
  void aQueuedJobCancelsAtOnceAndNeverStarts() {
    TrainingJob job = new TrainingJob("j", "m", 3);
    assertThat(job.cancel()).isTrue();
    assertThat(job.snapshot().state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.start()).isFalse();
  }

  @Test
  void stoppingTheServiceFailsUnfinishedJobsAsInterrupted() {
    TrainingJob queued = new TrainingJob("q", "m", 3);
    assertThat(queued.interrupt()).isTrue();
    assertThat(queued.snapshot().state()).isEqualTo(JobState.FAILED);
    assertThat(queued.snapshot().error()).isEqualTo(TrainingJob.INTERRUPTED);
    assertThat(queued.start()).isFalse();

    TrainingJob running = new TrainingJob("r", "m", 3);
    running.start();
    assertThat(running.interrupt()).as("running: only asked to stop").isFalse();
    assertThat(running.isCancelRequested()).isTrue();
    running.finish(JobState.CANCELLED, null); // what the trainer reports once it stops
    assertThat(running.snapshot().state()).isEqualTo(JobState.FAILED);
    assertThat(running.snapshot().error()).isEqualTo(TrainingJob.INTERRUPTED);

    TrainingJob cancelled = new TrainingJob("c", "m", 3);
    cancelled.start();
    cancelled.cancel(); // a user's cancel comes first: it stays a cancel
    assertThat(cancelled.interrupt()).isFalse();
    cancelled.finish(JobState.CANCELLED, null);
    assertThat(cancelled.snapshot().state()).isEqualTo(JobState.CANCELLED);

    TrainingJob finishing = new TrainingJob("s", "m", 3);
    finishing.start();
    finishing.interrupt();
    finishing.finish(JobState.SUCCEEDED, null); // saved before it noticed: a success stays a success
    assertThat(finishing.snapshot().state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void aRestoredUnfinishedJobIsFailedInterrupted() {
    TrainingJob job = new TrainingJob("j", "m", 10);
    job.start();
    job.epochFinished(1, 0.5, 0.6, 2.0);
    TrainingJob restored = TrainingJob.restore(job.snapshot());
    JobStatus s = restored.snapshot();
    assertThat(s.state()).isEqualTo(JobState.FAILED);
    assertThat(s.error()).isEqualTo(TrainingJob.INTERRUPTED);
    assertThat(s.epochs()).hasSize(1);
    assertThat(s.submittedAt()).isEqualTo(job.snapshot().submittedAt());
    assertThat(s.startedAt()).isEqualTo(job.snapshot().startedAt());
    assertThat(restored.cancel()).isFalse();

    job.finish(JobState.SUCCEEDED, null);
    assertThat(TrainingJob.restore(job.snapshot()).snapshot()).isEqualTo(job.snapshot());
  }
}
