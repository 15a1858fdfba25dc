// Package bot is guildhall's platform-neutral chat bot: it parses the
// command surface, routes commands to handlers, renders replies from the
// templates package and translates errors for the user.
//
// Platforms plug in as adapters (see Adapter); what an adapter can do beyond
// receiving messages and replying (open forms, send direct messages, edit a
// message) it declares by implementing the optional capability interfaces,
// in the style of go-joe/joe. The package imports no platform SDK.
package bot
