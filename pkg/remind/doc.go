// Package remind holds what guildhall must send: the outbox of messages,
// each written in the same transaction as the change that causes it and
// delivered once, under a unique idempotency key.
package remind
