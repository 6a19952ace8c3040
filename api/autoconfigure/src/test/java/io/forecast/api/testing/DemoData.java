package io.forecast.api.testing;

import java.nio.file.Path;

/** The bundled demo file, found from the repository root that the build passes to the tests. */
public final class DemoData {
  private DemoData() {}

  /** {@code data/demo/ETTh1.csv} of this checkout. */
  public static final Path ETTH1 = Path.of(System.getProperty("forecast.repo.dir", "../.."))
      .resolve("data").resolve("demo").resolve("ETTh1.csv");
}
