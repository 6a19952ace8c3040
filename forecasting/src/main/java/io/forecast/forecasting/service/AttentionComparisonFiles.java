package io.forecast.forecasting.service;

import io.forecast.forecasting.persist.AtomicDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The output folders of attention-comparison jobs ({@code ROOT/.attention-comparisons/JOB-ID/}): what
 * {@code forecast compare-attention --out} writes (the run files under {@code runs/}, {@code
 * results.json}, {@code results.md}, {@code val-loss.svg}; the last three replaced atomically), deleted
 * when the job is forgotten. The folder's name starts with a dot, so it can never be a model id and the
 * store's listing skips it.
 */
final class AttentionComparisonFiles {
  /** The folder, inside the store's root, holding one folder per job. */
  static final String FOLDER = ".attention-comparisons";

  private final Path dir;

  AttentionComparisonFiles(Path storeRoot) {
    this.dir = storeRoot.resolve(FOLDER);
  }

  /** The output folder of a job. */
  Path folder(String jobId) {
    if (jobId == null || !BacktestResults.JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("not a job id: " + jobId);
    }
    return dir.resolve(jobId);
  }

  /** A file of a job's folder, or {@code null} when it was not written. */
  byte[] read(String jobId, String file) throws IOException {
    try {
      return Files.readAllBytes(folder(jobId).resolve(file));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes a job's folder; a missing one is not an error. */
  void delete(String jobId) throws IOException {
    AtomicDirectory.deleteRecursively(folder(jobId));
  }
}
