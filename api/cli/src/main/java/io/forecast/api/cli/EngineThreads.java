package io.forecast.api.cli;

/** Sets PyTorch's thread counts; must run before the engine is first used (it reads them once). */
final class EngineThreads {
  private EngineThreads() {}

  static void configure(Integer threads) {
    if (threads != null && threads < 1) {
      throw new BadInputException("--threads must be at least 1, got " + threads);
    }
    int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(k));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
  }
}
