package io.forecast.api.web;

import io.forecast.forecasting.service.ModelStore;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the web server listens, logs one INFO line: {@code serving N models from DIR on
 * http://HOST:PORT}. {@code forecast serve} prints the same words on stdout ({@link #line}).
 */
public final class ServingAnnouncement implements ApplicationListener<WebServerInitializedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(ServingAnnouncement.class);

  private final ModelStore store;

  public ServingAnnouncement(ModelStore store) {
    this.store = store;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getParent() != null) {
      return; // a child context (e.g. a separate management port) is not the API's server
    }
    InetAddress bound = event.getApplicationContext().getEnvironment()
        .getProperty("server.address", InetAddress.class);
    String host = bound == null ? "0.0.0.0" : bound.getHostAddress();
    LOG.info(line(store, host, event.getWebServer().getPort()));
  }

  /** {@code serving N model(s) from DIR on http://HOST:PORT}; an IPv6 host in brackets. */
  public static String line(ModelStore store, String host, int port) {
    int n = store.list().size();
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "serving " + n + (n == 1 ? " model" : " models") + " from " + store.root().toAbsolutePath()
        + " on http://" + h + ":" + port;
  }
}
