package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive batching of concurrent forecasts on one model, with no added delay.
 *
 * <p>A request that finds a free runner slot runs at once (alone, when the service is idle). A
 * request that finds every slot busy waits in a queue; whenever a runner finishes a batch it takes
 * everything queued (up to {@code maxBatch}) as its next batch, so under load requests are served
 * in batches that cost a fraction of their one-by-one cost (one forward pass of batch 64 costs
 * about as much as eight of batch 1). A runner leaves once its own request is answered and hands
 * its slot to the oldest waiting request, so no caller serves others for long.
 *
 * <p>At most {@code maxRunners} batches run at once (the engine's parallelism: with one PyTorch
 * thread per forecast, the number of cores). Thread-safe.
 */
final class ForecastBatcher {
  private final Forecaster forecaster;
  private final int maxBatch;
  private final int maxRunners;
  private final int inputSize;
  private final int outputSize;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int runners;

  ForecastBatcher(Forecaster forecaster, int maxBatch, int maxRunners) {
    this.forecaster = forecaster;
    this.maxBatch = maxBatch;
    this.maxRunners = maxRunners;
    this.inputSize = forecaster.card().seqLen() * forecaster.card().columns().size();
    this.outputSize = forecaster.card().predLen() * forecaster.card().columns().size();
  }

  Forecaster forecaster() {
    return forecaster;
  }

  /**
   * Forecasts one history of exactly {@code seqLen} rows (row-major, original scale).
   *
   * @return {@code predLen × columns} values, row-major
   */
  double[] forecast(double[] input) {
    Pending me = new Pending(input);
    boolean lead;
    synchronized (this) {
      queue.addLast(me);
      lead = runners < maxRunners;
      if (lead) {
        runners++;
      }
    }
    if (!lead) {
      me.awaitDoneOrPromoted();
      if (!me.wasPromoted()) {
        return me.result();
      }
    }
    // this thread holds a runner slot (it led or was promoted): run batches until its own request is
    // answered, then pass the slot on
    while (!me.isDone()) {
      List<Pending> batch = take();
      if (batch.isEmpty()) {
        // another runner has taken this request and is running it
        handOff();
        me.awaitDone();
        return me.result();
      }
      run(batch);
    }
    handOff();
    return me.result();
  }

  private synchronized List<Pending> take() {
    List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
    while (batch.size() < maxBatch && !queue.isEmpty()) {
      batch.add(queue.pollFirst());
    }
    return batch;
  }

  /** Gives this thread's runner slot to the oldest waiting request, or frees it. */
  private synchronized void handOff() {
    for (Pending p : queue) {
      if (p.promote()) {
        return;
      }
    }
    runners--;
  }

  private void run(List<Pending> batch) {
    int count = batch.size();
    try {
      double[] out;
      if (count == 1) {
        out = forecaster.forecast(batch.get(0).input, forecaster.card().seqLen());
      } else {
        double[] in = new double[count * inputSize];
        for (int i = 0; i < count; i++) {
          System.arraycopy(batch.get(i).input, 0, in, i * inputSize, inputSize);
        }
        out = forecaster.forecastBatch(in, count);
      }
      for (int i = 0; i < count; i++) {
        double[] one = new double[outputSize];
        System.arraycopy(out, i * outputSize, one, 0, outputSize);
        batch.get(i).complete(one, null);
      }
    } catch (RuntimeException | Error e) {
      for (Pending p : batch) {
        p.complete(null, e);
      }
    }
  }

  /** One waiting request. */
  private static final class Pending {
    final double[] input;
    private double[] result;
    private Throwable error;
    private boolean done;
    private boolean promoted;

    Pending(double[] input) {
      this.input = input;
    }

    synchronized boolean isDone() {
      return done;
    }

    /** Marks this waiting request as the next runner; false if it is done or already promoted. */
    synchronized boolean promote() {
      if (done || promoted) {
        return false;
      }
      promoted = true;
      notifyAll();
      return true;
    }

    synchronized void complete(double[] value, Throwable failure) {
      result = value;
      error = failure;
      done = true;
      notifyAll();
    }

    /** Waits until answered or promoted to runner. */
    void awaitDoneOrPromoted() {
      boolean interrupted = false;
      synchronized (this) {
        while (!done && !promoted) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void awaitDone() {
      boolean interrupted = false;
      synchronized (this) {
        while (!done) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized double[] result() {
      if (error instanceof RuntimeException r) {
        throw r;
      }
      if (error instanceof Error e) {
        throw e;
      }
      return result;
    }

    synchronized boolean wasPromoted() {
      return promoted;
    }
  }
}
