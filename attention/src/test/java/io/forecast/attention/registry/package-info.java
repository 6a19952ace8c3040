/** Tests over every registered operator. */
package io.forecast.attention.registry;
