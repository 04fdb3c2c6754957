/**
 * Whether the gateway can do its work now ({@code /health/ready}): each check names its reason.
 * Imports java.* and the prompt library only; the composition root supplies the checks that need
 * the store or AMI as plain functions.
 */
package org.recgateway.health;
