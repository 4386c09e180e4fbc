/**
 * Redaction: detectors that find secrets and personal data in recorded text and replace them with a typed marker
 * before a trace leaves capture; pure matching code (RE2/J, linear time), no HTTP and no Quarkus.
 */
package io.thinkwatch.redaction;
