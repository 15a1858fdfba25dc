// Package discord connects guildhall to Discord, on
// github.com/bwmarrin/discordgo: the same command surface as every
// platform, as application commands (one per top-level command, its
// sub-commands as options), modals for the commands that take forms,
// buttons for actions such as Confirm, and delivery of the outbox's
// messages.
//
// It takes interactions from the gateway (DISCORD_BOT_TOKEN) or, as an
// option, from Discord's HTTP interactions endpoint (Interactions,
// verified with the application's Ed25519 public key, refusing stale and
// replayed requests). Each interaction is handled once by its id, and
// answered within Discord's three seconds: deferred, then edited, when the
// work takes longer.
//
// The Sender sends with a nonce and enforce_nonce, so a message retried
// after a crash is not doubled; discordgo's own retry on 429s is off, so
// the outbox honours retry_after. Discord quarantines bots that open many
// direct messages, so direct messages go only to members who agreed
// (/profile dms=yes), opened at most one a second; a member who has not
// agreed is asked once, in a channel, and the message waits. 50007 (cannot
// message this user) and 40003 (opening direct messages too fast) are
// never retried: the message is marked and the organisers are told.
//
// A Transport sends discordgo's REST calls to another base URL, such as
// the stand-in fakediscord, through its http.Client.
package discord
