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
}
