package io.forecast.forecasting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path root;

  private ModelStore store() {
    return new ModelStore(root, StubForecaster::load);
  }

  private static StubForecaster model() {
    return new StubForecaster(StubForecaster.card(4, 2, "a", "b"));
  }

  @Test
  void savedModelsAreListedDescribedAndSurviveARestart() {
    ModelStore store = store();
    store.save("m1", model(), false);
    store.save("m0", model(), false);
    assertThat(store.list()).extracting(ModelSummary::id).containsExactly("m0", "m1");
    ModelDescription d = store.describe("m1");
    assertThat(d.card().seqLen()).isEqualTo(4);
    assertThat(d.card().columns()).containsExactly("a", "b");
    assertThat(d.settings()).containsEntry("dModel", 16);

    ModelStore restarted = store();
    assertThat(restarted.list()).extracting(ModelSummary::id).containsExactly("m0", "m1");
    try (ModelLease lease = restarted.acquire("m1")) {
      assertThat(lease.forecaster().card().predLen()).isEqualTo(2);
    }
  }

  @Test
  void aCrashMidWriteLeavesOnlyCompleteModelsListed() throws IOException {
    ModelStore store = store();
    store.save("good", model(), false);
    // a write whose content fails half way (the process "crashes" inside the writer)
    assertThatThrownBy(() -> AtomicDirectory.write(root.resolve("crashed"), false, dir -> {
      Files.writeString(dir.resolve(ModelFiles.WEIGHTS), "half");
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("disk full");
    // what a killed process leaves behind: a temporary directory, even one holding a model.json
    Path leftover = Files.createDirectories(root.resolve(".tmp-killed-1234"));
    model().save(leftover);
    // a directory that never got its model.json, and one with a corrupt model.json
    Files.createDirectories(root.resolve("incomplete"));
    Files.writeString(root.resolve("incomplete").resolve(ModelFiles.WEIGHTS), "x");
    Files.createDirectories(root.resolve("corrupt"));
    Files.writeString(root.resolve("corrupt").resolve(ModelFiles.MODEL), "{ not json");
    Files.writeString(root.resolve("stray-file.txt"), "x");

    assertThat(store.list()).extracting(ModelSummary::id).containsExactly("good");
    assertThat(new ModelStore(root, StubForecaster::load).list()).extracting(ModelSummary::id).containsExactly("good");
    assertThat(root.resolve("crashed")).doesNotExist();
    assertThat(store.contains("incomplete")).isFalse();
    assertThatThrownBy(() -> store.acquire("incomplete")).isInstanceOf(ModelNotFoundException.class)
        .hasMessage("no model 'incomplete' in the store");
    assertThatThrownBy(() -> store.describe("crashed")).isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void idsThatCouldEscapeTheStoreAreRejected() {
    ModelStore store = store();
    for (String bad : new String[] {"../x", "/abs", "a/b", "a\\b", "", "..", ".hidden", ".tmp-x", "a..b", "x".repeat(65),
        "-lead", "sp ace"}) {
      assertThatThrownBy(() -> store.describe(bad)).as(bad).isInstanceOf(InvalidModelIdException.class);
      assertThatThrownBy(() -> store.acquire(bad)).as(bad).isInstanceOf(InvalidModelIdException.class);
      assertThatThrownBy(() -> store.save(bad, model(), true)).as(bad).isInstanceOf(InvalidModelIdException.class);
      assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(InvalidModelIdException.class);
    }
    assertThatThrownBy(() -> store.describe(null)).isInstanceOf(InvalidModelIdException.class)
        .hasMessageContaining("empty");
    assertThat(ModelId.check("ETTh1_96-96.v2")).isEqualTo("ETTh1_96-96.v2");
    assertThat(root.getParent().resolve("x")).doesNotExist();
  }

  @Test
  void anExistingIdIsNotOverwrittenUnlessAsked() {
    ModelStore store = store();
    store.save("m", model(), false);
    assertThatThrownBy(() -> store.save("m", model(), false)).isInstanceOf(ModelAlreadyExistsException.class)
        .hasMessageContaining("'m' already exists");
    store.save("m", new StubForecaster(StubForecaster.card(8, 3, "a", "b")), true);
    assertThat(store.describe("m").card().seqLen()).isEqualTo(8);
  }

  @Test
  void concurrentFirstUsesLoadOnce() throws Exception {
    ModelStore store = store();
    store.save("m", model(), false);
    int before = StubForecaster.LOADS.get();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        try (ModelLease lease = store.acquire("m")) {
          return lease.forecaster();
        }
      }));
    }
    go.countDown();
    Object first = futures.get(0).get();
    for (Future<Object> f : futures) {
      assertThat(f.get()).isSameAs(first);
    }
    pool.shutdown();
    assertThat(StubForecaster.LOADS.get() - before).isEqualTo(1);
    assertThat(store.loadedCount()).isEqualTo(1);
  }

  @Test
  void aDeletedModelIsClosedOnlyAfterItsLastLease() {
    ModelStore store = store();
    store.save("m", model(), false);
    ModelLease lease = store.acquire("m");
    StubForecaster f = (StubForecaster) lease.forecaster();
    store.delete("m");
    assertThat(store.list()).isEmpty();
    assertThat(f.closed).as("still leased").isFalse();
    assertThat(f.forecast(new double[8], 4)).hasSize(4);
    assertThatThrownBy(() -> store.acquire("m")).isInstanceOf(ModelNotFoundException.class);
    lease.close();
    lease.close();
    assertThat(f.closed).isTrue();
    assertThatThrownBy(() -> store.delete("m")).isInstanceOf(ModelNotFoundException.class);
    try (var entries = java.nio.file.Files.list(root)) {
      assertThat(entries).as("no trash left").isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A loader that counts loads per id and keeps every model it made. */
  private static final class CountingLoader implements ModelLoader {
    final java.util.Map<String, Integer> loads = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<String, StubForecaster> latest = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public StubForecaster load(Path dir) throws IOException {
      StubForecaster f = StubForecaster.load(dir);
      String id = dir.getFileName().toString();
      loads.merge(id, 1, Integer::sum);
      latest.put(id, f);
      return f;
    }
  }

  @Test
  void theCacheEvictsTheLeastRecentlyUsedUnleasedModel() {
    CountingLoader loader = new CountingLoader();
    ModelStore store = new ModelStore(root, loader, 2);
    assertThat(store.maxLoadedModels()).isEqualTo(2);
    for (String id : new String[] {"a", "b", "c", "d"}) {
      store.save(id, model(), false);
    }
    ModelLease a = store.acquire("a"); // held throughout: never evicted
    store.acquire("b").close();
    assertThat(store.loadedCount()).isEqualTo(2);
    store.acquire("c").close(); // a (leased), b, c: over the bound, b is the LRU unleased one
    assertThat(loader.latest.get("b").closed).as("b evicted").isTrue();
    assertThat(loader.latest.get("a").closed).as("a is leased").isFalse();
    assertThat(loader.latest.get("c").closed).isFalse();
    assertThat(store.loadedCount()).isEqualTo(2);

    store.acquire("c").close(); // c used again: still cached, not reloaded
    assertThat(loader.loads.get("c")).isEqualTo(1);
    store.acquire("d").close(); // a (leased), c, d: c is now the LRU unleased one
    assertThat(loader.latest.get("c").closed).isTrue();
    assertThat(loader.latest.get("d").closed).isFalse();
    assertThat(loader.latest.get("a").closed).isFalse();
    assertThat(a.forecaster().forecast(new double[8], 4)).hasSize(4);

    StubForecaster oldB = loader.latest.get("b");
    try (ModelLease b = store.acquire("b")) { // evicted models load again on their next use
      assertThat(b.forecaster()).isNotSameAs(oldB);
    }
    assertThat(loader.loads.get("b")).isEqualTo(2);
    assertThat(loader.latest.get("a").closed).isFalse();
    a.close();
    assertThat(store.loadedCount()).isEqualTo(2);
    assertThat(loader.loads.get("a")).isEqualTo(1);
  }

  @Test
  void whileEveryModelIsLeasedTheCacheGrowsThenTrimsAsLeasesEnd() {
    CountingLoader loader = new CountingLoader();
    ModelStore store = new ModelStore(root, loader, 1);
    store.save("x", model(), false);
    store.save("y", model(), false);
    ModelLease x = store.acquire("x");
    ModelLease y = store.acquire("y");
    assertThat(store.loadedCount()).as("nothing evictable").isEqualTo(2);
    assertThat(loader.latest.get("x").closed).isFalse();
    assertThat(loader.latest.get("y").closed).isFalse();
    x.close(); // x's last lease ended: x is the LRU unleased model of an over-full cache
    assertThat(loader.latest.get("x").closed).isTrue();
    assertThat(loader.latest.get("y").closed).isFalse();
    assertThat(store.loadedCount()).isEqualTo(1);
    y.close();
    assertThat(loader.latest.get("y").closed).as("within the bound: stays loaded").isFalse();
    assertThat(store.loadedCount()).isEqualTo(1);
    assertThatThrownBy(() -> new ModelStore(root, loader, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentUseOfMoreModelsThanTheBoundNeverForecastsOnAClosedModel() throws Exception {
    CountingLoader loader = new CountingLoader();
    ModelStore store = new ModelStore(root, loader, 2);
    for (int i = 0; i < 6; i++) {
      store.save("m" + i, model(), false);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      futures.add(pool.submit(() -> {
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < 300; i++) {
          try (ModelLease lease = store.acquire("m" + r.nextInt(6))) {
            lease.forecaster().forecast(new double[8], 4); // throws on a closed model
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertThat(store.loadedCount()).isLessThanOrEqualTo(2);
  }
}
