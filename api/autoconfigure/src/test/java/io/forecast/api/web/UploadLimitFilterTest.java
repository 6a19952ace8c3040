package io.forecast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Multipart uploads beyond the limit are refused at once; others pass; JSON is never counted. */
class UploadLimitFilterTest {

  private static MockHttpServletRequest upload() {
    MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/v1/forecasts");
    r.setContentType("multipart/form-data; boundary=x");
    return r;
  }

  @Test
  void aSecondUploadWhileOneIsProcessedGets503() throws Exception {
    UploadLimitFilter filter = new UploadLimitFilter(1, new ObjectMapper());
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> first = pool.submit(() -> {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(upload(), response, (req, res) -> {
          inside.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        return response.getStatus();
      });
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      MockHttpServletResponse refused = new MockHttpServletResponse();
      filter.doFilter(upload(), refused, (req, res) -> { throw new AssertionError("must not pass"); });
      assertThat(refused.getStatus()).isEqualTo(503);
      assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
      assertThat(refused.getContentType()).isEqualTo("application/problem+json");
      assertThat(refused.getContentAsString()).contains("1 uploads are already being processed");

      MockHttpServletRequest json = new MockHttpServletRequest("POST", "/api/v1/forecasts");
      json.setContentType("application/json");
      MockHttpServletResponse jsonResponse = new MockHttpServletResponse();
      filter.doFilter(json, jsonResponse, (req, res) -> { });
      assertThat(jsonResponse.getStatus()).as("JSON bodies are not uploads").isEqualTo(200);

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      MockHttpServletResponse later = new MockHttpServletResponse();
      filter.doFilter(upload(), later, (req, res) -> { });
      assertThat(later.getStatus()).isEqualTo(200);
      assertThat(filter.inProgress()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
