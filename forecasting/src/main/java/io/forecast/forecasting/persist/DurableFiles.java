package io.forecast.forecasting.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.UUID;

/**
 * fsync helpers: what makes a write survive a power loss, not only a killed process.
 *
 * <p>A file's data is durable once the file is fsynced; its <em>name</em> (a create or a rename) is
 * durable once the directory holding it is fsynced. On Windows, where a directory cannot be opened
 * for fsync, directory syncs are skipped (NTFS journals its metadata); everywhere else a failing
 * fsync is an {@link IOException}.
 *
 * <p>These operations are not abortable by {@link Thread#interrupt()}: an interrupt (a service
 * shutting its worker threads down) would otherwise close the channel mid-write and lose the very
 * record meant to survive the shutdown. The interrupt status is cleared for the operation and
 * restored after it.
 */
public final class DurableFiles {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private DurableFiles() {}

  /** An I/O step run with the thread's interrupt status cleared (and restored afterwards). */
  @FunctionalInterface
  private interface IoStep {
    void run() throws IOException;
  }

  private static void uninterruptibly(IoStep step) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      step.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** fsyncs one regular file's content and metadata. */
  public static void syncFile(Path file) throws IOException {
    uninterruptibly(() -> {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    });
  }

  /** fsyncs a directory, making the names created, renamed or deleted in it durable. */
  public static void syncDirectory(Path directory) throws IOException {
    uninterruptibly(() -> {
      try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
        ch.force(true);
      } catch (IOException e) {
        if (!WINDOWS) {
          throw e;
        }
      }
    });
  }

  /** fsyncs every file and directory of a tree (files first, each directory after its entries). */
  public static void syncTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          syncFile(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        syncDirectory(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Replaces a small file atomically and durably: the bytes go to a hidden sibling
   * ({@code .tmp-NAME-UUID}), which is fsynced, renamed over {@code file} and the folder fsynced. A
   * crash leaves either the old or the new content under {@code file} (plus, at worst, a
   * {@code .tmp-} sibling for the owner to remove). The folder is created if needed.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    uninterruptibly(() -> replace(file, content));
  }

  private static void replace(Path file, byte[] content) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null) {
      throw new IOException("cannot write a file at the file-system root");
    }
    Files.createDirectories(parent);
    Path temp = parent.resolve(AtomicDirectory.TEMP_PREFIX + abs.getFileName() + "-" + UUID.randomUUID());
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    syncDirectory(parent);
  }

  /** Deletes a file and fsyncs its folder; a missing file is not an error. */
  public static void deleteDurably(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        syncDirectory(parent);
      }
    }
  }
}
