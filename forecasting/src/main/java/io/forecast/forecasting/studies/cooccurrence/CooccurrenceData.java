package io.forecast.forecasting.studies.cooccurrence;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The co-occurrence dataset of spec §7.1 (the paper's Def. 2.1 with the exact label mix of its
 * Appendix A). Word {@code i} has the one-hot embedding {@code e_i}; word 0 is μ₁, word 1 is μ₂
 * (the targets), word 2 is μ₃ (the common token, in every sample), words 3 … d−1 are fillers.
 *
 * <p>Of {@code n} samples (a multiple of 6) exactly half have both targets (label +1), a sixth
 * only μ₁, a sixth only μ₂ and a sixth neither (label −1). In each sample μ₃ and the targets sit at
 * distinct random positions; every other position holds a filler drawn uniformly with replacement.
 * The order of the samples is shuffled. Immutable: the accessors return copies.
 *
 * @param length the tokens per sample, L
 * @param dim the vocabulary size and embedding dimension, d
 * @param words {@code words[s][l]}: the word index at position {@code l} of sample {@code s}
 * @param labels ±1 per sample
 * @param groups the sample groups
 */
public record CooccurrenceData(int length, int dim, int[][] words, int[] labels, Group[] groups) {
  /** Index of the first target word μ₁. */
  public static final int MU1 = 0;
  /** Index of the second target word μ₂. */
  public static final int MU2 = 1;
  /** Index of the common token μ₃. */
  public static final int MU3 = 2;

  /** Which target words a sample holds. */
  public enum Group {
    /** μ₁ and μ₂: label +1. */
    BOTH("both"),
    /** μ₁ only: label −1. */
    MU1_ONLY("mu1-only"),
    /** μ₂ only: label −1. */
    MU2_ONLY("mu2-only"),
    /** Neither target: label −1. */
    NEITHER("neither");

    private final String label;

    Group(String label) {
      this.label = label;
    }

    /** The name used in JSON and plots, e.g. {@code mu1-only}. */
    public String label() {
      return label;
    }
  }

  public CooccurrenceData {
    words = deepCopy(words);
    labels = labels.clone();
    groups = groups.clone();
    if (words.length != labels.length || words.length != groups.length) {
      throw new IllegalArgumentException("words, labels and groups need one entry per sample, got " + words.length
          + ", " + labels.length + " and " + groups.length);
    }
  }

  /** The paper's sizes: n = 60, L = 5, d = 64. */
  public static CooccurrenceData generate(long seed) {
    return generate(60, 5, 64, seed);
  }

  /**
   * A seeded dataset.
   *
   * @throws IllegalArgumentException when {@code n} is not a positive multiple of 6, {@code L < 3} or
   *     {@code d < 4}
   */
  public static CooccurrenceData generate(int n, int length, int dim, long seed) {
    if (n <= 0 || n % 6 != 0) {
      throw new IllegalArgumentException("the sample count must be a positive multiple of 6 (half both targets, "
          + "a sixth each of μ1 only, μ2 only and neither), got " + n);
    }
    if (length < 3) {
      throw new IllegalArgumentException("a sample needs at least 3 positions (μ3, μ1, μ2), got L = " + length);
    }
    if (dim < 4) {
      throw new IllegalArgumentException("the vocabulary needs at least 4 words (μ1, μ2, μ3 and a filler), got d = "
          + dim);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Group[] groups = new Group[n];
    for (int s = 0; s < n; s++) {
      groups[s] = s < n / 2 ? Group.BOTH : s < 2 * n / 3 ? Group.MU1_ONLY : s < 5 * n / 6 ? Group.MU2_ONLY
          : Group.NEITHER;
    }
    shuffle(groups, random);
    int[][] words = new int[n][length];
    int[] labels = new int[n];
    for (int s = 0; s < n; s++) {
      int[] positions = permutation(length, random);
      for (int l = 0; l < length; l++) {
        words[s][l] = 3 + random.nextInt(dim - 3);
      }
      words[s][positions[0]] = MU3;
      switch (groups[s]) {
        case BOTH -> {
          words[s][positions[1]] = MU1;
          words[s][positions[2]] = MU2;
        }
        case MU1_ONLY -> words[s][positions[1]] = MU1;
        case MU2_ONLY -> words[s][positions[1]] = MU2;
        case NEITHER -> { }
      }
      labels[s] = groups[s] == Group.BOTH ? 1 : -1;
    }
    return new CooccurrenceData(length, dim, words, labels, groups);
  }

  /** The number of samples. */
  public int size() {
    return labels.length;
  }

  @Override
  public int[][] words() {
    return deepCopy(words);
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public Group[] groups() {
    return groups.clone();
  }

  /** The word at position {@code l} of sample {@code s}. */
  public int word(int s, int l) {
    return words[s][l];
  }

  /** The label (±1) of sample {@code s}. */
  public int label(int s) {
    return labels[s];
  }

  /** The group of sample {@code s}. */
  public Group group(int s) {
    return groups[s];
  }

  /** The one-hot embeddings, row-major {@code [n, L, d]} (a token is a row). */
  public double[] oneHot() {
    double[] x = new double[size() * length * dim];
    for (int s = 0; s < size(); s++) {
      for (int l = 0; l < length; l++) {
        x[(s * length + l) * dim + words[s][l]] = 1;
      }
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CooccurrenceData other && length == other.length && dim == other.dim
        && Arrays.deepEquals(words, other.words) && Arrays.equals(labels, other.labels)
        && Arrays.equals(groups, other.groups);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(words) + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "CooccurrenceData[n=" + size() + ", L=" + length + ", d=" + dim + "]";
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] out = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static <T> void shuffle(T[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
