package io.forecast.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** The security building blocks without a server: keys, token buckets, cross-site detection, rate limit. */
class SecurityUnitTest {
  @Test
  void keysMatchByContentAndNeverShowInToString() {
    ApiKeys keys = ApiKeys.of(List.of("reader-key-aaaaaaaaaaaa", " "), List.of(" writer-key-bbbbbbbbbbbb "));
    assertThat(keys.isOpen()).isFalse();
    assertThat(keys.match("reader-key-aaaaaaaaaaaa")).hasValueSatisfying(c -> assertThat(c.write()).isFalse());
    assertThat(keys.match("writer-key-bbbbbbbbbbbb")).hasValueSatisfying(c -> assertThat(c.write()).isTrue());
    assertThat(keys.match("reader-key-aaaaaaaaaaab")).isEmpty();
    assertThat(keys.match("")).isEmpty();
    assertThat(keys.toString() + keys.describe()).doesNotContain("reader-key").doesNotContain("writer-key");
    assertThat(keys.describe()).isEqualTo("API keys required: 1 read, 1 write");
  }

  @Test
  void aKeyListedAsReadAndWriteIsAWriteKey() {
    ApiKeys keys = ApiKeys.of(List.of("both-key-cccccccccccc"), List.of("both-key-cccccccccccc"));
    assertThat(keys.match("both-key-cccccccccccc")).hasValueSatisfying(c -> assertThat(c.write()).isTrue());
    assertThat(keys.readCount()).isZero();
  }

  @Test
  void blankKeysMeanOpenMode() {
    assertThat(ApiKeys.of(List.of("", "  "), List.of()).isOpen()).isTrue();
    assertThat(new ForecastSecurityProperties().apiKeys().isOpen()).isTrue();
  }

  @Test
  void tokenBucketAllowsABurstThenRefillsEvenly() {
    AtomicLong now = new AtomicLong(0);
    TokenBuckets buckets = new TokenBuckets(6, now::get);
    for (int i = 0; i < 6; i++) {
      assertThat(buckets.tryTake("a")).isZero();
    }
    long wait = buckets.tryTake("a");
    assertThat(wait).isEqualTo(TimeUnit.SECONDS.toNanos(10));
    assertThat(buckets.tryTake("b")).as("clients have their own buckets").isZero();
    now.addAndGet(TimeUnit.SECONDS.toNanos(10));
    assertThat(buckets.tryTake("a")).isZero();
    assertThat(buckets.tryTake("a")).isPositive();
  }

  private static MockHttpServletRequest request(String method, String host, String... headers) {
    MockHttpServletRequest r = new MockHttpServletRequest(method, "/api/v1/models");
    r.addHeader("Host", host);
    for (int i = 0; i < headers.length; i += 2) {
      r.addHeader(headers[i], headers[i + 1]);
    }
    return r;
  }

  @Test
  void crossSiteDetection() {
    CrossSiteRequestFilter filter = new CrossSiteRequestFilter(List.of("https://ok.example/"));
    assertThat(filter.refusal(request("POST", "127.0.0.1:8080"))).as("no browser headers: curl, scripts").isNull();
    assertThat(filter.refusal(request("POST", "127.0.0.1:8080", "Origin", "http://127.0.0.1:8080"))).isNull();
    assertThat(filter.refusal(request("POST", "localhost", "Origin", "http://LOCALHOST:80"))).isNull();
    assertThat(filter.refusal(request("POST", "[::1]:8080", "Origin", "http://[::1]:8080"))).isNull();
    assertThat(filter.refusal(request("POST", "api.example", "Origin", "https://api.example"))).as("TLS proxy")
        .isNull();
    assertThat(filter.refusal(request("POST", "127.0.0.1:8080", "Origin", "http://127.0.0.1:8081"))).isNotNull();
    assertThat(filter.refusal(request("POST", "127.0.0.1:8080", "Origin", "null"))).isNotNull();
    assertThat(filter.refusal(request("DELETE", "127.0.0.1:8080", "Sec-Fetch-Site", "same-site"))).isNotNull();
    assertThat(filter.refusal(request("POST", "127.0.0.1:8080", "Sec-Fetch-Site", "cross-site"))).isNotNull();
    assertThat(filter.refusal(request("GET", "127.0.0.1:8080", "Sec-Fetch-Site", "cross-site"))).isNull();
    assertThat(filter.refusal(request("POST", "127.0.0.1:8080", "Origin", "https://ok.example",
        "Sec-Fetch-Site", "cross-site"))).as("an allowed CORS origin").isNull();
  }

  @Test
  void openModeRateLimitIsPerRemoteAddressAndSparesLoopback() throws Exception {
    TrainingRateLimitFilter filter = new TrainingRateLimitFilter(
        PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, "/api/v1/models"),
        new TokenBuckets(2, System::nanoTime));
    int[] statuses = new int[4];
    for (int i = 0; i < 4; i++) {
      MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/v1/models");
      r.setRemoteAddr("192.0.2.7");
      MockHttpServletResponse response = new MockHttpServletResponse();
      filter.doFilter(r, response, new MockFilterChain());
      statuses[i] = response.getStatus();
    }
    assertThat(statuses).containsExactly(200, 200, 429, 429);
    for (int i = 0; i < 4; i++) {
      MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/v1/models");
      r.setRemoteAddr(i % 2 == 0 ? "127.0.0.1" : "0:0:0:0:0:0:0:1");
      MockHttpServletResponse response = new MockHttpServletResponse();
      filter.doFilter(r, response, new MockFilterChain());
      assertThat(response.getStatus()).isEqualTo(200);
    }
    MockHttpServletRequest other = new MockHttpServletRequest("POST", "/api/v1/models");
    other.setRemoteAddr("192.0.2.8");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(other, response, new MockFilterChain());
    assertThat(response.getStatus()).as("another address has its own bucket").isEqualTo(200);
  }
}
