package io.forecast.api.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks an {@code --out} target before anything is computed, so that a path the command cannot or
 * must not write is a one-line user error (exit 2) naming the path, never an exception from the
 * file system at the end of a run.
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * An output file: not a directory, not an existing file unless {@code overwrite}, and no ancestor
   * that is a file (a missing folder is fine: {@link #createParent} makes it when the file is written).
   *
   * @param option the option's name, for messages ({@code --out})
   * @throws BadInputException naming the path
   */
  static void checkFile(Path out, boolean overwrite, String option) {
    if (Files.isDirectory(out)) {
      throw new BadInputException(out + " is a directory; " + option + " names the file to write");
    }
    BadInputException.refuseExisting(out, overwrite);
    checkAncestors(out, option);
  }

  /**
   * A model directory to create: an existing plain file is refused; an existing directory only with
   * {@code overwrite}, and only when it holds a model (or nothing), so that {@code --overwrite}
   * never replaces a folder of other files.
   *
   * @throws BadInputException naming the path
   */
  static void checkModelDirectory(Path out, boolean overwrite) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException(out + " is a file; --out names the model directory to create");
    }
    if (Files.isDirectory(out) && !Files.isRegularFile(out.resolve("model.json")) && !isEmpty(out)) {
      throw new BadInputException(out + " is a directory that holds no model (no model.json); --overwrite only "
          + "replaces a model directory: choose another --out");
    }
    BadInputException.refuseExisting(out, overwrite);
    checkAncestors(out, "--out");
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new BadInputException(dir + ": cannot read the directory: " + reason(e));
    }
  }

  private static void checkAncestors(Path out, String option) {
    for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p)) {
        return;
      }
      if (Files.exists(p)) {
        throw new BadInputException(out + ": " + p + " is a file, not a folder; choose another " + option);
      }
    }
  }

  /** Creates the folder an output file goes in (and its parents). */
  static void createParent(Path out, String option) {
    checkAncestors(out, option);
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new BadInputException(out + ": cannot create the folder " + parent + ": " + reason(e));
    }
  }

  /** Why a file operation failed, in words (no exception class names). */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the directory is not empty";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? "input/output error" : ForecastCli.withoutJavaNames(e.getMessage());
  }

  /** A write failure on a path the user named: a one-line user error. */
  static BadInputException cannotWrite(Path out, IOException e) {
    return new BadInputException(out + ": cannot write: " + reason(e));
  }
}
