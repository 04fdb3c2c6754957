/**
 * The AMI adapter: watches channels and MixMonitor so recordings are filed when calls end.
 * asterisk-java's manager types stay inside this package. Never imports another adapter.
 */
package org.recgateway.ami;
