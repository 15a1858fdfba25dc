// Package guild holds the vocabulary every other guildhall package shares:
// who a user is, the one coded error type whose message is safe to show to a
// user, the limits on what users may type, and the injected clock.
//
// It imports nothing but the standard library, so that every domain package,
// the store and the bot can depend on it without cycles.
package guild
