// Package fakeslack is a stand-in of Slack for tests and offline demos,
// reached over real HTTP and websockets.
//
// It is built on slack-go's slacktest server, whose defaults it keeps
// (auth.test, bots.info, conversations.info), and extends it with what
// guildhall uses: the Web API methods the bot calls (apps.connections.open,
// users.info, users.list, conversations.open, chat.postMessage with message
// metadata, chat.update, conversations.history, views.open, views.update,
// views.publish), a Socket Mode websocket that says hello, sends envelopes
// and pings and records acks, a Signer that POSTs signed events, commands
// and interactions to the bot's HTTP endpoint, rate limits like Slack's (a
// channel takes about one message a second, the workspace a budget, and
// the rest get 429 with Retry-After), fault injection (errors, slow
// responses, a dropped websocket) and a record of every call.
package fakeslack
