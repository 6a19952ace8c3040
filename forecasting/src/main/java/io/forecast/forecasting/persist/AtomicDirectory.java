package io.forecast.forecasting.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes, replaces and deletes a directory so that a crash at any instant (kill -9 or power loss)
 * leaves its name holding either the complete old or the complete new content, never nothing and
 * never a mix, and so that {@link #recover} brings a folder back to that state after a restart.
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

  private static final List<String> PREFIXES = List.of(TEMP_PREFIX, NEW_PREFIX, OLD_PREFIX, DELETED_PREFIX);
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int UUID_LENGTH = 36;

  /** Accepts every directory as complete (the protocol alone guarantees a {@code .new-} is). */
  public static final Predicate<Path> ANY = dir -> true;

  private AtomicDirectory() {}

  /** Writes the content of a directory given a path to write into. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path directory) throws IOException;
  }

  // ------------------------------------------------------------------ fault injection (tests)

  /** The points between the protocol's steps where a test may inject a failure. */
  enum Step {
    /** Step 1 done: the content is in {@code .tmp-NAME-UUID}, not yet synced. */
    CONTENT_WRITTEN,
    /** Step 2 done: the temporary copy is fsynced. */
    CONTENT_SYNCED,
    /** Step 3 done: renamed to {@code .new-NAME-UUID} and the parent fsynced (the commit point). */
    STAGED,
    /** Step 4 done: the old directory renamed to {@code .old-NAME-UUID} and the parent fsynced. */
    OLD_MOVED_ASIDE,
    /** Step 5 done: the new directory is {@code NAME} and the parent fsynced. */
    NEW_IN_PLACE,
    /** Step 6 done: the old directory deleted. */
    OLD_DELETED,
    /** A delete's rename to {@code .del-NAME-UUID} done and the parent fsynced. */
    TRASHED
  }

  /** Called after each {@link Step}; a test makes it throw to simulate a failure or a crash. */
  @FunctionalInterface
  interface StepHook {
    void reached(Step step, Path target) throws IOException;
  }

  /**
   * Thrown only by fault-injection hooks to simulate the process dying at a step: unlike any other
   * failure, the protocol does not clean up after it, leaving exactly what a kill -9 would.
   */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message, null, false, false);
    }
  }

  static final StepHook NO_HOOK = (step, target) -> { };
  static volatile StepHook hook = NO_HOOK;

  private static void reached(Step step, Path target) throws IOException {
    hook.reached(step, target);
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
    try (Staged staged = stage(abs, content)) {
      staged.commit(overwrite);
    }
  }

  /**
   * Steps 1–3: writes the content into a temporary sibling of {@code target}, fsyncs it and renames
   * it to its staged name ({@code .new-NAME-UUID}). The target itself is not touched; {@link
   * Staged#commit} swaps it in, and closing an uncommitted stage deletes it. A store stages outside
   * its locks (writing a model takes long) and commits inside them (a few renames).
   *
   * @throws IOException if writing or syncing fails; nothing is left behind
   */
  public static Staged stage(Path target, Content content) throws IOException {
    Objects.requireNonNull(content, "content");
    Path abs = absolute(target);
    Path parent = abs.getParent();
    String name = abs.getFileName().toString();
    Files.createDirectories(parent);
    String uuid = UUID.randomUUID().toString();
    Path temp = parent.resolve(TEMP_PREFIX + name + "-" + uuid);
    Path ready = parent.resolve(NEW_PREFIX + name + "-" + uuid);
    Files.createDirectory(temp);
    boolean renamed = false;
    try {
      content.writeTo(temp);
      reached(Step.CONTENT_WRITTEN, abs);
      DurableFiles.syncTree(temp);
      reached(Step.CONTENT_SYNCED, abs);
      move(temp, ready);
      renamed = true;
      DurableFiles.syncDirectory(parent);
      reached(Step.STAGED, abs);
      return new Staged(abs, uuid, ready);
    } catch (SimulatedCrash crash) {
      throw crash;
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(renamed ? ready : temp, e);
      throw e;
    }
  }

  /** A complete, durable copy of a target's new content, staged beside it and not yet in place. */
  public static final class Staged implements AutoCloseable {
    private final Path target;
    private final String uuid;
    private final Path staged;
    private boolean done;

    private Staged(Path target, String uuid, Path staged) {
      this.target = target;
      this.uuid = uuid;
      this.staged = staged;
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
        throw alreadyExists(target);
      }
      Path old = exists ? parent.resolve(OLD_PREFIX + target.getFileName() + "-" + uuid) : null;
      boolean oldAside = false;
      boolean inPlace = false;
      try {
        if (old != null) {
          move(target, old);
          oldAside = true;
          DurableFiles.syncDirectory(parent);
          reached(Step.OLD_MOVED_ASIDE, target);
        }
        move(staged, target);
        inPlace = true;
        done = true;
        DurableFiles.syncDirectory(parent);
        reached(Step.NEW_IN_PLACE, target);
      } catch (SimulatedCrash crash) {
        done = true;
        throw crash;
      } catch (IOException | RuntimeException | Error e) {
        done = true;
        if (!inPlace) {
          rollBack(old, oldAside, e);
        } else if (old != null) {
          deleteQuietly(old, e);
        }
        throw e;
      }
      if (old != null) {
        try {
          deleteRecursively(old);
          DurableFiles.syncDirectory(parent);
        } catch (IOException | UncheckedIOException leftover) {
          // the new copy is in place and durable; recovery removes what is left of the old one
        }
        reached(Step.OLD_DELETED, target);
      }
    }

    private void rollBack(Path old, boolean oldAside, Throwable failure) {
      try {
        if (oldAside && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          move(old, target);
        }
        deleteRecursively(staged);
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
          deleteRecursively(staged);
        } catch (IOException | RuntimeException ignored) {
          // an uncommitted stage left behind is completed or removed by the next recovery
        }
      }
    }
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
    reached(Step.TRASHED, abs);
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
   * What a recovery did.
   *
   * @param completed targets whose staged new copy was swapped in
   * @param restored targets whose old copy was put back
   * @param removed protocol entries deleted (temporaries, stale stages, old copies, trash)
   */
  public record Recovery(List<String> completed, List<String> restored, List<String> removed) {
    public Recovery {
      completed = List.copyOf(completed);
      restored = List.copyOf(restored);
      removed = List.copyOf(removed);
    }

    /** Whether there was nothing to recover. */
    public boolean isEmpty() {
      return completed.isEmpty() && restored.isEmpty() && removed.isEmpty();
    }
  }

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
    Path dir = parent.toAbsolutePath().normalize();
    RecoveryLog log = new RecoveryLog();
    if (!Files.isDirectory(dir)) {
      return log.toRecovery();
    }
    Map<String, List<Entry>> byName = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String fileName = p.getFileName().toString();
        Entry e = Entry.parse(p);
        if (e != null) {
          byName.computeIfAbsent(e.name, k -> new ArrayList<>()).add(e);
        } else if (fileName.startsWith(TEMP_PREFIX)) {
          log.remove(p);
        }
      }
    }
    for (Map.Entry<String, List<Entry>> name : byName.entrySet()) {
      recoverName(dir.resolve(name.getKey()), name.getValue(), complete, log);
    }
    if (!log.isEmpty()) {
      DurableFiles.syncDirectory(dir);
    }
    return log.toRecovery();
  }

  /**
   * Recovers interrupted writes and deletes of one target (its protocol siblings), accepting any
   * staged copy as complete. Run it only while nothing else writes that target.
   */
  public static Recovery recover(Path target) throws IOException {
    Path abs = absolute(target);
    RecoveryLog log = new RecoveryLog();
    Path parent = abs.getParent();
    if (!Files.isDirectory(parent)) {
      return log.toRecovery();
    }
    String name = abs.getFileName().toString();
    List<Entry> mine = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*")) {
      for (Path p : entries) {
        Entry e = Entry.parse(p);
        if (e != null && e.name.equals(name)) {
          mine.add(e);
        }
      }
    }
    if (!mine.isEmpty()) {
      recoverName(abs, mine, ANY, log);
      DurableFiles.syncDirectory(parent);
    }
    return log.toRecovery();
  }

  private static void recoverName(Path target, List<Entry> entries, Predicate<Path> complete, RecoveryLog log)
      throws IOException {
    List<Entry> news = new ArrayList<>();
    List<Entry> olds = new ArrayList<>();
    for (Entry e : entries) {
      switch (e.prefix) {
        case NEW_PREFIX -> {
          if (isDirectory(e.path) && complete.test(e.path)) {
            news.add(e);
          } else {
            log.remove(e.path);
          }
        }
        case OLD_PREFIX -> olds.add(e);
        default -> log.remove(e.path);
      }
    }
    Comparator<Entry> newestFirst = Comparator.comparing((Entry e) -> modified(e.path)).reversed();
    news.sort(newestFirst);
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    boolean swapped = false;
    if (!news.isEmpty()) {
      Entry winner = news.get(0);
      news.subList(1, news.size()).forEach(e -> log.remove(e.path));
      if (exists) {
        Path aside = target.resolveSibling(OLD_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        move(target, aside);
        DurableFiles.syncDirectory(target.getParent());
        olds.add(new Entry(aside, OLD_PREFIX, target.getFileName().toString()));
      }
      move(winner.path, target);
      swapped = true;
      log.completed.add(target.getFileName().toString());
    } else if (!exists) {
      olds.sort(newestFirst);
      for (Entry old : olds) {
        if (isDirectory(old.path) && complete.test(old.path)) {
          move(old.path, target);
          swapped = true;
          olds.remove(old);
          log.restored.add(target.getFileName().toString());
          break;
        }
      }
    }
    if (swapped) {
      DurableFiles.syncDirectory(target.getParent());
    }
    olds.forEach(e -> log.remove(e.path));
    log.deletePending();
  }

  /** One protocol entry: {@code PREFIX + NAME + "-" + UUID}. */
  private record Entry(Path path, String prefix, String name) {
    static Entry parse(Path p) {
      String fileName = p.getFileName().toString();
      for (String prefix : PREFIXES) {
        if (!fileName.startsWith(prefix)) {
          continue;
        }
        String rest = fileName.substring(prefix.length());
        int cut = rest.length() - UUID_LENGTH - 1;
        if (cut < 1 || rest.charAt(cut) != '-' || !UUID_TEXT.matcher(rest.substring(cut + 1)).matches()) {
          return null;
        }
        return new Entry(p, prefix, rest.substring(0, cut));
      }
      return null;
    }
  }

  private static final class RecoveryLog {
    final List<String> completed = new ArrayList<>();
    final List<String> restored = new ArrayList<>();
    final List<String> removed = new ArrayList<>();
    final List<Path> pending = new ArrayList<>();

    void remove(Path p) {
      pending.add(p);
    }

    void deletePending() throws IOException {
      for (Path p : pending) {
        deleteRecursively(p);
        removed.add(p.getFileName().toString());
      }
      pending.clear();
    }

    boolean isEmpty() {
      return completed.isEmpty() && restored.isEmpty() && removed.isEmpty() && pending.isEmpty();
    }

    Recovery toRecovery() throws IOException {
      deletePending();
      return new Recovery(completed, restored, removed);
    }
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

  private static void deleteQuietly(Path p, Throwable failure) {
    try {
      deleteRecursively(p);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean isDirectory(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static Path absolute(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (abs.getParent() == null || abs.getFileName() == null) {
      throw new IOException("cannot write a directory at the file-system root");
    }
    return abs;
  }

  private static FileAlreadyExistsException alreadyExists(Path abs) {
    return new FileAlreadyExistsException(abs.toString(), null, "already exists; choose another path or allow overwriting");
  }
}
