package io.forecast.forecasting.service;

import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.DurableFiles;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The jobs' records on disk: one small JSON file per job ({@code ROOT/.jobs/JOB-ID.json},
 * a {@link JobStatus}), each replaced atomically and durably ({@link DurableFiles#writeAtomically}),
 * so a crash leaves every record with its previous or its new content. The folder's name starts
 * with a dot, so it can never be a model id and the store's listing skips it.
 */
final class JobRecords {
  /** The folder, inside the store's root, holding the records. */
  static final String FOLDER = ".jobs";
  private static final String SUFFIX = ".json";
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path dir;

  JobRecords(Path storeRoot) {
    this.dir = storeRoot.resolve(FOLDER);
  }

  /** The records' folder. */
  Path directory() {
    return dir;
  }

  /** Writes (replaces) a job's record. */
  void write(JobStatus status) throws IOException {
    DurableFiles.writeAtomically(file(status.id()), ModelFiles.JSON.writeValueAsBytes(status));
  }

  /** Deletes a job's record; a missing one is not an error. */
  void delete(String jobId) throws IOException {
    DurableFiles.deleteDurably(file(jobId));
  }

  /**
   * Reads every record, removing temporaries left by a crash mid-write and records that cannot be
   * read (a record is only ever replaced whole, so an unreadable one is damage, not a write in
   * progress).
   */
  List<JobStatus> load() throws IOException {
    List<JobStatus> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (AtomicDirectory.isTemporary(p)) {
          AtomicDirectory.deleteRecursively(p);
          continue;
        }
        if (!name.endsWith(SUFFIX) || !Files.isRegularFile(p)) {
          continue;
        }
        String id = name.substring(0, name.length() - SUFFIX.length());
        JobStatus status;
        try {
          status = ModelFiles.JSON.readValue(p.toFile(), JobStatus.class);
        } catch (IOException | RuntimeException unreadable) {
          status = null;
        }
        if (status == null || !id.equals(status.id()) || status.state() == null
            || (status.modelId() == null && JobStatus.TRAINING.equals(status.kind()))) {
          Files.deleteIfExists(p);
          continue;
        }
        out.add(status);
      }
    }
    return out;
  }

  private Path file(String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("not a job id: " + jobId);
    }
    return dir.resolve(jobId + SUFFIX);
  }
}
