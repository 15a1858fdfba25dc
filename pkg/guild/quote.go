package guild

import (
	"strings"
	"unicode"
)

func isQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// QuoteArg returns v as it would be typed on a command line: bare when that
// parses back to v, otherwise in double quotes with \ escapes.
func QuoteArg(v string) string {
	if v != "" && !strings.ContainsFunc(v, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\\' || r == '=' || r == '@' || r == '<' || isQuote(r)
	}) {
		return v
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}
