package io.forecast.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits training, backtest and attention-comparison submissions ({@code POST /api/v1/models}, {@code POST
 * /api/v1/backtests}, {@code POST /api/v1/attention-comparisons}: all queue work for the one training thread) per client with a {@link TokenBuckets
 * token bucket}: a client is its API key, or in open mode its remote address (loopback clients, the
 * developer's own machine, are not limited in open mode). Runs after authorization, so refused
 * requests take no token; over the limit the answer is 429 with {@code Retry-After} in seconds.
 */
final class TrainingRateLimitFilter extends OncePerRequestFilter {
  private final RequestMatcher trainingSubmission;
  private final TokenBuckets buckets;

  TrainingRateLimitFilter(RequestMatcher trainingSubmission, TokenBuckets buckets) {
    this.trainingSubmission = trainingSubmission;
    this.buckets = buckets;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (trainingSubmission.matches(request)) {
      String client = client(request);
      if (client != null) {
        long waitNanos = buckets.tryTake(client);
        if (waitNanos > 0) {
          long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
          response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
          Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too many training submissions: at most "
              + buckets.perMinute() + " per minute per client (forecast.security.training-rate-per-minute); "
              + "retry in " + seconds + " s");
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }

  /** The bucket name of the request's client, or null for a client that is not limited. */
  private static String client(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext()
        .getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof ApiKeys.Client key) {
      return "key:" + key.name();
    }
    String address = request.getRemoteAddr();
    return isLoopback(address) ? null : "address:" + address;
  }

  private static boolean isLoopback(String address) {
    if (address == null) {
      return false;
    }
    try {
      // a literal address (what getRemoteAddr returns) is parsed, never looked up
      return (Character.digit(address.charAt(0), 16) >= 0 || address.indexOf(':') >= 0)
          && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
