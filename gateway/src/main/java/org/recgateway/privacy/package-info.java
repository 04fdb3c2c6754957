/**
 * The privacy officer's side (GDPR art. 15, 17, 18): legal holds, erasure and subject access by
 * phone number or recording id. Core logic over the recording store, the one audio deletion place
 * and the audit trail; imports no adapter ({@code agi}, {@code ami}, {@code http}, {@code store},
 * {@code cli}) and no framework. Numbers appear in audit details only as keyed pseudonyms.
 */
package org.recgateway.privacy;
