package io.forecast.api.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The security filter chain of the REST API (stateless; no session, no CSRF token, no login form):
 *
 * <ul>
 *   <li>With API keys configured: {@code read} keys may {@code POST /api/v1/forecasts}, {@code POST
 *       /api/v1/models/{id}/evaluations}, {@code POST /api/v1/data-reports} and GET anything under {@code /api/v1}; {@code write} keys may
 *       also train ({@code POST /api/v1/models}), backtest ({@code POST /api/v1/backtests}) and delete
 *       models and jobs; every other request under
 *       {@code /api/v1} needs a write key. No or an unknown key: 401 with {@code WWW-Authenticate:
 *       Bearer}; a read key where a write key is needed: 403.
 *   <li>Without keys (open mode, development): everything is allowed, but a state-changing request a
 *       browser marks as cross-site is refused (403).
 *   <li>Training and backtest submissions are rate limited per client, from one bucket (429 with
 *       {@code Retry-After}).
 *   <li>CORS only for {@code forecast.security.cors.allowed-origins}.
 *   <li>With {@code forecast.security.all-paths} (set by {@code forecast serve}) the chain covers the
 *       whole application: actuator health and info, the OpenAPI document, Swagger UI and the dashboard's
 *       page and assets ({@code GET /}, {@code /ui/**}) stay open, every
 *       other path (e.g. {@code /actuator/prometheus}) needs a key when keys are configured.
 * </ul>
 *
 * <p>The chain bean itself comes from {@link ApiChainConfiguration} (only {@code /api/v1}, registered
 * after Spring Boot's default chains so that a host application keeps them for its other paths) or
 * {@link ServerChainConfiguration} (every path, registered before them so that they back off).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ForecastSecurityProperties.class)
public class ForecastSecurityConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(ForecastSecurityConfiguration.class);

  /** Before Spring Boot's default chains (which stay in place for a host application's other paths). */
  public static final int CHAIN_ORDER = SecurityProperties.BASIC_AUTH_ORDER - 10;

  static final String API = "/api/v1/**";

  /** The configured keys (digests only). */
  @Bean
  public ApiKeys forecastApiKeys(ForecastSecurityProperties properties) {
    ApiKeys keys = properties.apiKeys();
    if (keys.isOpen() && !properties.isAllPaths()) {
      // forecast serve says so in its start line; an application embedding the API gets a warning
      LOG.warn("forecast: no API keys configured ({} / {}): the REST API under /api/v1 is open, for development "
          + "use only", ForecastSecurityProperties.READ_KEYS, ForecastSecurityProperties.WRITE_KEYS);
    } else if (!keys.isOpen()) {
      for (String key : concat(properties.getReadKeys(), properties.getWriteKeys())) {
        if (key != null && !key.isBlank() && key.strip().length() < 16) {
          LOG.warn("forecast: an API key is shorter than 16 characters; use long random keys "
              + "(e.g. openssl rand -hex 32)");
          break;
        }
      }
    }
    return keys;
  }

  /**
   * Builds the chain; see the class comment. {@code allPaths}: the chain matches every request,
   * otherwise only {@code /api/v1/**}.
   */
  static SecurityFilterChain chain(HttpSecurity http, ForecastSecurityProperties properties, ApiKeys keys,
      boolean allPaths) throws Exception {
    PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
    if (!allPaths) {
      http.securityMatcher(path.matcher(API));
    }
    Problems problems = new Problems();
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));

    List<String> origins = properties.getCors().getAllowedOrigins().stream().filter(o -> o != null && !o.isBlank())
        .map(String::strip).toList();
    if (origins.isEmpty()) {
      http.cors(c -> c.disable());
    } else {
      CorsConfiguration cors = new CorsConfiguration();
      if (origins.contains("*")) {
        cors.addAllowedOriginPattern("*");
      } else {
        cors.setAllowedOrigins(origins);
      }
      cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
      cors.setAllowedHeaders(List.of("Authorization", ApiKeyFilter.API_KEY_HEADER, "Content-Type"));
      cors.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate"));
      cors.setAllowCredentials(false);
      cors.setMaxAge(3600L);
      UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
      source.registerCorsConfiguration("/**", cors);
      http.cors(c -> c.configurationSource(source));
    }

    // Filters are created here, not as beans, so that the servlet container does not register them a second time.
    http.addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class);
    if (keys.isOpen()) {
      // before CORS processing, so that a refused cross-site request gets a problem document
      http.addFilterBefore(new CrossSiteRequestFilter(origins), CorsFilter.class);
    }
    RequestMatcher training = new OrRequestMatcher(path.matcher(HttpMethod.POST, "/api/v1/models"),
        path.matcher(HttpMethod.POST, "/api/v1/backtests"),
        path.matcher(HttpMethod.POST, "/api/v1/attention-comparisons"));
    if (properties.getTrainingRatePerMinute() > 0) {
      http.addFilterAfter(new TrainingRateLimitFilter(training,
          new TokenBuckets(properties.getTrainingRatePerMinute(), System::nanoTime)), AuthorizationFilter.class);
    }

    http.authorizeHttpRequests(a -> {
      a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
      if (keys.isOpen()) {
        a.anyRequest().permitAll();
        return;
      }
      apiRules(a, path);
      if (allPaths) {
        a.requestMatchers(path.matcher("/error"), path.matcher("/actuator/health"),
            path.matcher("/actuator/health/**"), path.matcher("/actuator/info"), path.matcher("/v3/api-docs"),
            path.matcher("/v3/api-docs/**"), path.matcher("/v3/api-docs.yaml"), path.matcher("/swagger-ui.html"),
            path.matcher("/swagger-ui/**"),
            // the dashboard's page and static assets (no data: its calls to /api/v1 carry the key)
            path.matcher(HttpMethod.GET, "/"), path.matcher(HttpMethod.GET, "/ui/**")).permitAll();
        a.anyRequest().hasAuthority(ApiKeyFilter.READ);
      }
    });
    return http.build();
  }

  private static void apiRules(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a,
      PathPatternRequestMatcher.Builder path) {
    a.requestMatchers(path.matcher(HttpMethod.GET, API), path.matcher(HttpMethod.HEAD, API),
        path.matcher(HttpMethod.POST, "/api/v1/forecasts"),
        path.matcher(HttpMethod.POST, "/api/v1/models/*/evaluations"),
        path.matcher(HttpMethod.POST, "/api/v1/data-reports")).hasAuthority(ApiKeyFilter.READ);
    // training, backtests, attention comparisons, deleting models and jobs, and anything not listed above
    a.requestMatchers(path.matcher(API)).hasAuthority(ApiKeyFilter.WRITE);
  }

  /** A URL the firewall rejects ({@code %2F}, {@code ..}, ...) gets a 400 problem document, not a bare 400. */
  @Bean
  @ConditionalOnMissingBean(RequestRejectedHandler.class)
  @ConditionalOnProperty(prefix = "forecast.security", name = "all-paths", havingValue = "true")
  public RequestRejectedHandler forecastRequestRejectedHandler() {
    return new Problems();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
