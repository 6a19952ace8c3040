package io.forecast.attention.monarch;

import io.forecast.attention.OperatorParameter;
import io.forecast.attention.OperatorSpec;
import java.util.List;

/**
 * Registry entry and parameters of MonarchAttention (spec §5), shared by the DJL operator and its
 * float64 oracle: the block-size rule, the padding choices and the eps terms of the official code.
 */
public final class Monarch {
  private Monarch() {}

  /** Parameter name of the block size b. */
  public static final String BLOCK_SIZE = "block-size";
  /** Parameter name of the number of alternating-maximisation steps T. */
  public static final String STEPS = "steps";
  /** Parameter name of the padding side. */
  public static final String PAD = "pad";

  /** Largest accepted block size. */
  public static final int MAX_BLOCK_SIZE = 65_536;
  /** Largest accepted number of steps. */
  public static final int MAX_STEPS = 64;
  /** Default number of steps (the official ViT benchmark's setting, b = 14 ≈ √197, T = 2). */
  public static final int DEFAULT_STEPS = 2;
  /** Zero tokens before the sequence (the official default of the ViT/RoBERTa/BART/DiT experiments). */
  public static final String PRE = "pre";
  /** Zero tokens after the sequence (the official GPS setting). */
  public static final String POST = "post";

  /**
   * The official code's eps ({@code ma_torch.py}): added to the R-step divisor {@code cR} and to the
   * denominator of the R-softmax.
   */
  public static final double EPS = 1e-12;

  /** {@code monarch}: block-size, steps, pad. */
  public static final OperatorSpec SPEC = new OperatorSpec(MonarchAttention.NAME,
      "MonarchAttention: A restricted to a row-stochastic Monarch matrix (block size b, m = ceil(N/b) blocks), "
          + "fitted by T steps of alternating maximisation of <A,S> + H(A) from L = I; "
          + "O(T·N(m+b)·d) = O(T·N^1.5·d), A formed only when asked; self-attention only (M = N)",
      List.of(
          OperatorParameter.ofInt(BLOCK_SIZE, 0, 0, MAX_BLOCK_SIZE,
              "block size b of the Monarch factors (m = ceil(N/b) blocks); 0 = round(√N), the paper's b ≈ √N; "
                  + "b ≥ N gives softmax attention"),
          OperatorParameter.ofInt(STEPS, DEFAULT_STEPS, 1, MAX_STEPS,
              "alternating-maximisation steps T (T R-updates and T L-updates from L = I; T = 1 is one block-local "
                  + "softmax then one block-mixing step); cost grows linearly in T"),
          OperatorParameter.ofChoice(PAD, PRE, List.of(PRE, POST),
              "where the zero tokens go when b does not divide N: pre = before the sequence, post = after "
                  + "(they are never attended to and are dropped from the output)")),
      p -> new MonarchAttention(p.getInt(BLOCK_SIZE), p.getInt(STEPS), p.getString(PAD)),
      p -> new MonarchReference(p.getInt(BLOCK_SIZE), p.getInt(STEPS), p.getString(PAD)));

  /**
   * The block size used for {@code n} tokens: {@code round(√n)} (at least 1) when {@code blockSize} is 0,
   * otherwise {@code min(blockSize, n)} (a block as long as the sequence already gives softmax).
   */
  public static int effectiveBlockSize(int blockSize, int n) {
    if (blockSize == 0) {
      return Math.max(1, (int) Math.round(Math.sqrt(n)));
    }
    return Math.min(blockSize, n);
  }

  /** Checks the parameters of a directly constructed operator (the registry checks them with its own messages). */
  static void checkParameters(int blockSize, int steps, String pad) {
    if (blockSize < 0 || blockSize > MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException("monarch attention: block size must be 0 (round(√N)) or from 1 to "
          + MAX_BLOCK_SIZE + ", got " + blockSize);
    }
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("monarch attention: steps must be from 1 to " + MAX_STEPS + ", got " + steps);
    }
    if (!PRE.equals(pad) && !POST.equals(pad)) {
      throw new IllegalArgumentException("monarch attention: pad must be pre or post, got " + pad);
    }
  }
}
