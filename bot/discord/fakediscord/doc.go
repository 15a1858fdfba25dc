// Package fakediscord is a stand-in of Discord for tests and offline demos,
// reached over real HTTP and a real websocket, as discordgo reaches Discord.
//
// A Server answers the REST routes guildhall uses under /api/v9/ (and
// /api/v10/): the gateway's address, users, bulk overwrite of application
// commands, interaction callbacks, follow-ups and edits of the original
// response, DM channels, channel messages (with nonce deduplication under
// enforce_nonce), edits, and guild members in pages. It answers as Discord
// does, in Discord's shapes, with its error bodies ({"code":N,"message":..})
// and statuses, and its rate limits: per-route token buckets and a global
// one, the X-RateLimit-* headers on every response, and 429s with
// Retry-After and retry_after. It also plays the two refusals a bot sending
// direct messages meets: a user whose DMs are closed (50007) and opening DMs
// too fast (40003).
//
// Its gateway websocket says HELLO, takes IDENTIFY and answers READY and
// GUILD_CREATE, acknowledges heartbeats, resumes a dropped session and
// replays what it missed, and dispatches interactions built by SlashCommand,
// Press and ModalSubmit. A Signer signs interactions with Ed25519 and POSTs
// them to a bot's HTTP endpoint, as Discord does in its HTTP mode.
//
// Every call is recorded; Wait methods block on a signal, never a sleep.
// Rate limits and the 3-second window of an interaction run on
// Options.Now, so a test can move time rather than wait for it.
package fakediscord
