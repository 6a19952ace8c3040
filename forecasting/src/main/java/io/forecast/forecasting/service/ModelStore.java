package io.forecast.forecasting.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * A directory of model directories, one per model id ({@code ROOT/ID/model.json, weights.bin, ...}).
 *
 * <ul>
 *   <li>Everything lives on disk: a new store on the same directory (a restarted process) sees the
 *       same models.
 *   <li><b>No model is ever lost.</b> Writes follow {@link AtomicDirectory}'s protocol: the model is
 *       written into a temporary sibling, every file and the directory fsynced, staged as
 *       {@code .new-ID-UUID} (the commit point), then swapped in (the old copy renamed to
 *       {@code .old-ID-UUID}, the new one renamed to {@code ID}, the old deleted; the folder fsynced
 *       after each rename). A crash at any instant leaves the id with its old or its new complete
 *       model. Deletes rename to {@code .del-ID-UUID} first.
 *   <li><b>Recovery at open.</b> The constructor completes or rolls back every interrupted swap (a
 *       staged copy with a readable {@code model.json}, written last, wins; otherwise a missing id
 *       gets its old copy back) and removes stale temporaries ({@link #recovery()} says what it did).
 *       Only one process may use a store directory at a time.
 *   <li>Only <em>complete</em> models are listed or served: a directory with a readable
 *       {@code model.json}. Protocol entries start with a dot, which ids never do, so they are never
 *       listed. Readers (listing, describe, loading) and the short swap of a write or delete exclude
 *       each other, so no reader sees an id missing mid-swap or loads a mix of two versions; writing
 *       a model's files happens outside that lock. Writes and deletes of one id are serialised.
 *   <li>Loaded models are cached, loaded once per id however many threads ask at the same time, and
 *       handed out as {@link ModelLease}s. The cache holds at most {@code maxLoadedModels} models
 *       (least recently used evicted first) but never evicts a leased model: while every cached model
 *       is leased it may hold more, and trims itself as leases end. Deleting, replacing or evicting a
 *       model retires its cache entry: the native model is closed only when the last open lease is
 *       released, never under a running forecast.
 * </ul>
 *
 * <p>Thread-safe. Ids are checked by {@link ModelId#check}.
 */
public final class ModelStore implements AutoCloseable {
  /** Models kept loaded by default. */
  public static final int DEFAULT_MAX_LOADED_MODELS = 16;

  private final Path root;
  private final ModelLoader loader;
  private final int maxLoadedModels;
  private final AtomicDirectory.Recovery recovery;
  /** Access-ordered: the eldest entry is the least recently used. Guarded by itself. */
  private final LinkedHashMap<String, LoadedModel> cache = new LinkedHashMap<>(16, 0.75f, true);
  /** Readers share it; the renames of a write or delete take it exclusively. */
  private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
  /** Serialise writes and deletes of one id (striped by id). */
  private final Object[] writeLocks = new Object[64];
  private final List<BiConsumer<String, Forecaster>> unloadListeners = new CopyOnWriteArrayList<>();

  /** A store over {@code root} loading models with {@link ModelLoader#DEFAULT}. */
  public ModelStore(Path root) {
    this(root, ModelLoader.DEFAULT);
  }

  /**
   * A store over {@code root} keeping up to {@link #DEFAULT_MAX_LOADED_MODELS} models loaded.
   *
   * @param loader how a model directory is loaded (tests substitute a stub)
   */
  public ModelStore(Path root, ModelLoader loader) {
    this(root, loader, DEFAULT_MAX_LOADED_MODELS);
  }

  /**
   * A store over {@code root}; the directory is created on the first write. Opening recovers
   * interrupted writes and deletes (see the class description).
   *
   * @param loader how a model directory is loaded (tests substitute a stub)
   * @param maxLoadedModels the most unleased models kept loaded (at least 1)
   * @throws ModelStoreException if an interrupted write cannot be recovered
   */
  public ModelStore(Path root, ModelLoader loader, int maxLoadedModels) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.loader = Objects.requireNonNull(loader, "loader");
    if (maxLoadedModels < 1) {
      throw new IllegalArgumentException("maxLoadedModels must be at least 1, got " + maxLoadedModels);
    }
    this.maxLoadedModels = maxLoadedModels;
    for (int i = 0; i < writeLocks.length; i++) {
      writeLocks[i] = new Object();
    }
    try {
      this.recovery = AtomicDirectory.recoverAll(this.root, ModelStore::isComplete);
    } catch (IOException | RuntimeException e) {
      throw new ModelStoreException("cannot recover the model store " + this.root + " (an interrupted write): "
          + e.getMessage(), e);
    }
  }

  /** The store's directory. */
  public Path root() {
    return root;
  }

  /** The most unleased models this store keeps loaded. */
  public int maxLoadedModels() {
    return maxLoadedModels;
  }

  /** What the recovery at open did (empty when nothing was interrupted). */
  public AtomicDirectory.Recovery recovery() {
    return recovery;
  }

  /** Whether a complete model with this id exists. */
  public boolean contains(String id) {
    Path dir = directory(id);
    swapLock.readLock().lock();
    try {
      return isComplete(dir);
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /**
   * The complete models, sorted by id. Temporary directories, directories without a readable
   * {@code model.json} and plain files are skipped.
   */
  public List<ModelSummary> list() {
    List<ModelSummary> out = new ArrayList<>();
    swapLock.readLock().lock();
    try {
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
    } finally {
      swapLock.readLock().unlock();
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
    swapLock.readLock().lock();
    try {
      if (!isComplete(dir)) {
        throw new ModelNotFoundException(id);
      }
      return readDescription(id, dir);
    } catch (NoSuchFileException e) {
      throw new ModelNotFoundException(id);
    } catch (IOException e) {
      throw new ModelStoreException("cannot read model '" + id + "': " + e.getMessage(), e);
    } finally {
      swapLock.readLock().unlock();
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
    LoadedModel entry;
    synchronized (cache) {
      entry = cache.get(id);
      if (entry != null && !entry.tryAcquire()) {
        cache.remove(id);
        entry = null;
      }
    }
    if (entry != null && entry.isLoaded()) {
      return new ModelLease(this, id, entry);
    }
    swapLock.readLock().lock();
    try {
      if (entry == null) {
        if (!isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        List<LoadedModel> evicted;
        synchronized (cache) {
          entry = cache.get(id);
          if (entry == null || !entry.tryAcquire()) {
            entry = new LoadedModel(id, dir, loader, this::unloaded);
            entry.tryAcquire();
            cache.put(id, entry);
          }
          evicted = evictLocked();
        }
        evicted.forEach(LoadedModel::retire);
      }
      try {
        entry.ensureLoaded();
        return new ModelLease(this, id, entry);
      } catch (IOException | RuntimeException e) {
        synchronized (cache) {
          cache.remove(id, entry);
        }
        entry.retire();
        entry.release();
        if (!isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        throw new ModelStoreException("cannot load model '" + id + "': " + e.getMessage(), e);
      }
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /** Removes least recently used unleased entries while the cache is over its bound (hold the cache's lock). */
  private List<LoadedModel> evictLocked() {
    if (cache.size() <= maxLoadedModels) {
      return List.of();
    }
    List<LoadedModel> evicted = new ArrayList<>();
    Iterator<LoadedModel> it = cache.values().iterator();
    while (cache.size() > maxLoadedModels && it.hasNext()) {
      LoadedModel e = it.next();
      if (e.leases() == 0) {
        it.remove();
        evicted.add(e);
      }
    }
    return evicted;
  }

  /** A lease ended: trims the cache if it grew past its bound while every entry was leased. */
  void released() {
    List<LoadedModel> evicted;
    synchronized (cache) {
      evicted = evictLocked();
    }
    evicted.forEach(LoadedModel::retire);
  }

  /**
   * Registers a listener told (id, model) whenever a loaded model is closed after leaving the cache
   * (evicted, replaced, deleted or the store closed); the service drops its per-model state then.
   */
  void addUnloadListener(BiConsumer<String, Forecaster> listener) {
    unloadListeners.add(listener);
  }

  void removeUnloadListener(BiConsumer<String, Forecaster> listener) {
    unloadListeners.remove(listener);
  }

  private void unloaded(String id, Forecaster model) {
    for (BiConsumer<String, Forecaster> l : unloadListeners) {
      l.accept(id, model);
    }
  }

  /**
   * Saves a model under an id, atomically and durably (see the class description): the files are
   * written and fsynced beside the id, then swapped in.
   *
   * @param overwrite whether an existing model may be replaced (its cached copy is retired and
   *     closed once no forecast uses it)
   * @throws ModelAlreadyExistsException if the id exists and {@code overwrite} is false
   * @throws ModelStoreException if writing fails (the previous model, if any, is kept)
   */
  public void save(String id, Forecaster model, boolean overwrite) {
    Path dir = directory(id);
    Objects.requireNonNull(model, "model");
    synchronized (writeLock(id)) {
      if (!overwrite && Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new ModelAlreadyExistsException(id);
      }
      try (AtomicDirectory.Staged staged = AtomicDirectory.stage(dir, model::save)) {
        swapLock.writeLock().lock();
        try {
          staged.commit(overwrite);
        } finally {
          retire(id);
          swapLock.writeLock().unlock();
        }
      } catch (FileAlreadyExistsException e) {
        throw new ModelAlreadyExistsException(id);
      } catch (IOException e) {
        throw new ModelStoreException("cannot save model '" + id + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Deletes a model: it disappears from the listing at once (its directory is first renamed to a
   * {@code .del-} name, durably), and its cached copy is closed once no forecast uses it.
   *
   * @throws ModelNotFoundException if no complete model has this id
   */
  public void delete(String id) {
    Path dir = directory(id);
    Path trash;
    synchronized (writeLock(id)) {
      swapLock.writeLock().lock();
      try {
        if (!isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        trash = AtomicDirectory.moveToTrash(dir);
      } catch (NoSuchFileException e) {
        throw new ModelNotFoundException(id);
      } catch (IOException e) {
        throw new ModelStoreException("cannot delete model '" + id + "': " + e.getMessage(), e);
      } finally {
        retire(id);
        swapLock.writeLock().unlock();
      }
    }
    AtomicDirectory.deleteTrash(trash);
  }

  private Object writeLock(String id) {
    return writeLocks[Math.floorMod(id.hashCode(), writeLocks.length)];
  }

  private void retire(String id) {
    LoadedModel entry;
    synchronized (cache) {
      entry = cache.remove(id);
    }
    if (entry != null) {
      entry.retire();
    }
  }

  /** Number of models currently loaded (or loading) in the cache. */
  public int loadedCount() {
    synchronized (cache) {
      return cache.size();
    }
  }

  /** Retires every cached model (each closes when its last lease is released). */
  @Override
  public void close() {
    List<LoadedModel> all;
    synchronized (cache) {
      all = new ArrayList<>(cache.values());
      cache.clear();
    }
    all.forEach(LoadedModel::retire);
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

  /** A complete model directory: one with a {@code model.json} (written last). */
  static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(ModelFiles.MODEL));
  }
}
