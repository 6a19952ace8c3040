package io.forecast.forecasting.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Inverted dropout with its masks drawn from a seeded stream confined to the calling thread.
 *
 * <p>{@code dropout(x, p) = x · m}, with {@code m} an array of {@code x}'s shape whose entries are
 * {@code 0} with probability {@code p} and {@code 1 / (1 − p)} otherwise, independently — the same
 * arithmetic as {@code torch.nn.functional.dropout} in training mode (which multiplies by
 * {@code bernoulli(1 − p) / (1 − p)}). Entry {@code i} of a mask is dropped when the unsigned 32-bit
 * half {@code i mod 2} (high half first) of the stream's {@code ⌊i/2⌋}-th {@code nextLong()} is below
 * {@code round(p · 2³²)}, so the drop probability is {@code p} to within {@code 2⁻³³}.
 *
 * <p>Why not libtorch's own dropout: its CPU {@code bernoulli_} draws one double per element from a
 * serial Mersenne twister, ≈ 1.2–1.7 ms for a {@code [32, 7, 512]} array on this project's machine
 * (six such calls and three small ones per paper-preset iteration: about a tenth of it,
 * forecasting/RESULTS.md); drawing the mask here and multiplying takes ≈ 0.2–0.4 ms. It also draws from the engine's one global generator, which
 * any thread can reseed; this stream belongs to the thread that trains.
 *
 * <p>{@link #seeded(long)} installs a fresh stream for the calling thread until the returned scope
 * closes ({@link io.forecast.forecasting.training.Trainer} opens one per training run with the
 * run's seed). Outside any scope a thread draws from its own stream seeded with {@link
 * #DEFAULT_SEED}. Not for sharing between threads; nothing here is global.
 */
public final class DropoutMasks {
  /** Seed of the stream a thread uses outside any {@link #seeded(long)} scope. */
  public static final long DEFAULT_SEED = 0L;

  private static final ThreadLocal<DropoutMasks> CURRENT =
      ThreadLocal.withInitial(() -> new DropoutMasks(DEFAULT_SEED));
  private static final double TWO_TO_32 = 4294967296.0;
  private static final int CHUNK = 4096;

  private final SplittableRandom random;
  private final float[] chunk = new float[CHUNK];
  private ByteBuffer staging = ByteBuffer.allocateDirect(0);

  private DropoutMasks(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Makes the calling thread draw its masks from a new stream seeded with {@code seed} until the
   * returned scope is closed; closing restores the stream the thread used before.
   */
  public static Scope seeded(long seed) {
    DropoutMasks previous = CURRENT.get();
    CURRENT.set(new DropoutMasks(seed));
    return new Scope(previous);
  }

  /**
   * Inverted dropout of {@code x} at drop probability {@code rate}: {@code x} itself when {@code
   * rate} is 0, otherwise {@code x · m} (recorded by autograd like any product; the mask is a
   * constant) in {@code x}'s manager.
   *
   * @throws IllegalArgumentException if {@code rate} is not in {@code [0, 1)} or {@code x} is not
   *     float32
   */
  public static NDArray apply(NDArray x, float rate) {
    if (!(rate >= 0f && rate < 1f)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    if (rate == 0f) {
      return x;
    }
    if (x.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException("dropout masks are float32, got a " + x.getDataType() + " array");
    }
    NDArray mask = CURRENT.get().mask(x, rate);
    return x.mul(mask);
  }

  /** A mask of {@code like}'s shape, in its manager. */
  private NDArray mask(NDArray like, float rate) {
    int n = Math.toIntExact(like.size());
    long threshold = Math.round(rate * TWO_TO_32);
    int keepBits = Float.floatToRawIntBits(1f / (1f - rate));
    if (staging.capacity() < n * Float.BYTES) {
      staging = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
    }
    FloatBuffer out = staging.clear().asFloatBuffer();
    for (int done = 0; done < n; done += CHUNK) {
      int m = Math.min(CHUNK, n - done);
      for (int i = 0; i < m; i += 2) {
        long bits = random.nextLong();
        chunk[i] = select(bits >>> 32, threshold, keepBits);
        if (i + 1 < m) {
          chunk[i + 1] = select(bits & 0xffff_ffffL, threshold, keepBits);
        }
      }
      out.put(chunk, 0, m);
    }
    ByteBuffer view = staging.duplicate().order(ByteOrder.nativeOrder());
    view.clear().limit(n * Float.BYTES);
    // An array created from a direct buffer reads it in place; the staging buffer is refilled by the
    // next mask while autograd still holds this one for the backward pass, so keep a copy.
    // (NDArray.set(Buffer) would copy too, but makes libtorch print a deprecation warning on stderr.)
    try (NDArray staged = like.getManager().create(view, like.getShape(), DataType.FLOAT32)) {
      return staged.duplicate();
    }
  }

  /**
   * {@code 0f} when {@code draw < threshold}, else the float whose bits are {@code keepBits}; without
   * a branch (the outcome is random, so a branch is mispredicted {@code min(p, 1 − p)} of the time).
   * Both arguments lie in {@code [0, 2³²]}, so {@code threshold − 1 − draw} is negative exactly when
   * the entry is kept.
   */
  private static float select(long draw, long threshold, int keepBits) {
    return Float.intBitsToFloat(keepBits & (int) ((threshold - 1 - draw) >> 63));
  }

  /** Restores the calling thread's previous stream when closed. */
  public static final class Scope implements AutoCloseable {
    private final DropoutMasks previous;

    private Scope(DropoutMasks previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      CURRENT.set(previous);
    }
  }
}
