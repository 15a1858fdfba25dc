package cfp

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxFormats caps how many formats a call offers.
const MaxFormats = 12

// Format is a kind of session a call offers and its length.
type Format struct {
	Name    string `json:"name"`
	Minutes int    `json:"minutes"`
}

// ParseFormats parses a list such as "lightning:5, talk:30, workshop:90".
func ParseFormats(s string) ([]Format, error) {
	var out []Format
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, mins, ok := strings.Cut(part, ":")
		name = strings.ToLower(strings.Join(strings.Fields(name), "-"))
		if !ok {
			return nil, guild.FieldErrorf("formats", "Format %q has no length; write it as name:minutes, such as %s:30.", part, name)
		}
		if name == "" || utf8.RuneCountInString(name) > 30 {
			return nil, guild.FieldErrorf("formats", "Each format needs a short name (at most 30 characters) before its length, as in talk:30.")
		}
		if err := guild.CheckName("formats", name, true); err != nil {
			return nil, err
		}
		m, err := strconv.Atoi(strings.TrimSpace(mins))
		if err != nil || m < 1 || m > 8*60 {
			return nil, guild.FieldErrorf("formats", "Format %s needs a length in minutes between 1 and 480, not %q.", name, strings.TrimSpace(mins))
		}
		if seen[name] {
			return nil, guild.FieldErrorf("formats", "Format %s is named twice.", name)
		}
		seen[name] = true
		out = append(out, Format{Name: name, Minutes: m})
	}
	if len(out) == 0 {
		return nil, guild.FieldErrorf("formats", `Name at least one format with its length, such as formats="lightning:5, talk:30, workshop:90".`)
	}
	if len(out) > MaxFormats {
		return nil, guild.FieldErrorf("formats", "That is %d formats; a call may offer at most %d.", len(out), MaxFormats)
	}
	return out, nil
}

// FormatList writes formats as "lightning (5 min), talk (30 min)".
func FormatList(fs []Format) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Name + " (" + strconv.Itoa(f.Minutes) + " min)"
	}
	return strings.Join(parts, ", ")
}
