/**
 * The {@code forecast} command line (picocli). Each command prints one JSON object on stdout;
 * bad input exits with status 2 and a single {@code error: ...} line on stderr, never a stack trace.
 */
package io.forecast.api.cli;
