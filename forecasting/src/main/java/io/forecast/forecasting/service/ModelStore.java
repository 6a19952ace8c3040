package io.forecast.forecasting.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory of model directories, one per model id ({@code ROOT/ID/model.json, weights.bin, ...}).
 *
 * <ul>
 *   <li>Everything lives on disk: a new store on the same directory (a restarted process) sees the
 *       same models.
 *   <li>Writes go through {@link AtomicDirectory} (temporary sibling + rename), so a crash leaves at
 *       most a hidden {@code .tmp-*} directory, which listing ignores. Only <em>complete</em> models
 *       are listed or served: a directory with a readable {@code model.json} (written last).
 *   <li>Loaded models are cached, loaded once per id however many threads ask at the same time, and
 *       handed out as {@link ModelLease}s. Deleting or replacing a model retires its cache entry: the
 *       native model is closed only when the last open lease is released, never under a running
 *       forecast.
 * </ul>
 *
 * <p>Thread-safe. Ids are checked by {@link ModelId#check}.
 */
public final class ModelStore implements AutoCloseable {
  private final Path root;
  private final ModelLoader loader;
  private final ConcurrentHashMap<String, LoadedModel> cache = new ConcurrentHashMap<>();

  /** A store over {@code root} loading models with {@link ModelLoader#DEFAULT}. */
  public ModelStore(Path root) {
    this(root, ModelLoader.DEFAULT);
  }

  /**
   * A store over {@code root}; the directory is created on the first write.
   *
   * @param loader how a model directory is loaded (tests substitute a stub)
   */
  public ModelStore(Path root, ModelLoader loader) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** The store's directory. */
  public Path root() {
    return root;
  }

  /** Whether a complete model with this id exists. */
  public boolean contains(String id) {
    return isComplete(directory(id));
  }

  /**
   * The complete models, sorted by id. Temporary directories, directories without a readable
   * {@code model.json} and plain files are skipped.
   */
  public List<ModelSummary> list() {
    List<ModelSummary> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (AtomicDirectory.isTemporary(entry) || !isValidId(name) || !isComplete(entry)) {
          continue;
        }
        try {
          ModelDescription d = readDescription(name, entry);
          ModelProvenance p = d.provenance();
          out.add(new ModelSummary(name, d.card(), p == null ? null : p.trainingFinished(),
              p == null ? null : p.testMetrics()));
        } catch (IOException | RuntimeException unreadable) {
          // an unreadable model.json is not a complete model: leave it out of the listing
        }
      }
    } catch (IOException e) {
      throw new ModelStoreException("cannot list the model store " + root + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(ModelSummary::id));
    return out;
  }

  /**
   * Card, settings and provenance of a model, read from its JSON files (weights are not loaded).
   *
   * @throws InvalidModelIdException for an invalid id
   * @throws ModelNotFoundException if no complete model has this id
   */
  public ModelDescription describe(String id) {
    Path dir = directory(id);
    if (!isComplete(dir)) {
      throw new ModelNotFoundException(id);
    }
    try {
      return readDescription(id, dir);
    } catch (NoSuchFileException e) {
      throw new ModelNotFoundException(id);
    } catch (IOException e) {
      throw new ModelStoreException("cannot read model '" + id + "': " + e.getMessage(), e);
    }
  }

  private static ModelDescription readDescription(String id, Path dir) throws IOException {
    JsonNode node = ModelFiles.readModelJson(dir);
    ModelCard card = ModelFiles.JSON.treeToValue(node.get("card"), ModelCard.class);
    Map<String, Object> settings = node.hasNonNull("settings")
        ? ModelFiles.JSON.convertValue(node.get("settings"), new TypeReference<Map<String, Object>>() {})
        : Map.of();
    Path provenanceFile = dir.resolve(ModelFiles.PROVENANCE);
    ModelProvenance provenance = Files.isRegularFile(provenanceFile)
        ? ModelFiles.JSON.readValue(provenanceFile.toFile(), ModelProvenance.class)
        : null;
    return new ModelDescription(id, card, settings, provenance);
  }

  /**
   * Leases the loaded model of an id, loading it on first use. Close the lease when done.
   *
   * @throws InvalidModelIdException for an invalid id
   * @throws ModelNotFoundException if no complete model has this id
   * @throws ModelStoreException if the model's files cannot be loaded
   */
  public ModelLease acquire(String id) {
    Path dir = directory(id);
    while (true) {
      LoadedModel entry = cache.get(id);
      if (entry == null) {
        if (!isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        entry = cache.computeIfAbsent(id, k -> new LoadedModel(dir, loader));
      }
      if (!entry.tryAcquire()) {
        cache.remove(id, entry);
        continue;
      }
      try {
        entry.ensureLoaded();
        return new ModelLease(id, entry);
      } catch (IOException | RuntimeException e) {
        entry.release();
        entry.retire();
        cache.remove(id, entry);
        if (!isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        throw new ModelStoreException("cannot load model '" + id + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Saves a model under an id, atomically.
   *
   * @param overwrite whether an existing model may be replaced (its cached copy is retired and
   *     closed once no forecast uses it)
   * @throws ModelAlreadyExistsException if the id exists and {@code overwrite} is false
   */
  public void save(String id, Forecaster model, boolean overwrite) {
    Path dir = directory(id);
    try {
      AtomicDirectory.write(dir, overwrite, model::save);
    } catch (FileAlreadyExistsException e) {
      throw new ModelAlreadyExistsException(id);
    } catch (IOException e) {
      throw new ModelStoreException("cannot save model '" + id + "': " + e.getMessage(), e);
    }
    retire(id);
  }

  /**
   * Deletes a model: it disappears from the listing at once (its directory is first renamed to a
   * temporary name), and its cached copy is closed once no forecast uses it.
   *
   * @throws ModelNotFoundException if no complete model has this id
   */
  public void delete(String id) {
    Path dir = directory(id);
    if (!isComplete(dir)) {
      throw new ModelNotFoundException(id);
    }
    Path trash = root.resolve(AtomicDirectory.TEMP_PREFIX + id + "-deleted-" + UUID.randomUUID());
    try {
      try {
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(dir, trash);
      }
    } catch (NoSuchFileException e) {
      throw new ModelNotFoundException(id);
    } catch (IOException e) {
      throw new ModelStoreException("cannot delete model '" + id + "': " + e.getMessage(), e);
    }
    retire(id);
    try {
      AtomicDirectory.deleteRecursively(trash);
    } catch (IOException ignored) {
      // the model is gone from the store; a leftover temporary directory is ignored by listing
    }
  }

  private void retire(String id) {
    LoadedModel entry = cache.remove(id);
    if (entry != null) {
      entry.retire();
    }
  }

  /** Number of models currently loaded in the cache. */
  public int loadedCount() {
    return cache.size();
  }

  /** Retires every cached model (each closes when its last lease is released). */
  @Override
  public void close() {
    for (String id : List.copyOf(cache.keySet())) {
      retire(id);
    }
  }

  private Path directory(String id) {
    return root.resolve(ModelId.check(id));
  }

  private static boolean isValidId(String name) {
    try {
      ModelId.check(name);
      return true;
    } catch (InvalidModelIdException e) {
      return false;
    }
  }

  private static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(ModelFiles.MODEL));
  }
}
