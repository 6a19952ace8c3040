package io.forecast.forecasting.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a directory atomically: the content is written into a hidden temporary sibling
 * ({@code .tmp-NAME-UUID}) and renamed into place only when complete, so readers never see a
 * half-written directory and a crash leaves at most a temporary directory behind (which
 * {@link #isTemporary(Path)} recognises and a store ignores).
 */
public final class AtomicDirectory {
  /** Prefix of the temporary directories this class creates. */
  public static final String TEMP_PREFIX = ".tmp-";

  private AtomicDirectory() {}

  /** Writes the content of a directory given a path to write into. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path directory) throws IOException;
  }

  /**
   * Writes {@code target} atomically.
   *
   * @param target the directory to create; its parent is created if needed
   * @param overwrite whether an existing {@code target} may be replaced; when true the old directory
   *     is moved aside first and deleted only after the new one is in place
   * @param content writes the files
   * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
   * @throws IOException if writing or renaming fails; the temporary directory is removed
   */
  public static void write(Path target, boolean overwrite, Content content) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null) {
      throw new IOException("cannot write a model to the file-system root");
    }
    if (Files.exists(abs) && !overwrite) {
      throw new FileAlreadyExistsException(abs.toString(), null, "already exists; choose another path or allow overwriting");
    }
    Files.createDirectories(parent);
    Path temp = parent.resolve(TEMP_PREFIX + abs.getFileName() + "-" + UUID.randomUUID());
    Files.createDirectory(temp);
    try {
      content.writeTo(temp);
      Path old = null;
      if (Files.exists(abs)) {
        old = parent.resolve(TEMP_PREFIX + abs.getFileName() + "-old-" + UUID.randomUUID());
        move(abs, old);
      }
      move(temp, abs);
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (IOException | RuntimeException e) {
      try {
        deleteRecursively(temp);
      } catch (IOException | UncheckedIOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Whether a directory entry is a temporary left by an unfinished write. */
  public static boolean isTemporary(Path entry) {
    Path name = entry.getFileName();
    return name != null && name.toString().startsWith(TEMP_PREFIX);
  }

  /** Deletes a file or directory tree; a missing path is not an error. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
