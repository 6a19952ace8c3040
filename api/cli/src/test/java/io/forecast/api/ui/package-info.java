/**
 * End-to-end tests of the dashboard in headless Chromium against a real {@code forecast serve}
 * process on a random loopback port ({@link io.forecast.api.ui.ServeProcess}, {@link
 * io.forecast.api.ui.Browser}); screenshots of failed steps go to {@code target/browser-screenshots/}.
 */
package io.forecast.api.ui;
