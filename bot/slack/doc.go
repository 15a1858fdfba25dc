// Package slack is guildhall's Slack adapter, on github.com/slack-go/slack:
// Socket Mode and the HTTP Events API, slash commands, modals, App Home,
// and delivery of the outbox with each message's idempotency key carried
// in Slack message metadata.
package slack
