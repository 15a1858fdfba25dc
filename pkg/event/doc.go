// Package event holds internal tech conferences: the day, its rooms and the
// people who keep it running (stage manager, timekeeper, scribes, …). It
// imports no storage, SDK or bot code.
package event
