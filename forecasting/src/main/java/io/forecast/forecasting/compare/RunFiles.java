package io.forecast.forecasting.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The files of a grid's output directory: one JSON file per finished run under {@code runs/}, and
 * the aggregated results; every file is written to a temporary file in its directory and moved into
 * place atomically, so an interrupted grid never leaves a half-written file.
 */
final class RunFiles {
  static final String RUNS = "runs";
  private static final ObjectMapper JSON = ModelFiles.JSON;

  private final Path runs;

  RunFiles(Path out) throws IOException {
    this.runs = out.resolve(RUNS);
    Files.createDirectories(runs);
  }

  Path path(RunSpec spec) {
    return runs.resolve(spec.fileName());
  }

  /**
   * The earlier result of this run, if its file exists.
   *
   * @throws GridMismatchException if the file records another run (or cannot be read as a run)
   */
  Optional<RunResult> finished(RunSpec spec) throws IOException {
    Path file = path(spec);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode node;
    RunResult result;
    try {
      node = JSON.readTree(file.toFile());
      result = JSON.treeToValue(node, RunResult.class);
    } catch (IOException | IllegalArgumentException e) {
      throw mismatch(file, "it is not a run file of this version");
    }
    // compared as written, so numbers compare by value whatever Java type they arrived as
    JsonNode expected = JSON.readTree(JSON.writeValueAsString(spec));
    if (result == null || !expected.equals(node.get("spec"))) {
      throw mismatch(file, "it records another run (data, split, lengths, seed or settings differ)");
    }
    return Optional.of(result);
  }

  private static GridMismatchException mismatch(Path file, String why) {
    return new GridMismatchException(file + " exists but " + why + "; use another --out or delete that file");
  }

  void write(RunResult result) throws IOException {
    writeAtomically(path(result.spec()), JSON.writeValueAsString(result));
  }

  /** Writes {@code text} to {@code file} through a temporary file in the same directory. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
