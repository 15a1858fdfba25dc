package bot_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestParse(t *testing.T) {
	type want struct {
		name  string
		words []string
		opts  map[string]string
	}
	tests := []struct {
		in   string
		want want
	}{
		{"/help", want{"help", nil, map[string]string{}}},
		{"help", want{"help", nil, map[string]string{}}},
		{"/HELP Community", want{"help", []string{"Community"}, map[string]string{}}},
		{"  /community   create   Testers  ", want{"community", []string{"create", "Testers"}, map[string]string{}}},
		{`/community create "Test Automation" about="We test things"`,
			want{"community", []string{"create", "Test Automation"}, map[string]string{"about": "We test things"}}},
		{`/community create Testers About=x`, want{"community", []string{"create", "Testers"}, map[string]string{"about": "x"}}},
		{`/community meet T every="0 12 * * TUE" tz=Europe/Paris`,
			want{"community", []string{"meet", "T"}, map[string]string{"every": "0 12 * * TUE", "tz": "Europe/Paris"}}},
		{"/community create T about=“curly quotes”", want{"community", []string{"create", "T"}, map[string]string{"about": "curly quotes"}}},
		{"/community create T about=„German“", want{"community", []string{"create", "T"}, map[string]string{"about": "German"}}},
		{"/community create T about=«guillemets»", want{"community", []string{"create", "T"}, map[string]string{"about": "guillemets"}}},
		{`/community create T about="say \"hi\" \\ there"`, want{"community", []string{"create", "T"}, map[string]string{"about": `say "hi" \ there`}}},
		{`/community create T about=C:\path`, want{"community", []string{"create", "T"}, map[string]string{"about": `C:\path`}}},
		{`/community create T about=`, want{"community", []string{"create", "T"}, map[string]string{"about": ""}}},
		{`/community create T about=""`, want{"community", []string{"create", "T"}, map[string]string{"about": ""}}},
		{`/community create "a=b"`, want{"community", []string{"create", "a=b"}, map[string]string{}}},
		{`/community create =x`, want{"community", []string{"create", "=x"}, map[string]string{}}},
		{`/cfp available 12 "09:00-12:00"`, want{"cfp", []string{"available", "12", "09:00-12:00"}, map[string]string{}}},
		{"/community create Qualité about=日本語のテキスト", want{"community", []string{"create", "Qualité"}, map[string]string{"about": "日本語のテキスト"}}},
		{"/community\tcreate\nT", want{"community", []string{"create", "T"}, map[string]string{}}},
		{`/x "multi word"tail`, want{"x", []string{"multi wordtail"}, map[string]string{}}},
		{`/community charter T goals="a; b" why='single'`, want{"community", []string{"charter", "T"}, map[string]string{"goals": "a; b", "why": "'single'"}}},
	}
	for _, tt := range tests {
		l, err := bot.Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): unexpected error %v", tt.in, err)
			continue
		}
		var words []string
		for _, w := range l.Words {
			words = append(words, w.Text)
		}
		got := want{l.Name, words, l.Options}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if l.Raw != tt.in {
			t.Errorf("Parse(%q).Raw = %q, want the input", tt.in, l.Raw)
		}
	}
}

func TestParseKeysKeepOrder(t *testing.T) {
	l, err := bot.Parse(`/c s why=1 who=2 vision=3`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(l.Keys, ","), "why,who,vision"; got != want {
		t.Errorf("Keys = %s, want %s", got, want)
	}
}

func TestParseMentions(t *testing.T) {
	tests := []struct {
		in     string
		id     string
		name   string
		quoted bool
	}{
		{"@alex", "", "alex", false},
		{"<@U0123ABC>", "U0123ABC", "", false},
		{"<@U0123ABC|alex>", "U0123ABC", "alex", false},
		{"<@!80351110224678912>", "80351110224678912", "", false},
		{"<@80351110224678912>", "80351110224678912", "", false},
	}
	for _, tt := range tests {
		l, err := bot.Parse("/community coordinator T " + tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		w := l.Words[2]
		if w.Mention == nil {
			t.Errorf("Parse(%q): no mention", tt.in)
			continue
		}
		if w.Mention.ID != tt.id || w.Mention.Name != tt.name {
			t.Errorf("Parse(%q) mention = {%q %q}, want {%q %q}", tt.in, w.Mention.ID, w.Mention.Name, tt.id, tt.name)
		}
	}
	l, err := bot.Parse(`/community create "@notamention"`)
	if err != nil {
		t.Fatal(err)
	}
	if l.Words[1].Mention != nil || !l.Words[1].Quoted {
		t.Errorf("a quoted @word: got mention %v quoted %v, want no mention and quoted", l.Words[1].Mention, l.Words[1].Quoted)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		message string // a part of the message the user sees
	}{
		{"", "empty"},
		{"   ", "empty"},
		{"/", "needs a name"},
		{`"/quoted"`, "starts with its name"},
		{`about=x`, "starts with its name"},
		{`/community create T about="never closed`, "character 27: the quote \" opened here is never closed"},
		{"/community create T about=“never closed", "never closed"},
		{`/community create T about=x about=y`, "about= is given twice"},
		{`/community create T about=x ABOUT=y`, "about= is given twice"},
		{"/community create \xff", "not valid text"},
		{"/x " + strings.Repeat("a", bot.MaxLine), "the limit is 20000"},
	}
	for _, tt := range tests {
		_, err := bot.Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%.40q): no error, want one containing %q", tt.in, tt.message)
			continue
		}
		if guild.ErrorCode(err) != guild.EINVALID {
			t.Errorf("Parse(%.40q) code = %s, want %s", tt.in, guild.ErrorCode(err), guild.EINVALID)
		}
		if msg := guild.ErrorMessage(err); !strings.Contains(msg, tt.message) {
			t.Errorf("Parse(%.40q) message = %q, want it to contain %q", tt.in, msg, tt.message)
		}
	}
}
