/** Test support shared by the api module's HTTP tests: one client, one multipart body builder. */
package io.forecast.api.testing;
