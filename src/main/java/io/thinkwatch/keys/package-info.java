/**
 * Capture keys: the signed key format, the console's keys and signer with the topic they are announced on, and
 * the book every capture instance keeps of signers and revocations (decision 0022).
 */
package io.thinkwatch.keys;
