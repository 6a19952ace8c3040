import io.forecast.attention.diagnostics.MixingDiagnostics;
import io.forecast.attention.qontot.QontotReference;
import io.forecast.attention.qr.QrReference;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.sinkhorn.SinkhornReference;
import io.forecast.attention.softmax.SoftmaxReference;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * How diverse the mixing matrices of softmax, Sinkhorn, QR and QontOT are over inputs (the QDSFormer claim
 * "QontOT's DSMs are more diverse than Sinkhorn/QR"), on the spec's kind of fixture: S random inputs
 * Q, K ~ N(0, σ²) of N tokens × d features, one head, the float64 reference operators at their defaults.
 * Per operator: mean row entropy (nats) and its standard deviation over the inputs (entropy diversity),
 * the mean pairwise Frobenius distance between the matrices of different inputs (matrix diversity), and
 * the largest column error (doubly stochastic: ≈ 0).
 *
 * <pre>java -cp api/cli/target/forecast.jar bench/attention-diversity/Diversity.java [N] [d] [S] [sigma]</pre>
 */
public class Diversity {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    double sigma = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    Map<String, ReferenceOperator> ops = new LinkedHashMap<>();
    ops.put("softmax", new SoftmaxReference());
    ops.put("sinkhorn (3 it.)", new SinkhornReference(3, 1.0, false));
    ops.put("sinkhorn (21 it.)", new SinkhornReference(21, 1.0, false));
    ops.put("qr", new QrReference());
    ops.put("qontot (16 layers, static)", new QontotReference(16, -1, 0L));
    Random rnd = new Random(2023);
    DMatrixRMaj[][] inputs = new DMatrixRMaj[samples][];
    for (int s = 0; s < samples; s++) {
      inputs[s] = new DMatrixRMaj[] {gaussian(rnd, n, d, sigma), gaussian(rnd, n, d, sigma), gaussian(rnd, n, d, 1)};
    }
    System.out.printf(Locale.ROOT, "N = %d tokens, d = %d, %d inputs, Q, K ~ N(0, %.2f^2)%n", n, d, samples, sigma);
    System.out.println("| operator | mean row entropy | std over inputs | mean pairwise ‖A_i − A_j‖_F | max column error "
        + "| seconds |");
    System.out.println("|---|---|---|---|---|---|");
    for (Map.Entry<String, ReferenceOperator> e : ops.entrySet()) {
      long t0 = System.nanoTime();
      DMatrixRMaj[] a = new DMatrixRMaj[samples];
      double[] h = new double[samples];
      double colError = 0;
      for (int s = 0; s < samples; s++) {
        a[s] = e.getValue().apply(inputs[s][0], inputs[s][1], inputs[s][2], null).weights();
        MixingDiagnostics m = MixingDiagnostics.of(a[s]);
        h[s] = m.meanRowEntropy();
        colError = Math.max(colError, m.maxColumnError());
      }
      double mean = 0;
      for (double x : h) {
        mean += x / samples;
      }
      double var = 0;
      for (double x : h) {
        var += (x - mean) * (x - mean) / (samples - 1);
      }
      double pair = 0;
      long pairs = 0;
      for (int i = 0; i < samples; i++) {
        for (int j = i + 1; j < samples; j++) {
          double sum = 0;
          for (int k = 0; k < n * n; k++) {
            double diff = a[i].data[k] - a[j].data[k];
            sum += diff * diff;
          }
          pair += Math.sqrt(sum);
          pairs++;
        }
      }
      System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.1e | %.1f |%n", e.getKey(), mean, Math.sqrt(var),
          pair / pairs, colError, (System.nanoTime() - t0) / 1e9);
    }
    System.out.printf(Locale.ROOT, "(uniform rows: ln N = %.4f)%n", Math.log(n));
  }

  private static DMatrixRMaj gaussian(Random rnd, int rows, int cols, double sigma) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = sigma * rnd.nextGaussian();
    }
    return m;
  }
}
