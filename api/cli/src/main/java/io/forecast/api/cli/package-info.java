/**
 * The {@code forecast} command line (picocli). Each batch command prints one JSON object on stdout;
 * bad input exits with status 2 and a single {@code error: ...} line on stderr, never a stack trace.
 * Only {@code serve} starts Spring (and blocks until stopped); every other command runs without a
 * Spring context or web server. {@code bench http} load-tests a running server on loopback.
 */
package io.forecast.api.cli;
