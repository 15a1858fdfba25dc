package event

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxChannel caps the length of a channel's name or id, in characters.
const MaxChannel = 80

// channelExample is the usage a refusal of a channel shows.
const channelExample = "#devday, or none to clear it"

// ParseChannel reads a channel as typed: "#devday" or "devday". A name is
// lower-cased, as Slack and Discord name channels, and returned without
// its "#"; "none" means no channel (""). A platform's own channel mention
// ("<#C0123|devday>") is the bot's to read: it passes the id to
// CheckChannel.
func ParseChannel(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", CheckChannel(s)
	}
	t := strings.TrimSpace(s)
	if strings.EqualFold(t, "none") {
		return "", nil
	}
	name := strings.ToLower(strings.TrimPrefix(t, "#"))
	if name == "" {
		return "", guild.FieldErrorf("channel", "Name the channel, such as %s.", channelExample)
	}
	if err := CheckChannel(name); err != nil {
		return "", err
	}
	return name, nil
}

// CheckChannel checks a channel as stored: a name without its "#" or a
// platform's channel id, 1 to MaxChannel characters with no spaces; ""
// means none.
func CheckChannel(ch string) error {
	if ch == "" {
		return nil
	}
	if !utf8.ValidString(ch) {
		return guild.FieldErrorf("channel", "The channel is not valid text (it is not UTF-8); give it such as %s.", channelExample)
	}
	if n := utf8.RuneCountInString(ch); n > MaxChannel {
		return guild.FieldErrorf("channel", "The channel %s… is %d characters long; the limit is %d. Give it such as %s.", string([]rune(ch)[:20]), n, MaxChannel, channelExample)
	}
	if strings.IndexFunc(ch, unicode.IsSpace) >= 0 {
		return guild.FieldErrorf("channel", "%q is not a channel: a channel's name has no spaces. Give it such as %s.", ch, channelExample)
	}
	if strings.IndexFunc(ch, func(r rune) bool { return unicode.IsControl(r) || strings.ContainsRune("#<>|@", r) }) >= 0 {
		return guild.FieldErrorf("channel", "%q is not a channel's name. Give it such as %s.", ch, channelExample)
	}
	return nil
}

// ChannelRef writes a stored channel for a reader: "#devday" for a name,
// and a platform's id ("C0123", or Discord's long number), which only a
// channel mention stores, as a mention ("<#C0123>") that the platform
// shows as a link to the channel. It returns "" for none.
func ChannelRef(ch string) string {
	switch {
	case ch == "":
		return ""
	case isChannelID(ch):
		return "<#" + ch + ">"
	}
	return "#" + ch
}

// isChannelID reports whether a stored channel is a platform's id rather
// than a name: names are stored lower-case, Slack's ids are upper-case and
// Discord's are snowflakes of 17 or more digits.
func isChannelID(ch string) bool {
	if strings.ToLower(ch) != ch {
		return true
	}
	if len(ch) < 17 {
		return false
	}
	for _, r := range ch {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
