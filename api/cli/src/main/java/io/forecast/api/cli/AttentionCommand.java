package io.forecast.api.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.OperatorSpec;
import io.forecast.attention.diagnostics.MixingDiagnostics;
import io.forecast.attention.diagnostics.TokenDiagnostics;
import io.forecast.attention.reference.ReferenceResult;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.io.MatrixCsv;
import io.forecast.forecasting.io.MatrixFormatException;
import io.forecast.forecasting.nn.NativeEngine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast attention}: applies one attention operator to Q, K, V read from header-less CSV
 * matrices (one head, one sample, N×d), writes A and O with 17 significant digits, and prints the
 * diagnostics as JSON. The default engine is the float64 oracle ({@code reference}); {@code djl}
 * runs the DJL operator in float64.
 */
@Command(
    name = "attention",
    mixinStandardHelpOptions = true,
    description = "Apply an attention operator to header-less CSV matrices Q (N×d), K (M×d), V (M×dv); write the "
        + "mixing matrix A and the output O = A·V, and print the diagnostics (row/column errors, entropy, sink, "
        + "switch and diagonal mass of A; distance to rank one, cosine, Dirichlet energy, effective rank of O) "
        + "as JSON. Operators: see --op.")
public final class AttentionCommand implements Callable<Integer> {
  @Option(names = "--op", paramLabel = "NAME", description = "The operator: ${COMPLETION-CANDIDATES}.",
      completionCandidates = OperatorNames.class)
  String op;

  @Option(names = "--q", paramLabel = "Q.csv", description = "Queries, N rows of d values.")
  Path q;

  @Option(names = "--k", paramLabel = "K.csv", description = "Keys, M rows of d values.")
  Path k;

  @Option(names = "--v", paramLabel = "V.csv", description = "Values, M rows of dv values.")
  Path v;

  @Option(names = "--iterations", paramLabel = "n", description = "sinkhorn: half-steps (odd ends on a row step).")
  Integer iterations;

  @Option(names = "--eps", paramLabel = "e", description = "sinkhorn: entropic regularisation ε.")
  Double eps;

  @Option(names = "--block-size", paramLabel = "b", description = "monarch: block size.")
  Integer blockSize;

  @Option(names = "--steps", paramLabel = "T", description = "monarch: alternating steps.")
  Integer steps;

  @Option(names = "--pad", paramLabel = "pre|post", description = "monarch: where N is padded to a multiple of b.")
  String pad;

  @Option(names = "--window", paramLabel = "w", description = "delta: sliding-window width.")
  Integer window;

  @Option(names = "--sinks", paramLabel = "s", description = "delta: sink tokens.")
  Integer sinks;

  @Option(names = "--gamma", paramLabel = "g", description = "delta: stride of the Δ correction.")
  Integer gamma;

  @Option(names = "--causal", description = "delta: causal window.")
  boolean causal;

  @Option(names = "--bias", paramLabel = "x", description = "null-sink: the sink logit b; diagonal-bias: β.")
  Double bias;

