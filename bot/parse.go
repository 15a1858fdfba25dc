package bot

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxLine caps the length of one command line, in characters.
const MaxLine = 20000

// Line is a parsed command line.
type Line struct {
	// Name is the command, lower-cased, without its slash: "community".
	Name string
	// Words are the positional words after the name, in order: the
	// sub-command, the subject, mentions and any quoted words.
	Words []Word
	// Options are the key=value pairs, keys lower-cased.
	Options map[string]string
	// Keys lists the option keys in the order typed.
	Keys []string
	// Raw is the line as typed.
	Raw string
}

// Word is one positional word.
type Word struct {
	Text string
	// Quoted is true when the word was typed in quotes: a quoted word is
	// never taken for a sub-command or a mention.
	Quoted bool
	// Mention is set when the word mentions a user.
	Mention *Mention
}

// Mention is a reference to a user: "@name" as typed on the console, or a
// platform's own form, "<@U0123|name>" on Slack, "<@80123>" on Discord.
type Mention struct {
	// ID is the platform id when the platform gave one.
	ID string
	// Name is the name typed or given with the id.
	Name string
}

// String returns the mention as a person would type it.
func (m Mention) String() string {
	if m.Name != "" {
		return "@" + m.Name
	}
	return "@" + m.ID
}

var (
	keyPattern      = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	platformMention = regexp.MustCompile(`^<@!?([A-Za-z0-9]+)(?:\|([^>]*))?>$`)
	channelMention  = regexp.MustCompile(`^<#([A-Za-z0-9]+)(?:\|([^>]*))?>$`)
)

// parseChannelMention returns the channel id of a platform's channel
// mention, "<#C0123|devday>" on Slack or "<#80123>" on Discord, and
// whether s is one.
func parseChannelMention(s string) (string, bool) {
	if m := channelMention.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		return m[1], true
	}
	return "", false
}

// ParseError says what is wrong with a line and where.
type ParseError struct {
	// Pos is the 1-based character position of the problem.
	Pos int
	Msg string
}

// Error implements error.
func (e *ParseError) Error() string { return fmt.Sprintf("character %d: %s", e.Pos, e.Msg) }

func parseErr(pos int, format string, args ...any) error {
	return &guild.Error{Code: guild.EINVALID, Message: (&ParseError{Pos: pos, Msg: fmt.Sprintf(format, args...)}).Error()}
}

// closing maps each opening quote to the quotes that may close it. Phones
// and chat clients turn straight quotes into curly ones, so both work.
var closing = map[rune]string{
	'"':      `"`,
	'\u201c': "\u201d\u201c\"", // “ … ” (some keyboards close with “ or ")
	'\u201e': "\u201c\u201d\"", // „ … “ (German)
	'\u00ab': "\u00bb",         // « … »
}

// Parse parses one command line: "/cmd sub SUBJECT key=value
// key="quoted value" @mention". The slash is optional. Values may be quoted
// with straight or curly double quotes; inside quotes \" is a quote and \\
// a backslash. A key given twice, an unclosed quote or an over-long line is
// an EINVALID error saying where.
func Parse(s string) (*Line, error) {
	if !utf8.ValidString(s) {
		return nil, guild.Errorf(guild.EINVALID, "The command is not valid text (it is not UTF-8).")
	}
	if n := utf8.RuneCountInString(s); n > MaxLine {
		return nil, guild.Errorf(guild.EINVALID, "The command is %d characters long; the limit is %d.", n, MaxLine)
	}
	l := &Line{Options: map[string]string{}, Raw: s}
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, guild.Errorf(guild.EINVALID, "The command is empty. Type /help to see what I can do.")
	}
	first := toks[0]
	if first.quoted || first.key != "" {
		return nil, parseErr(first.pos, "a command starts with its name, such as /help")
	}
	l.Name = strings.ToLower(strings.TrimPrefix(first.text, "/"))
	if l.Name == "" {
		return nil, parseErr(first.pos, "a command needs a name after the slash, such as /help")
	}
	for _, t := range toks[1:] {
		if t.key != "" {
			k := strings.ToLower(t.key)
			if _, dup := l.Options[k]; dup {
				return nil, parseErr(t.pos, "%s= is given twice; give it once", k)
			}
			l.Options[k] = t.text
			l.Keys = append(l.Keys, k)
			continue
		}
		w := Word{Text: t.text, Quoted: t.quoted}
		if !t.quoted {
			w.Mention = parseMention(t.text)
		}
		l.Words = append(l.Words, w)
	}
	return l, nil
}

func parseMention(s string) *Mention {
	if m := platformMention.FindStringSubmatch(s); m != nil {
		return &Mention{ID: m[1], Name: m[2]}
	}
	if len(s) > 1 && s[0] == '@' {
		return &Mention{Name: s[1:]}
	}
	return nil
}

type token struct {
	key    string // set for key=value
	text   string
	quoted bool
	pos    int
}

// tokenize splits s at unquoted white space. A token is a bare word, a
// quoted word, or key=value where the value is bare or quoted.
func tokenize(s string) ([]token, error) {
	rs := []rune(s)
	var toks []token
	i := 0
	for {
		for i < len(rs) && unicode.IsSpace(rs[i]) {
			i++
		}
		if i >= len(rs) {
			return toks, nil
		}
		t := token{pos: i + 1}
		// key=… when the word starts with a key followed by "=".
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '=' && closing[rs[j]] == "" {
			j++
		}
		if j < len(rs) && rs[j] == '=' && keyPattern.MatchString(string(rs[i:j])) {
			t.key = string(rs[i:j])
			i = j + 1
		}
		var b strings.Builder
		for i < len(rs) && !unicode.IsSpace(rs[i]) {
			c := rs[i]
			closers := closing[c]
			if closers == "" {
				b.WriteRune(c)
				i++
				continue
			}
			// A quoted stretch, which may hold spaces.
			open := i
			t.quoted = true
			i++
			closed := false
			for i < len(rs) {
				c := rs[i]
				if c == '\\' && i+1 < len(rs) && (rs[i+1] == '\\' || strings.ContainsRune(closers, rs[i+1])) {
					b.WriteRune(rs[i+1])
					i += 2
					continue
				}
				if strings.ContainsRune(closers, c) {
					closed = true
					i++
					break
				}
				b.WriteRune(c)
				i++
			}
			if !closed {
				return nil, parseErr(open+1, "the quote %c opened here is never closed; close it, or put a \\ before a quote inside the value", rs[open])
			}
		}
		t.text = b.String()
		toks = append(toks, t)
	}
}
