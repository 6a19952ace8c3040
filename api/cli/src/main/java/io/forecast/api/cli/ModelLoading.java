package io.forecast.api.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Loads model directories for commands, turning "not a model" into a one-line user error. */
final class ModelLoading {
  /** The JSON files of a model directory, in the order the loader reads them. */
  private static final List<String> JSON_FILES = List.of("model.json", "provenance.json", "scaler.json");

  private ModelLoading() {}

  /**
   * A model argument: an existing directory, else the id of a model in the store (validated: no
   * path separators or {@code ..}).
   */
  static Path resolve(String model, Path store) {
    Path asPath;
    try {
      asPath = Path.of(model);
    } catch (InvalidPathException e) {
      asPath = null;
    }
    if (asPath != null && Files.isDirectory(asPath)) {
      return asPath;
    }
    try {
      io.forecast.forecasting.service.ModelId.check(model);
    } catch (io.forecast.forecasting.service.InvalidModelIdException e) {
      throw new BadInputException(model + ": no such model directory, and " + e.getMessage());
    }
    if (Files.exists(store) && !Files.isDirectory(store)) {
      throw new BadInputException("--store " + store + " is a file, not a model store folder");
    }
    Path inStore = store.resolve(model);
    if (!Files.isDirectory(inStore)) {
      throw new BadInputException(model + ": no such model directory, and no model '" + model + "' in " + store);
    }
    return inStore;
  }

  static io.forecast.forecasting.FittedForecaster load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(dir + ": no such model directory");
    }
    try {
      return ForecasterTypes.load(dir);
    } catch (JsonProcessingException e) {
      throw new BadInputException(dir + ": not a usable model directory: " + jsonProblem(dir, e));
    } catch (java.nio.file.NoSuchFileException e) {
      // the loader's own "not a model directory" carries a reason; a missing model file does not
      throw new BadInputException(e.getReason() != null ? e.getFile() + ": " + e.getReason()
          : dir + ": not a usable model directory: " + fileName(dir, e.getFile()) + " is missing");
    } catch (java.io.FileNotFoundException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      int paren = message.lastIndexOf(" (");
      String file = paren > 0 ? message.substring(0, paren) : message;
      String why = paren > 0 && message.endsWith(")") ? message.substring(paren + 2, message.length() - 1) : "";
      throw new BadInputException(dir + ": not a usable model directory: " + fileName(dir, file) + " "
          + (why.isEmpty() || why.equalsIgnoreCase("No such file or directory") ? "is missing"
          : "cannot be read: " + why.toLowerCase(java.util.Locale.ROOT)));
    } catch (IOException e) {
      String message = e.getMessage();
      throw new BadInputException(message == null || message.isBlank()
          ? dir + ": not a usable model directory: " + OutputPaths.reason(e) : message);
    }
  }

  /** A file of the model directory by its name (the full path when it lies elsewhere). */
  private static String fileName(Path dir, String file) {
    if (file == null) {
      return "a model file";
    }
    try {
      Path p = Path.of(file);
      return dir.equals(p.getParent()) || dir.toAbsolutePath().equals(p.toAbsolutePath().getParent())
          ? p.getFileName().toString() : file;
    } catch (InvalidPathException e) {
      return file;
    }
  }

  /**
   * A broken JSON file of a model directory, in words: which file (found by parsing each in the
   * loader's order, or from the type being read), what is wrong and where, without Java type names.
   */
  static String jsonProblem(Path dir, JsonProcessingException e) {
    String file = brokenFile(dir, e);
    String what;
    if (e instanceof ValueInstantiationException vi && vi.getCause() != null && vi.getCause().getMessage() != null) {
      what = vi.getCause().getMessage();
    } else {
      what = io.forecast.api.web.JsonMessages.reason(e);
    }
    StringBuilder sb = new StringBuilder(file).append(": ").append(what);
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String path = io.forecast.api.web.JsonMessages.path(m.getPath());
      if (!path.isEmpty()) {
        sb.append(" (at ").append(path).append(')');
      }
    }
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      sb.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
    }
    return sb.toString();
  }

  private static String brokenFile(Path dir, JsonProcessingException e) {
    if (!(e instanceof JsonMappingException)) {
      ObjectMapper strict = new ObjectMapper();
      for (String name : JSON_FILES) {
        try {
          strict.readTree(dir.resolve(name).toFile());
        } catch (JsonProcessingException broken) {
          return name;
        } catch (IOException unreadable) {
          // missing or unreadable: not the syntax error we are looking for
        }
      }
    }
    Class<?> target = e instanceof MismatchedInputException mi ? mi.getTargetType()
        : e instanceof ValueInstantiationException vi && vi.getType() != null ? vi.getType().getRawClass() : null;
    if (target != null) {
      if (target == double[].class || target == double.class || target == Double.class) {
        return "scaler.json";
      }
      String name = target.getSimpleName();
      if (name.equals("ModelCard")) {
        return "model.json (card)";
      }
      if (name.contains("Provenance") || name.contains("Metrics")) {
        return "provenance.json";
      }
    }
    return "a model file";
  }
}
