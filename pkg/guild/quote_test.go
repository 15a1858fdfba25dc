package guild_test

import (
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
)

func TestQuoteArg(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"alice", "alice"},
		{"Qualité", "Qualité"},
		{"テスト", "テスト"},
		{"0-12", "0-12"},
		{"", `""`},
		{"two words", `"two words"`},
		{"tab\there", "\"tab\there\""},
		{"line\nbreak", "\"line\nbreak\""},
		{"a=b", `"a=b"`},
		{"@bob", `"@bob"`},
		{"<@U123>", `"<@U123>"`},
		{`say "hi"`, `"say \"hi\""`},
		{`"`, `"\""`},
		{`C:\path`, `"C:\\path"`},
		{`\"`, `"\\\""`},
		{"\u201csmart\u201d", "\"\u201csmart\u201d\""},
		{"\u00abguillemets\u00bb", "\"\u00abguillemets\u00bb\""},
		{"\u201elow\u201c", "\"\u201elow\u201c\""},
	}
	for _, tt := range tests {
		if got := guild.QuoteArg(tt.in); got != tt.want {
			t.Errorf("QuoteArg(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
