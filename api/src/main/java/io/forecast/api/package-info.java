/** The product's entry points: the command-line application (and, later, the REST service and Spring library). */
package io.forecast.api;
