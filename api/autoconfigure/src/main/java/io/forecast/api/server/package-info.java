/**
 * The Spring Boot application behind {@code forecast serve}: auto-configuration only, server
 * defaults from {@code io/forecast/api/forecast-server.properties}.
 */
package io.forecast.api.server;
