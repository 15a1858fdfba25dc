package templates

// DMConsent tells a Discord member, in a channel, that messages wait for
// them until they agree to direct messages (discord_dm_consent).
type DMConsent struct {
	// User is the member's Discord id, for the mention.
	User string
}
