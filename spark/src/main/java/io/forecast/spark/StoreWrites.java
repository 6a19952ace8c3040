package io.forecast.spark;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.Recovery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Writes trained models into the shared store atomically, so that a retried or speculative task never
 * leaves a duplicate or a partial model: a reader sees the id's old complete model or its new one.
 *
 * <ul>
 *   <li>Local (or NFS-like POSIX) store: the project's protocol, {@link AtomicDirectory#write} (staged
 *       as a fsynced {@code .new-ID-UUID} sibling, then swapped in; a rerun first completes or rolls
 *       back an interrupted swap of the same id).
 *   <li>Other Hadoop file systems: the model is saved locally, copied to {@code ROOT/.tmp-ID-UUID}, the
 *       old version (if any) renamed to {@code .old-ID-UUID}, the copy renamed to {@code ID}, the old one
 *       deleted. Renames are atomic on HDFS; on object stores (S3) a rename is a copy, so write the
 *       store to HDFS or a POSIX mount and publish from there.
 * </ul>
 * Entries starting with a dot are never models; {@link #cleanUp} removes what killed attempts left.
 */
final class StoreWrites {
  private StoreWrites() {}

  /** Test hook: fails a write after the model's files are staged, before it is swapped in. */
  interface Fault {
    void beforeCommit() throws IOException;
  }

  /** Saves {@code model} as {@code id}, replacing an existing version atomically. */
  static void save(StorePaths store, String id, Forecaster model, Fault fault) throws IOException {
    if (store.isLocal()) {
      AtomicDirectory.write(store.localRoot().resolve(id), true, dir -> {
        model.save(dir);
        fault.beforeCommit();
      });
      return;
    }
    Path local = Files.createTempDirectory("forecast-spark-save-");
    FileSystem fs = store.fileSystem();
    String uuid = UUID.randomUUID().toString();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.root());
    org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(root, AtomicDirectory.TEMP_PREFIX + id + "-" + uuid);
    try {
      Path dir = local.resolve(id);
      Files.createDirectories(dir);
      model.save(dir);
      fs.mkdirs(root);
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(dir.toUri()), temp);
      fault.beforeCommit();
      org.apache.hadoop.fs.Path target = store.model(id);
      org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(root, AtomicDirectory.OLD_PREFIX + id + "-" + uuid);
      boolean replaced = fs.exists(target) && fs.rename(target, old);
      if (!fs.rename(temp, target)) {
        if (replaced) {
          fs.rename(old, target);
        }
        throw new IOException("cannot rename " + temp + " to " + target);
      }
      if (replaced) {
        fs.delete(old, true);
      }
    } catch (IOException | RuntimeException e) {
      fs.delete(temp, true);
      throw e;
    } finally {
      try {
        AtomicDirectory.deleteRecursively(local);
      } catch (IOException | UncheckedIOException ignored) {
        // the local staging copy only
      }
    }
  }

  /**
   * Removes what killed or failed attempts left in the store (temporary and staged copies), once no
   * task writes to it (the driver, before and after a training job). A local store is recovered with the
   * project's protocol (an interrupted swap completed or rolled back).
   *
   * @return the number of entries removed or recovered
   */
  static int cleanUp(StorePaths store) throws IOException {
    if (store.isLocal()) {
      Path root = store.localRoot();
      if (!Files.isDirectory(root)) {
        return 0;
      }
      Recovery r = AtomicDirectory.recoverAll(root, dir -> Files.isRegularFile(dir.resolve("model.json")));
      return r.completed().size() + r.restored().size() + r.removed().size();
    }
    FileSystem fs = store.fileSystem();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.root());
    if (!fs.exists(root)) {
      return 0;
    }
    int removed = 0;
    for (FileStatus s : fs.listStatus(root)) {
      String name = s.getPath().getName();
      if (name.startsWith(AtomicDirectory.TEMP_PREFIX) || name.startsWith(AtomicDirectory.OLD_PREFIX)) {
        String id = name.substring(name.indexOf('-') + 1, Math.max(name.indexOf('-') + 1, name.length() - 37));
        if (name.startsWith(AtomicDirectory.OLD_PREFIX) && !fs.exists(store.model(id))) {
          fs.rename(s.getPath(), store.model(id)); // the swap stopped between its two renames: roll back
        } else {
          fs.delete(s.getPath(), true);
        }
        removed++;
      }
    }
    return removed;
  }
}
