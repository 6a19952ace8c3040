package io.forecast.api.health;

import io.forecast.forecasting.service.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * UP while the store directory can be read and written (or, before the first model is saved, created
 * in a writable parent); DOWN naming the path and the reason otherwise. Details: path, models on
 * disk, models loaded and the most kept loaded.
 */
public final class ModelStoreHealthIndicator extends AbstractHealthIndicator {
  private final ModelStore store;

  public ModelStoreHealthIndicator(ModelStore store) {
    super("model store health check failed");
    this.store = store;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Path root = store.root().toAbsolutePath();
    builder.withDetail("path", root.toString());
    String problem = problem(root);
    if (problem != null) {
      builder.down().withDetail("reason", problem);
      return;
    }
    builder.up()
        .withDetail("models", store.list().size())
        .withDetail("loaded", store.loadedCount())
        .withDetail("maxLoaded", store.maxLoadedModels());
  }

  /** Why the store cannot be used, or null when it can. */
  static String problem(Path root) {
    if (Files.exists(root)) {
      if (!Files.isDirectory(root)) {
        return "not a directory";
      }
      if (!Files.isReadable(root) || !Files.isWritable(root)) {
        return "not readable and writable by this process";
      }
      return null;
    }
    Path parent = root.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      return "does not exist and cannot be created (no writable parent directory)";
    }
    return null;
  }
}
