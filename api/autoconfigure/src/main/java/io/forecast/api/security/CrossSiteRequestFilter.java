package io.forecast.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In open mode (no API keys), refuses a state-changing request (anything but GET, HEAD, OPTIONS,
 * TRACE) that a browser marks as coming from another site: {@code Sec-Fetch-Site: cross-site} or
 * {@code same-site}, or an {@code Origin} whose host and port differ from the request's {@code Host}.
 * A page on some web site therefore cannot train, overwrite or delete models on a developer's local
 * server through a simple form or fetch POST. Origins listed in {@code
 * forecast.security.cors.allowed-origins} are let through. Only headers are read, never the body.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {
  static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final Set<String> allowedOrigins;
  private final boolean anyOrigin;

  CrossSiteRequestFilter(Collection<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins.stream().map(CrossSiteRequestFilter::normalizeOrigin)
        .collect(Collectors.toUnmodifiableSet());
    this.anyOrigin = this.allowedOrigins.contains("*");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal = refusal(request);
    if (refusal != null) {
      Problems.write(request, response, HttpStatus.FORBIDDEN, refusal);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Why the request is refused, or null when it may proceed. */
  String refusal(HttpServletRequest request) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (SAFE_METHODS.contains(method)) {
      return null;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && (anyOrigin || allowedOrigins.contains(normalizeOrigin(origin)))) {
      return null;
    }
    String site = request.getHeader(SEC_FETCH_SITE);
    boolean crossSite = site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"));
    if (crossSite || (origin != null && !sameOrigin(origin, request))) {
      return "cross-site " + method + " refused: this server runs without API keys (open mode, development use) "
          + "and accepts state-changing requests only from its own origin; configure API keys, or list the "
          + "page's origin in forecast.security.cors.allowed-origins";
    }
    return null;
  }

  private static String normalizeOrigin(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  /** Whether the Origin header names the host and port the request was sent to. */
  static boolean sameOrigin(String origin, HttpServletRequest request) {
    URI uri;
    try {
      uri = URI.create(origin.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    String scheme = uri.getScheme();
    String originHost = uri.getHost();
    if (scheme == null || originHost == null) {
      return false; // "null" (sandboxed frames, file:) or garbage
    }
    int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : 80;
    int originPort = uri.getPort() >= 0 ? uri.getPort() : defaultPort;

    String host = request.getHeader(HttpHeaders.HOST);
    String requestHost;
    int requestPort;
    if (host == null || host.isBlank()) {
      requestHost = request.getServerName();
      requestPort = request.getServerPort();
    } else {
      host = host.strip();
      int portSep = host.lastIndexOf(':');
      int bracket = host.lastIndexOf(']');
      if (portSep > bracket && portSep >= 0) {
        requestHost = host.substring(0, portSep);
        try {
          requestPort = Integer.parseInt(host.substring(portSep + 1));
        } catch (NumberFormatException e) {
          return false;
        }
      } else {
        requestHost = host;
        requestPort = defaultPort; // no port in Host: the scheme's default (also behind a TLS proxy)
      }
    }
    return stripBrackets(originHost).equalsIgnoreCase(stripBrackets(requestHost)) && originPort == requestPort;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
