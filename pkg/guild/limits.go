package guild

import (
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Caps on what users may type, counted in characters (runes).
const (
	MaxName = 80   // names: communities, departments, teams, events
	MaxText = 2000 // free text: about, charter fields, abstracts, comments
)

// CheckName validates a name-like value: at most MaxName characters, no
// control characters, and not blank when required.
func CheckName(field, v string, required bool) error {
	return checkText(field, v, MaxName, required)
}

// CheckText validates free text: at most MaxText characters and no control
// characters other than newlines and tabs.
func CheckText(field, v string, required bool) error {
	return checkText(field, v, MaxText, required)
}

func checkText(field, v string, max int, required bool) error {
	if !utf8.ValidString(v) {
		return FieldErrorf(field, "%s is not valid text (it is not UTF-8).", field)
	}
	if required && strings.TrimSpace(v) == "" {
		return FieldErrorf(field, "%s must not be empty.", field)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return FieldErrorf(field, "%s is %d characters long; the limit is %d.", field, n, max)
	}
	multiline := max > MaxName
	for _, r := range v {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t' || r == '\r')) {
			return FieldErrorf(field, "%s contains a control character (%U); please remove it.", field, r)
		}
	}
	return nil
}

// locations caches loaded time zones: time.LoadLocation reads and parses
// zoneinfo on every call. Only zones that loaded are cached, so bad input
// cannot grow it beyond the zone database.
var locations sync.Map // name → *time.Location

// LoadLocation loads an IANA time zone for a field, with a user-facing error.
func LoadLocation(field, name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "UTC") {
		return time.UTC, nil
	}
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	// time.LoadLocation accepts "Local" and paths like "../x"; users may not.
	if name == "Local" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") {
		return nil, FieldErrorf(field, "%q is not a time zone; use an Area/City name such as Europe/London.", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, FieldErrorf(field, "%q is not a time zone I know; use an Area/City name such as Europe/London or America/New_York.", name)
	}
	locations.Store(name, loc)
	return loc, nil
}

// NameKey returns the form of a name used to compare names: trimmed, inner
// runs of spaces collapsed, and lower-cased.
func NameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
