package io.forecast.forecasting.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes, replaces and deletes a directory so that a crash at any instant (kill -9 or power loss)
 * leaves its name holding either the complete old or the complete new content, never nothing and
 * never a mix, and so that {@link #recover} brings a folder back to that state after a restart.
 * This class is the entry point; the work is split: {@link StagedDirectory} (the write and swap
 * steps), {@code Recoverer} (recovery, reporting a {@link Recovery}) and {@code WriteFaults} (fault
 * injection for tests).
 *
 * <h2>The write protocol</h2>
 *
 * All names are siblings of the target {@code NAME} in its parent folder, one {@code UUID} per
 * write:
 *
 * <ol>
 *   <li><b>write</b> the content into {@code .tmp-NAME-UUID};
 *   <li><b>sync</b>: fsync every file and directory of it;
 *   <li><b>stage</b>: rename it to {@code .new-NAME-UUID} and fsync the parent. <em>This is the
 *       commit point</em>: a {@code .new-} directory is complete and durable by construction;
 *   <li><b>move the old aside</b> (only when {@code NAME} exists, and only when overwriting):
 *       rename {@code NAME} to {@code .old-NAME-UUID}, fsync the parent;
 *   <li><b>put the new in place</b>: rename {@code .new-NAME-UUID} to {@code NAME}, fsync the parent;
 *   <li><b>delete the old</b> {@code .old-NAME-UUID}, fsync the parent.
 * </ol>
 *
 * Every rename is an atomic rename within one folder ({@link StandardCopyOption#ATOMIC_MOVE}), so
 * each step either happened or did not.
 *
 * <h2>Crash states and recovery</h2>
 *
 * <pre>
 * crash during / after step   on disk                                after {@link #recover}
 * 1 write, 2 sync             NAME (old, if any), .tmp-NAME-U        old (the .tmp- is deleted)
 * 3 stage                     NAME (old, if any), .new-NAME-U        new (swap completed)
 * 4 old aside                 .old-NAME-U, .new-NAME-U               new (swap completed)
 * 5 new in place              NAME (new), .old-NAME-U                new (the .old- is deleted)
 * 6 old deleted (partly)      NAME (new), part of .old-NAME-U        new (the rest is deleted)
 * </pre>
 *
 * Recovery, per target name: every {@code .tmp-} (never synced, possibly torn) and {@code .del-}
 * (a committed delete) sibling is deleted; a {@code .new-} sibling that the caller's completeness
 * test accepts (for models: a readable {@code model.json}, which is written last) wins and is
 * swapped in exactly as above; otherwise, if {@code NAME} is missing, the newest complete
 * {@code .old-} sibling is renamed back; every remaining {@code .old-} is deleted. Recovery is
 * itself made of the same atomic renames, so a crash during recovery is recovered by the next one.
 *
 * <p>A write that fails <em>in process</em> (an {@link IOException} or runtime exception) before
 * step 5 rolls back: the staged copy is deleted and the old directory put back, and the call throws.
 * A failure after step 5 throws with the new directory in place (a leftover {@code .old-} is removed
 * by the next recovery). Only if a rollback itself fails can recovery later complete a write whose
 * call failed.
 *
 * <h2>Deletion</h2>
 *
 * {@link #moveToTrash} renames {@code NAME} to {@code .del-NAME-UUID} and fsyncs the parent (the
 * delete is then committed); the trash is deleted afterwards, or by recovery.
 *
 * <p><b>One writer per target.</b> Recovery assumes no other process is writing the same target
 * (a store runs it only when it opens). Names: every protocol entry starts with a dot, which model
 * ids never do, so listings skip them ({@link #isTemporary}).
 */
public final class AtomicDirectory {
  /** Prefix of a directory being written (incomplete until staged). */
  public static final String TEMP_PREFIX = ".tmp-";
  /** Prefix of a complete, durable new copy waiting to be swapped in. */
  public static final String NEW_PREFIX = ".new-";
  /** Prefix of the previous copy moved aside during a swap. */
  public static final String OLD_PREFIX = ".old-";
  /** Prefix of a deleted directory awaiting removal. */
  public static final String DELETED_PREFIX = ".del-";

  /** Every protocol prefix. */
  static final List<String> PREFIXES = List.of(TEMP_PREFIX, NEW_PREFIX, OLD_PREFIX, DELETED_PREFIX);

  /** Accepts every directory as complete (the protocol alone guarantees a {@code .new-} is). */
  public static final Predicate<Path> ANY = dir -> true;

  private AtomicDirectory() {}

  /** Writes the content of a directory given a path to write into. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path directory) throws IOException;
  }

  // ------------------------------------------------------------------ writing

  /**
   * Writes {@code target} with the full protocol (stage, then commit). Before writing, interrupted
   * writes of the same target are recovered (see {@link #recover(Path)}), so a command that writes
   * outside any store (such as {@code train --out}) heals its own crashed writes.
   *
   * @param target the directory to create; its parent is created if needed
   * @param overwrite whether an existing {@code target} may be replaced
   * @param content writes the files
   * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
   * @throws IOException if writing, syncing or renaming fails (the old directory is kept, see the
   *     class description)
   */
  public static void write(Path target, boolean overwrite, Content content) throws IOException {
    Path abs = absolute(target);
    recover(abs);
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
      throw alreadyExists(abs);
    }
    try (StagedDirectory staged = stage(abs, content)) {
      staged.commit(overwrite);
    }
  }

  /**
   * Steps 1–3: writes the content into a temporary sibling of {@code target}, fsyncs it and renames
   * it to its staged name ({@code .new-NAME-UUID}). The target itself is not touched; {@link
   * StagedDirectory#commit} swaps it in, and closing an uncommitted stage deletes it. A store stages
   * outside its locks (writing a model takes long) and commits inside them (a few renames).
   *
   * @throws IOException if writing or syncing fails; nothing is left behind
   */
  public static StagedDirectory stage(Path target, Content content) throws IOException {
    return StagedDirectory.stage(target, content);
  }

  // ------------------------------------------------------------------ deleting

  /**
   * Deletes {@code target} atomically: it is renamed to {@code .del-NAME-UUID} (the parent fsynced,
   * so the delete is durable), then the renamed tree is deleted.
   *
   * @return false if {@code target} did not exist
   */
  public static boolean delete(Path target) throws IOException {
    Path trash;
    try {
      trash = moveToTrash(target);
    } catch (NoSuchFileException e) {
      return false;
    }
    deleteTrash(trash);
    return true;
  }

  /**
   * The committing half of {@link #delete}: renames {@code target} to {@code .del-NAME-UUID} and
   * fsyncs the parent. Delete the returned path with {@link #deleteTrash} (or leave it to recovery).
   *
   * @throws NoSuchFileException if {@code target} does not exist
   */
  public static Path moveToTrash(Path target) throws IOException {
    Path abs = absolute(target);
    Path trash = abs.getParent().resolve(DELETED_PREFIX + abs.getFileName() + "-" + UUID.randomUUID());
    move(abs, trash);
    DurableFiles.syncDirectory(abs.getParent());
    WriteFaults.reached(WriteFaults.Step.TRASHED, abs);
    return trash;
  }

  /** Deletes a trashed tree (best effort: what is left is removed by the next recovery). */
  public static void deleteTrash(Path trash) {
    try {
      deleteRecursively(trash);
      DurableFiles.syncDirectory(trash.toAbsolutePath().getParent());
    } catch (IOException | RuntimeException ignored) {
      // the delete is committed; a leftover .del- entry is ignored by listings and removed by recovery
    }
  }

  // ------------------------------------------------------------------ recovery

  /**
   * Recovers interrupted writes and deletes of every directory in {@code parent} (see the class
   * description). Entries of {@code parent} without a protocol prefix are not touched; every
   * {@code .tmp-} entry is removed, also one not named by this protocol (left by older versions).
   * Run it only while nothing writes into {@code parent}.
   *
   * @param complete whether a staged or old copy is complete enough to be served
   * @return what was done; empty when {@code parent} does not exist
   */
  public static Recovery recoverAll(Path parent, Predicate<Path> complete) throws IOException {
    return Recoverer.recoverAll(parent, complete);
  }

  /**
   * Recovers interrupted writes and deletes of one target (its protocol siblings), accepting any
   * staged copy as complete. Run it only while nothing else writes that target.
   */
  public static Recovery recover(Path target) throws IOException {
    return Recoverer.recover(target);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Whether a directory entry belongs to the write protocol ({@code .tmp-}, {@code .new-},
   * {@code .old-} or {@code .del-}): never a servable model.
   */
  public static boolean isTemporary(Path entry) {
    Path name = entry.getFileName();
    if (name == null) {
      return false;
    }
    String s = name.toString();
    return PREFIXES.stream().anyMatch(s::startsWith);
  }

  /** Deletes a file or directory tree; a missing path is not an error. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Deletes a tree, adding a failure to delete it to {@code failure} as suppressed. */
  static void deleteQuietly(Path p, Throwable failure) {
    try {
      deleteRecursively(p);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** An atomic rename within one folder. */
  static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The absolute, normalised target; refuses the file-system root (it has no parent to stage in). */
  static Path absolute(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (abs.getParent() == null || abs.getFileName() == null) {
      throw new IOException("cannot write a directory at the file-system root");
    }
    return abs;
  }

  static FileAlreadyExistsException alreadyExists(Path abs) {
    return new FileAlreadyExistsException(abs.toString(), null, "already exists; choose another path or allow overwriting");
  }
}
