/** Metrics: the only package that imports Micrometer. Imports no adapter package. */
package org.recgateway.metrics;
