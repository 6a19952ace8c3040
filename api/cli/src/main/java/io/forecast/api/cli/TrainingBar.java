package io.forecast.api.cli;

import io.forecast.forecasting.TrainingProgress;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on stderr, once the type announces its epoch budget (types without training
 * show none): a progress bar on a terminal; otherwise (a log file, a pipe, CI) one plain line per
 * epoch and one per phase after the epochs (the test evaluation), never a redrawn bar.
 */
final class TrainingBar implements TrainingProgress, AutoCloseable {
  private final boolean off;
  private final String task;
  private final boolean terminal = System.console() != null;
  private final java.io.PrintWriter err;
  private ProgressBar bar;
  private int maxEpochs;

  TrainingBar(boolean off, String task, java.io.PrintWriter err) {
    this.off = off;
    this.task = task;
    this.err = err;
  }

  @Override
  public void trainingStarted(int epochs) {
    maxEpochs = epochs;
    if (!off && terminal && bar == null) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(epochs).setStyle(ProgressBarStyle.ASCII)
          .setUnit(" epoch", 1).continuousUpdate().build();
    }
  }

  @Override
  public void epochFinished(int epoch, double train, double val, double lr, double seconds) {
    String numbers = String.format(Locale.ROOT, "train %.4f val %.4f lr %.2e %.1fs", train, val, lr, seconds);
    if (bar != null) {
      bar.stepTo(epoch);
      bar.setExtraMessage(numbers);
    } else if (!off) {
      err.println(task + ": epoch " + epoch + "/" + maxEpochs + " " + numbers);
      err.flush();
    }
  }

  @Override
  public void phaseFinished(String phase, double seconds) {
    String line = String.format(Locale.ROOT, "%s %.1fs", phase, seconds);
    if (bar != null) {
      bar.setExtraMessage(line);
    } else if (!off) {
      err.println(task + ": " + line);
      err.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
