package io.forecast.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key ({@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}).
 * A known key becomes an authentication with the {@link #READ} authority, and {@link #WRITE} for a
 * write key; an unknown key is marked on the request (the 401 then says so) and the request continues
 * anonymous, so open endpoints such as health stay reachable. In open mode (no keys) credentials are
 * ignored. Stateless: nothing is kept between requests.
 */
final class ApiKeyFilter extends OncePerRequestFilter {
  /** Authority of every key. */
  static final String READ = "forecast:read";
  /** Authority of write keys. */
  static final String WRITE = "forecast:write";
  /** The header that carries a key as an alternative to {@code Authorization: Bearer}. */
  static final String API_KEY_HEADER = "X-API-Key";

  private static final List<GrantedAuthority> READER = List.of(new SimpleGrantedAuthority(READ));
  private static final List<GrantedAuthority> WRITER = List.of(new SimpleGrantedAuthority(READ),
      new SimpleGrantedAuthority(WRITE));

  private final ApiKeys keys;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  /** The key a request presents, if any: the Bearer token, else the X-API-Key header. */
  static Optional<String> presentedKey(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).strip();
      if (!token.isEmpty()) {
        return Optional.of(token);
      }
    }
    String header = request.getHeader(API_KEY_HEADER);
    if (header != null && !header.isBlank()) {
      return Optional.of(header.strip());
    }
    return Optional.empty();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!keys.isOpen()) {
      Optional<String> presented = presentedKey(request);
      if (presented.isPresent()) {
        Optional<ApiKeys.Client> client = keys.match(presented.get());
        if (client.isPresent()) {
          PreAuthenticatedAuthenticationToken authentication = new PreAuthenticatedAuthenticationToken(
              client.get(), null, client.get().write() ? WRITER : READER);
          authentication.setDetails(request.getRemoteAddr());
          SecurityContext context = contexts.createEmptyContext();
          context.setAuthentication(authentication);
          contexts.setContext(context);
        } else {
          request.setAttribute(Problems.KEY_REJECTED, Boolean.TRUE);
        }
      }
    }
    chain.doFilter(request, response);
  }
}
