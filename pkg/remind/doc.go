// Package remind delivers what guildhall must send, exactly once.
//
// Every message is first written to the outbox, in the same transaction as
// the change that causes it, under a unique idempotency key. A Runner
// claims due rows under a lease (so two runners never send the same row),
// hands each to the adapter of its platform (a Sender), and records the
// outcome: sent; retried later with exponential backoff; deferred when a
// platform asks to slow down (a 429 with Retry-After never counts as a
// failed attempt); or dead after too many attempts, and the organisers
// told. A row found in flight after a crash is checked with the adapter
// (a Checker) before it is sent again.
//
// Reminders, one-shot or recurring (a cron expression in a time zone),
// put messages in the outbox when they fall due. After downtime a missed
// reminder fires once, marked late, and the next occurrence is computed
// from now: never a burst of every missed occurrence.
package remind
