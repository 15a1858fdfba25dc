package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
)

// FuzzParse checks that Parse never panics, that every failure is an
// EINVALID error with a message, and that a parsed line printed back with
// guild.QuoteArg parses to the same words and options. The seed corpus
// (f.Add below and testdata/fuzz/FuzzParse) runs with every go test.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"/help",
		`/community create "Test Automation" about="We test things"`,
		`/community meet T every="0 12 * * TUE" tz=Europe/Paris`,
		"/community create T about=“curly”",
		`/community create T about="esc \" \\ x"`,
		`/community coordinator T <@U0123|alex> @bob`,
		`/community create T about="open`,
		`/x a=1 a=2`,
		"/x \xff\xfe",
		`/x "" = == "=" k="v"w`,
		"/x «a b» „c d“",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := bot.Parse(s)
		if err != nil {
			if guild.ErrorCode(err) != guild.EINVALID || guild.ErrorMessage(err) == "" {
				t.Fatalf("Parse(%q) error %v: want an EINVALID error with a message", s, err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("Parse(%q) accepted invalid UTF-8", s)
		}
		if l.Name == "" {
			t.Fatalf("Parse(%q) gave an empty name", s)
		}
		// Print the line back and parse it again.
		parts := []string{"/" + l.Name}
		for _, w := range l.Words {
			if w.Mention != nil {
				parts = append(parts, w.Text)
			} else {
				parts = append(parts, guild.QuoteArg(w.Text))
			}
		}
		for _, k := range l.Keys {
			parts = append(parts, k+"="+guild.QuoteArg(l.Options[k]))
		}
		again := strings.Join(parts, " ")
		l2, err := bot.Parse(again)
		if err != nil {
			if strings.Contains(guild.ErrorMessage(err), "limit") {
				return // quoting made a line at the limit longer
			}
			t.Fatalf("Parse(%q) ok, but its reprint %q failed: %v", s, again, err)
		}
		if l2.Name != l.Name || len(l2.Words) != len(l.Words) || len(l2.Keys) != len(l.Keys) {
			t.Fatalf("reprint of %q is %q, which parses differently: %+v vs %+v", s, again, l2, l)
		}
		for i := range l.Words {
			if l.Words[i].Text != l2.Words[i].Text || (l.Words[i].Mention == nil) != (l2.Words[i].Mention == nil) {
				t.Fatalf("reprint of %q: word %d is %q, want %q", s, i, l2.Words[i].Text, l.Words[i].Text)
			}
		}
		for _, k := range l.Keys {
			if l2.Options[k] != l.Options[k] {
				t.Fatalf("reprint of %q: %s=%q, want %q", s, k, l2.Options[k], l.Options[k])
			}
		}
	})
}
