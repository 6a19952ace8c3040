package io.forecast.forecasting.service;

import io.forecast.forecasting.backtest.BacktestResult;
import io.forecast.forecasting.persist.DurableFiles;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The results of finished backtest jobs on disk: one JSON file per job ({@code
 * ROOT/.backtests/JOB-ID.json}, a {@link BacktestResult}), written atomically and durably ({@link
 * DurableFiles#writeAtomically}) and deleted when the job is forgotten. The folder's name starts with
 * a dot, so it can never be a model id and the store's listing skips it.
 */
final class BacktestResults {
  /** The folder, inside the store's root, holding the results. */
  static final String FOLDER = ".backtests";
  private static final String SUFFIX = ".json";
  /** What a job id looks like (UUIDs; a restored record's id is checked against it). */
  static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path dir;

  BacktestResults(Path storeRoot) {
    this.dir = storeRoot.resolve(FOLDER);
  }

  /** Writes a job's result (replacing any earlier one). */
  void write(String jobId, BacktestResult result) throws IOException {
    DurableFiles.writeAtomically(file(jobId), ModelFiles.JSON.writeValueAsBytes(result));
  }

  /** A job's result, or {@code null} when none was written (the job did not succeed). */
  BacktestResult read(String jobId) throws IOException {
    try {
      return ModelFiles.JSON.readValue(Files.readAllBytes(file(jobId)), BacktestResult.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes a job's result; a missing one is not an error. */
  void delete(String jobId) throws IOException {
    DurableFiles.deleteDurably(file(jobId));
  }

  /** The file of a job's result. */
  Path file(String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("not a job id: " + jobId);
    }
    return dir.resolve(jobId + SUFFIX);
  }
}
