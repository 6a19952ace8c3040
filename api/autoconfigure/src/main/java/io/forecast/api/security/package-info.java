/**
 * Security of the REST service (Spring Security, stateless): API keys with {@code read} and
 * {@code write} permissions ({@link io.forecast.api.security.ApiKeys}, compared in constant time),
 * open development mode when no key is configured, refusal of cross-site state-changing requests in
 * open mode, CORS off unless origins are configured, a per-client rate limit on training
 * submissions, and RFC 7807 problem documents for 401, 403 and 429. Configured by {@link
 * io.forecast.api.security.ForecastSecurityProperties} ({@code forecast.security.*}) and registered by
 * {@code io.forecast.api.autoconfigure.ForecastSecurityAutoConfiguration}.
 */
package io.forecast.api.security;
