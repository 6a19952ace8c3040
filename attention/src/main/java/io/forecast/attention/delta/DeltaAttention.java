package io.forecast.attention.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;
import java.util.Arrays;
import java.util.Objects;

/**
 * Delta attention (spec §4.4): {@code O[i] = Os[i] + (Of[a] − Os[a])} for the queries before the dense
 * tail, with {@code a = γ⌊i/γ⌋} the group's anchor, {@code Os} the sliding-window-plus-sinks sparse
 * attention and {@code Of} dense (full) attention; anchors and the tail get {@code Of} itself.
 *
 * <p>The sparse part never forms the {@code N×M} scores: each query's window and sink keys are gathered
 * ({@code N·(w'+s)} of them, {@code w' = w} causal, {@code 2w−1} bidirectional), and dense rows are
 * computed only for the anchors and the tail ({@code ≈ N/γ + tail} rows). Self-attention only
 * ({@code M = N}): windows are defined by token positions. A {@code keep} mask applies to both paths;
 * a query whose allowed set is empty gets a zero row in that path. There is no single mixing matrix:
 * {@link #hasWeights()} is false and {@code withWeights} is ignored.
 */
public final class DeltaAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "delta";

  /** What the operator outputs. */
  public enum Mode {
    /** Sparse attention plus the Δ correction and the dense tail. */
    DELTA("delta"),
    /** The sparse base alone. */
    SPARSE_ONLY("sparse-only");

    private final String word;

    Mode(String word) {
      this.word = word;
    }

    /** The parameter value naming this mode. */
    public String word() {
      return word;
    }

    /** The mode named {@code word}. */
    public static Mode of(String word) {
      for (Mode m : values()) {
        if (m.word.equals(word)) {
          return m;
        }
      }
      throw new IllegalArgumentException("delta mode must be delta or sparse-only, got '" + word + "'");
    }

    @Override
    public String toString() {
      return word;
    }
  }

  private final DeltaConfig config;

  public DeltaAttention(DeltaConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public DeltaConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean hasWeights() {
    return false;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    AttentionOps.checkShapes(q, k, v);
    int n = rows(q);
    int m = rows(k);
    if (n != m) {
      throw new IllegalArgumentException("delta attention is self-attention: it needs as many keys as queries "
          + "(windows are token positions), got " + n + " queries (Q " + q.getShape() + ") and " + m
          + " keys (K " + k.getShape() + ")");
    }
    NDManager manager = q.getManager();
    Shape scoreShape = prefix(q.getShape()).addAll(new Shape(n, m));
    NDArray keepFull = keep == null ? null : keep.broadcast(scoreShape);
    NDArray sparse = sparse(manager, q, k, v, keepFull, n);
    if (config.mode() == Mode.SPARSE_ONLY) {
      return AttentionResult.of(sparse);
    }
    int gamma = config.gamma();
    int sp = config.sparseQueries(n);
    int anchors = sp / gamma;
    // dense rows: the anchors 0, γ, .., sp−γ, then the tail sp, .., n−1
    long[] dense = new long[anchors + n - sp];
    for (int r = 0; r < anchors; r++) {
      dense[r] = (long) r * gamma;
    }
    for (int i = sp; i < n; i++) {
      dense[anchors + i - sp] = i;
    }
    NDArray fullRows = denseRows(manager, q, k, v, keepFull, dense, m);
    // position in `dense` of each query's anchor (its own position for anchors and tail queries)
    long[] source = new long[n];
    boolean[] isDense = new boolean[n];
    for (int i = 0; i < n; i++) {
      source[i] = i < sp ? i / gamma : anchors + i - sp;
      isDense[i] = i >= sp || i % gamma == 0;
    }
    NDArray delta = fullRows.sub(gatherRows(manager, sparse, dense));
    NDArray corrected = sparse.add(gatherRows(manager, delta, source));
    NDArray own = gatherRows(manager, fullRows, source);
    NDArray out = NDArrays.where(manager.create(isDense, new Shape(n, 1)).broadcast(corrected.getShape()), own,
        corrected);
    return AttentionResult.of(out);
  }

  /** The sliding-window-plus-sinks attention, from gathered keys only. */
  private NDArray sparse(NDManager manager, NDArray q, NDArray k, NDArray v, NDArray keepFull, int n) {
    int sinks = Math.min(config.sinks(), n);
    int reach = Math.min(config.window(), n) - 1; // offsets −reach .. 0 (causal) or .. +reach
    int width = sinks + reach + 1 + (config.causal() ? 0 : reach);
    long[] index = new long[n * width];
    boolean[] valid = new boolean[n * width];
    for (int i = 0; i < n; i++) {
      int c = i * width;
      for (int j = 0; j < sinks; j++, c++) {
        index[c] = j;
        valid[c] = !config.causal() || j <= i;
      }
      for (int o = -reach; o <= (config.causal() ? 0 : reach); o++, c++) {
        int j = i + o;
        boolean inRange = j >= 0 && j < n;
        index[c] = inRange ? j : 0;
        valid[c] = inRange && j >= sinks; // sink keys are counted once, in the sink columns
      }
    }
    NDArray allowed = manager.create(valid, new Shape(n, width));
    if (keepFull != null) {
      Shape ks = keepFull.getShape();
      NDArray idx = manager.create(index, new Shape(n, width)).broadcast(prefix(ks).addAll(new Shape(n, width)));
      allowed = keepFull.gather(idx, ks.dimension() - 1).logicalAnd(allowed);
    }
    int d = (int) k.getShape().getLastDimension();
    NDArray keys = reshapeRows(gatherRows(manager, k, index), n, width);
    NDArray values = reshapeRows(gatherRows(manager, v, index), n, width);
    NDArray dots = q.expandDims(-2).mul(keys).sum(new int[] {-1});
    NDArray scores = dots.div(AttentionOps.scalar(dots, Math.sqrt(d)));
    // DJL's where needs the condition in the scores' exact shape
    NDArray a = AttentionOps.maskedSoftmax(scores, allowed.broadcast(scores.getShape()));
    return a.expandDims(-2).matMul(values).squeeze(-2);
  }

  /** Dense (full) attention for the queries {@code rows} only: {@code [.., rows.length, dv]}. */
  private NDArray denseRows(NDManager manager, NDArray q, NDArray k, NDArray v, NDArray keepFull, long[] rows,
      int m) {
    NDArray scores = AttentionOps.scaledScores(gatherRows(manager, q, rows), k);
    NDArray allowed = null;
    if (config.causal()) {
      boolean[] causal = new boolean[rows.length * m];
      for (int r = 0; r < rows.length; r++) {
        Arrays.fill(causal, r * m, r * m + (int) rows[r] + 1, true);
      }
      allowed = manager.create(causal, new Shape(rows.length, m));
    }
    if (keepFull != null) {
      NDArray keepRows = gatherRows(manager, keepFull, rows);
      allowed = allowed == null ? keepRows : keepRows.logicalAnd(allowed);
    }
    return AttentionOps.maskedSoftmax(scores, allowed == null ? null : allowed.broadcast(scores.getShape()))
        .matMul(v);
  }

  /** Rows {@code index} (along the second-to-last axis) of {@code x [.., R, C]}: {@code [.., index.length, C]}. */
  private static NDArray gatherRows(NDManager manager, NDArray x, long[] index) {
    Shape s = x.getShape();
    int axis = s.dimension() - 2;
    Shape target = prefix(s).addAll(new Shape(index.length, s.getLastDimension()));
    long[] ones = new long[s.dimension()];
    Arrays.fill(ones, 1);
    ones[axis] = index.length;
    NDArray idx = manager.create(index, new Shape(ones)).broadcast(target);
    return x.gather(idx, axis);
  }

  /** {@code [.., n·width, C]} as {@code [.., n, width, C]}. */
  private static NDArray reshapeRows(NDArray x, int n, int width) {
    Shape s = x.getShape();
    return x.reshape(prefix(s).addAll(new Shape(n, width, s.getLastDimension())));
  }

  private static Shape prefix(Shape s) {
    return s.slice(0, s.dimension() - 2);
  }

  private static int rows(NDArray x) {
    Shape s = x.getShape();
    return (int) s.get(s.dimension() - 2);
  }
}