  @Option(names = "--seed", paramLabel = "s", description = "qr: noise seed; qontot: θ seed.")
  Long seed;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "Any other parameter of the operator by its name, e.g. --param tail=16, --param mode=sparse-only, "
          + "--param float32-marginals=true (each operator's parameters: forecast attention --list).")
  Map<String, String> param = new LinkedHashMap<>();

  @Option(names = "--engine", defaultValue = "reference", paramLabel = "reference|djl",
      description = "reference: the float64 EJML oracle (default); djl: the DJL operator in float64.")
  String engine;

  @Option(names = "--out-a", paramLabel = "A.csv", description = "Write the mixing matrix A (N×M).")
  Path outA;

  @Option(names = "--out-o", paramLabel = "O.csv", description = "Write the output O (N×dv).")
  Path outO;

  @Option(names = "--overwrite", description = "Replace existing output files (default: refuse).")
  boolean overwrite;

  @Option(names = "--list", description = "Print every operator with its description and parameters (name, kind, "
      + "default, allowed values) as JSON, and exit.")
  boolean list;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (list) {
      JsonOutput.print(spec.commandLine().getOut(), catalogue());
      return ForecastCli.OK;
    }
    for (Object[] required : new Object[][] {{op, "--op"}, {q, "--q"}, {k, "--k"}, {v, "--v"}}) {
      if (required[0] == null) {
        throw new BadInputException("missing " + required[1] + " (see 'forecast attention --help')");
      }
    }
    OperatorSpec operator;
    OperatorParams params;
    try {
      operator = AttentionOperators.spec(op);
      params = operator.params(parameters());
    } catch (InvalidOperatorParameterException e) {
      throw new BadInputException(e.getMessage());
    }
    String eng = engine.toLowerCase(Locale.ROOT);
    if (!eng.equals("reference") && !eng.equals("djl")) {
      throw new BadInputException("--engine must be reference or djl, got '" + engine + "'");
    }
    for (Path out : new Path[] {outA, outO}) {
      if (out != null) {
        OutputPaths.checkFile(out, overwrite, out == outA ? "--out-a" : "--out-o");
      }
    }
    DMatrixRMaj mq = matrix(q, "--q");
    DMatrixRMaj mk = matrix(k, "--k");
    DMatrixRMaj mv = matrix(v, "--v");
    DMatrixRMaj a;
    DMatrixRMaj o;
    try {
      if (eng.equals("reference")) {
        ReferenceResult r = operator.reference(params).apply(mq, mk, mv, null);
        a = r.weights();
        o = r.output();
      } else {
        AttentionOperator djl = operator.create(params);
        try (NDManager m = NativeEngine.get().newBaseManager()) {
          AttentionResult r = djl.apply(nd(m, mq), nd(m, mk), nd(m, mv), null, true);
          a = r.weights() == null ? null : matrix(r.weights());
          o = matrix(r.output());
        }
      }
    } catch (InvalidOperatorParameterException e) {
      throw new BadInputException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(op + ": " + e.getMessage());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("op", op);
    json.put("engine", eng);
    json.put("parameters", params.asMap());
    json.put("n", mq.numRows);
    json.put("m", mk.numRows);
    json.put("d", mq.numCols);
    json.put("dv", mv.numCols);
    json.put("mixing", a == null ? null : MixingDiagnostics.of(a));
    json.put("output", TokenDiagnostics.of(o));
    if (outA != null) {
      if (a == null) {
        json.put("outA", null);
        json.put("note", op + " forms no single mixing matrix; --out-a was not written");
      } else {
        write(outA, a, "--out-a");
        json.put("outA", outA.toString());
      }
    }
    if (outO != null) {
      write(outO, o, "--out-o");
      json.put("outO", outO.toString());
    }
    JsonOutput.print(spec.commandLine().getOut(), json);
    return ForecastCli.OK;
  }

  /** Every registered operator: description and parameters. */
  static Map<String, Object> catalogue() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (String name : AttentionOperators.names()) {
      OperatorSpec s = AttentionOperators.spec(name);
      Map<String, Object> params = new LinkedHashMap<>();
      for (io.forecast.attention.OperatorParameter p : s.parameters()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        one.put("default", p.defaultValue());
        one.put("allowed", p.allowed());
        one.put("doc", p.doc());
        params.put(p.name(), one);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("description", s.description());
      entry.put("parameters", params);
      all.put(name, entry);
    }
    return all;
  }

  /** The parameters given on the command line, by the operators' parameter names. */
  private Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    put(p, "iterations", iterations);
    put(p, "eps", eps);
    put(p, "block-size", blockSize);
    put(p, "steps", steps);
    put(p, "pad", pad);
    put(p, "window", window);
    put(p, "sinks", sinks);
    put(p, "gamma", gamma);
    put(p, "causal", causal ? Boolean.TRUE : null);
    put(p, "bias", bias);
    put(p, "seed", seed);
    for (Map.Entry<String, String> e : param.entrySet()) {
      if (p.containsKey(e.getKey())) {
        throw new BadInputException("parameter '" + e.getKey() + "' is given twice (as an option and as --param)");
      }
      p.put(e.getKey(), e.getValue());
    }
    return p;
  }

  private static void put(Map<String, Object> p, String name, Object value) {
    if (value != null) {
      p.put(name, value);
    }
  }

  private static DMatrixRMaj matrix(Path file, String option) throws IOException {
    double[][] rows;
    try {
      rows = MatrixCsv.read(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(option + ": no such file: " + file);
    } catch (MatrixFormatException e) {
      throw new BadInputException(option + ": " + e.getMessage());
    }
    if (rows.length == 0) {
      throw new BadInputException(option + ": " + file + " holds no matrix (no rows)");
    }
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        if (!Double.isFinite(rows[i][j])) {
          throw new BadInputException(option + ": " + file + " line " + (i + 1) + ", column " + (j + 1)
              + ": not a finite number (" + rows[i][j] + ")");
        }
      }
    }
    return new DMatrixRMaj(rows);
  }

  private static NDArray nd(NDManager m, DMatrixRMaj x) {
    return m.create(x.data, new Shape(1, 1, x.numRows, x.numCols)).toType(DataType.FLOAT64, false);
  }

  private static DMatrixRMaj matrix(NDArray x) {
    Shape s = x.getShape();
    return new DMatrixRMaj((int) s.get(s.dimension() - 2), (int) s.getLastDimension(), true,
        x.toType(DataType.FLOAT64, false).toDoubleArray());
  }

  /** Writes {@code m} with 17 significant digits per value (round-trip exact), one row per line. */
  private static void write(Path out, DMatrixRMaj m, String option) throws IOException {
    OutputPaths.createParent(out, option);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (int i = 0; i < m.numRows; i++) {
        for (int j = 0; j < m.numCols; j++) {
          if (j > 0) {
            w.write(',');
          }
          w.write(String.format(Locale.ROOT, "%.17g", m.get(i, j)));
        }
        w.write('\n');
      }
    } catch (java.nio.file.FileSystemException e) {
      throw OutputPaths.cannotWrite(out, e);
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The registered operator names, for the help text. */
  static final class OperatorNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return AttentionOperators.names().iterator();
    }
  }
}
