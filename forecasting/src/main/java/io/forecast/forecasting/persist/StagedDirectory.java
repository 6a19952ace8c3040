package io.forecast.forecasting.persist;

import io.forecast.forecasting.persist.WriteFaults.SimulatedCrash;
import io.forecast.forecasting.persist.WriteFaults.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * The two halves of {@link AtomicDirectory}'s write protocol: {@link #stage} (steps 1–3: write a
 * {@code .tmp-} sibling, fsync it, rename it to {@code .new-NAME-UUID}, the commit point) creates a
 * complete, durable copy of a target's new content beside it; {@link #commit} (steps 4–6: move the
 * old copy aside as {@code .old-}, rename the new one into place, delete the old; the parent fsynced
 * after each rename) swaps it in. A store stages outside its locks (writing a model takes long) and
 * commits inside them (a few renames). Closing an uncommitted stage deletes it.
 *
 * <p>A failure in process before the new copy is in place rolls back (the staged copy deleted, the
 * old directory put back); after it, the new copy stays. A {@link SimulatedCrash} (tests) leaves
 * everything as a kill -9 would.
 */
public final class StagedDirectory implements AutoCloseable {
  private final Path target;
  private final String uuid;
  private final Path staged;
  private boolean done;

  private StagedDirectory(Path target, String uuid, Path staged) {
    this.target = target;
    this.uuid = uuid;
    this.staged = staged;
  }

  /**
   * Steps 1–3: writes the content into a temporary sibling of {@code target}, fsyncs it and renames
   * it to its staged name ({@code .new-NAME-UUID}). The target itself is not touched.
   *
   * @throws IOException if writing or syncing fails; nothing is left behind
   */
  static StagedDirectory stage(Path target, AtomicDirectory.Content content) throws IOException {
    Objects.requireNonNull(content, "content");
    Path abs = AtomicDirectory.absolute(target);
    Path parent = abs.getParent();
    String name = abs.getFileName().toString();
    Files.createDirectories(parent);
    String uuid = UUID.randomUUID().toString();
    Path temp = parent.resolve(AtomicDirectory.TEMP_PREFIX + name + "-" + uuid);
    Path ready = parent.resolve(AtomicDirectory.NEW_PREFIX + name + "-" + uuid);
    Files.createDirectory(temp);
    boolean renamed = false;
    try {
      content.writeTo(temp);
      WriteFaults.reached(Step.CONTENT_WRITTEN, abs);
      DurableFiles.syncTree(temp);
      WriteFaults.reached(Step.CONTENT_SYNCED, abs);
      AtomicDirectory.move(temp, ready);
      renamed = true;
      DurableFiles.syncDirectory(parent);
      WriteFaults.reached(Step.STAGED, abs);
      return new StagedDirectory(abs, uuid, ready);
    } catch (SimulatedCrash crash) {
      throw crash;
    } catch (IOException | RuntimeException | Error e) {
      AtomicDirectory.deleteQuietly(renamed ? ready : temp, e);
      throw e;
    }
  }

  /** The directory this stage replaces or creates. */
  public Path target() {
    return target;
  }

  /**
   * Steps 4–6: swaps the staged copy in (moving an existing target aside first), then deletes the
   * old copy. Call at most once.
   *
   * @throws FileAlreadyExistsException if the target exists and {@code overwrite} is false (the
   *     stage is kept until closed)
   * @throws IOException if a rename or sync fails: before the new copy is in place the old one is
   *     restored; after, the new copy stays in place
   */
  public synchronized void commit(boolean overwrite) throws IOException {
    if (done) {
      throw new IllegalStateException("already committed or closed: " + target);
    }
    Path parent = target.getParent();
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && !overwrite) {
      throw AtomicDirectory.alreadyExists(target);
    }
    Path old = exists ? parent.resolve(AtomicDirectory.OLD_PREFIX + target.getFileName() + "-" + uuid) : null;
    boolean oldAside = false;
    boolean inPlace = false;
    try {
      if (old != null) {
        AtomicDirectory.move(target, old);
        oldAside = true;
        DurableFiles.syncDirectory(parent);
        WriteFaults.reached(Step.OLD_MOVED_ASIDE, target);
      }
      AtomicDirectory.move(staged, target);
      inPlace = true;
      done = true;
      DurableFiles.syncDirectory(parent);
      WriteFaults.reached(Step.NEW_IN_PLACE, target);
    } catch (SimulatedCrash crash) {
      done = true;
      throw crash;
    } catch (IOException | RuntimeException | Error e) {
      done = true;
      if (!inPlace) {
        rollBack(old, oldAside, e);
      } else if (old != null) {
        AtomicDirectory.deleteQuietly(old, e);
      }
      throw e;
    }
    if (old != null) {
      try {
        AtomicDirectory.deleteRecursively(old);
        DurableFiles.syncDirectory(parent);
      } catch (IOException | UncheckedIOException leftover) {
        // the new copy is in place and durable; recovery removes what is left of the old one
      }
      WriteFaults.reached(Step.OLD_DELETED, target);
    }
  }

  private void rollBack(Path old, boolean oldAside, Throwable failure) {
    try {
      if (oldAside && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        AtomicDirectory.move(old, target);
      }
      AtomicDirectory.deleteRecursively(staged);
      DurableFiles.syncDirectory(target.getParent());
    } catch (IOException | RuntimeException e) {
      // left for recovery, which completes the swap (the staged copy is complete)
      failure.addSuppressed(e);
    }
  }

  /** Deletes the staged copy unless it was committed. Never throws. */
  @Override
  public synchronized void close() {
    if (!done) {
      done = true;
      try {
        AtomicDirectory.deleteRecursively(staged);
      } catch (IOException | RuntimeException ignored) {
        // an uncommitted stage left behind is completed or removed by the next recovery
      }
    }
  }
}
