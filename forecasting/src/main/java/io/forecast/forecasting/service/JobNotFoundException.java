package io.forecast.forecasting.service;

/** No training job with the given id is known (never submitted, or forgotten after completion). */
public final class JobNotFoundException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public JobNotFoundException(String jobId) {
    super("no training job '" + jobId + "'");
  }

  private JobNotFoundException(String message, boolean unused) {
    super(message);
  }

  /**
   * No backtest job with the given id.
   *
   * @param kind the kind of the job that has the id, or {@code null} when none has
   */
  public static JobNotFoundException notABacktest(String jobId, String kind) {
    return notOfKind(jobId, kind, JobStatus.BACKTEST);
  }

  /**
   * No job of kind {@code wanted} with the given id.
   *
   * @param kind the kind of the job that has the id, or {@code null} when none has
   */
  public static JobNotFoundException notOfKind(String jobId, String kind, String wanted) {
    return new JobNotFoundException(kind == null ? "no " + wanted + " job '" + jobId + "'"
        : "job '" + jobId + "' is a " + kind + " job, not a" + (wanted.matches("[aeiou].*") ? "n " : " ") + wanted,
        true);
  }
}
