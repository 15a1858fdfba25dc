package cfp_test

import (
	"math"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

func user(id int64, name string) *guild.User {
	return &guild.User{ID: id, Platform: guild.PlatformConsole, PlatformID: strings.ToLower(name), Name: name}
}

// speakers returns one Speaker per user, the first the lead.
func speakers(us ...*guild.User) []*cfp.Speaker {
	out := make([]*cfp.Speaker, len(us))
	for i, u := range us {
		out[i] = &cfp.Speaker{User: u, Lead: i == 0}
	}
	return out
}

func validSubmission() *cfp.Submission {
	return &cfp.Submission{
		Title:    "Testing in production, safely",
		Abstract: "What we learnt.\n\nAnd what we would do again.",
		Format:   cfp.Format{Name: "talk", Minutes: 30},
		Speakers: speakers(user(1, "alice"), user(2, "bob")),
	}
}

func TestSubmissionValidate(t *testing.T) {
	alice, bob := user(1, "alice"), user(2, "bob")
	many := func(n int) []*guild.User {
		us := make([]*guild.User, n)
		for i := range us {
			us[i] = user(int64(i+1), "u"+strings.Repeat("x", i))
		}
		return us
	}
	tests := []struct {
		name      string
		edit      func(s *cfp.Submission)
		wantField string // "" when valid
		wantMsg   string // the exact message, when set
	}{
		{"valid", func(s *cfp.Submission) {}, "", ""},
		{"lead alone", func(s *cfp.Submission) { s.Speakers = speakers(alice) }, "", ""},
		{"no speakers yet", func(s *cfp.Submission) { s.Speakers = nil }, "", ""},
		{"120-character title", func(s *cfp.Submission) { s.Title = strings.Repeat("a", 120) }, "", ""},
		{"121-character title", func(s *cfp.Submission) { s.Title = strings.Repeat("a", 121) }, "title", "title is 121 characters long; the limit is 120."},
		{"120 two-byte characters", func(s *cfp.Submission) { s.Title = strings.Repeat("é", 120) }, "", ""},
		{"121 two-byte characters", func(s *cfp.Submission) { s.Title = strings.Repeat("é", 121) }, "title", "title is 121 characters long; the limit is 120."},
		{"120 three-byte characters", func(s *cfp.Submission) { s.Title = strings.Repeat("テ", 120) }, "", ""},
		{"120 emoji", func(s *cfp.Submission) { s.Title = strings.Repeat("🎉", 120) }, "", ""},
		{"121 emoji", func(s *cfp.Submission) { s.Title = strings.Repeat("🎉", 121) }, "title", "title is 121 characters long; the limit is 120."},
		{"2001-character title", func(s *cfp.Submission) { s.Title = strings.Repeat("a", 2001) }, "title", "title is 2001 characters long; the limit is 120."},
		{"empty title", func(s *cfp.Submission) { s.Title = "" }, "title", ""},
		{"blank title", func(s *cfp.Submission) { s.Title = "  " }, "title", ""},
		{"newline in title", func(s *cfp.Submission) { s.Title = "Two\nlines" }, "title", "A title is one line."},
		{"CRLF in title", func(s *cfp.Submission) { s.Title = "Two\r\nlines" }, "title", "A title is one line."},
		{"carriage return in title", func(s *cfp.Submission) { s.Title = "Two\rlines" }, "title", "A title is one line."},
		{"trailing newline in title", func(s *cfp.Submission) { s.Title = "Title\n" }, "title", "A title is one line."},
		{"NUL in title", func(s *cfp.Submission) { s.Title = "Ti\x00tle" }, "title", ""},
		{"invalid UTF-8 title", func(s *cfp.Submission) { s.Title = "caf\xe9" }, "title", ""},
		{"empty abstract", func(s *cfp.Submission) { s.Abstract = "" }, "abstract", ""},
		{"blank abstract", func(s *cfp.Submission) { s.Abstract = "\n \t\n" }, "abstract", ""},
		{"2000-character abstract", func(s *cfp.Submission) { s.Abstract = strings.Repeat("a", 2000) }, "", ""},
		{"2000 multibyte abstract", func(s *cfp.Submission) { s.Abstract = strings.Repeat("é", 2000) }, "", ""},
		{"2001-character abstract", func(s *cfp.Submission) { s.Abstract = strings.Repeat("a", 2001) }, "abstract", "abstract is 2001 characters long; the limit is 2000."},
		{"escape in abstract", func(s *cfp.Submission) { s.Abstract = "\x1b[31mred" }, "abstract", ""},
		{"4 co-speakers", func(s *cfp.Submission) { s.Speakers = speakers(many(5)...) }, "", ""},
		{"5 co-speakers", func(s *cfp.Submission) { s.Speakers = speakers(many(6)...) }, "cospeakers", "A talk may have at most 4 co-speakers."},
		{"lead named again", func(s *cfp.Submission) { s.Speakers = speakers(alice, bob, alice) }, "cospeakers", "@alice is named twice among the speakers."},
		{"co-speaker named twice", func(s *cfp.Submission) { s.Speakers = speakers(alice, bob, bob) }, "cospeakers", "@bob is named twice among the speakers."},
		{"same user in two values", func(s *cfp.Submission) { s.Speakers = speakers(alice, user(1, "Alice")) }, "cospeakers", "@Alice is named twice among the speakers."},
		{"five tags", func(s *cfp.Submission) { s.Tags = []string{"a", "b", "c", "d", "e"} }, "", ""},
		{"six tags", func(s *cfp.Submission) { s.Tags = []string{"a", "b", "c", "d", "e", "f"} }, "tags", `That is 6 tags; a talk has at most 5, such as tags="go, testing".`},
		{"upper-case tag", func(s *cfp.Submission) { s.Tags = []string{"Go"} }, "tags", `"Go" is not a tag; give tags such as tags="go, testing".`},
		{"tag with a space", func(s *cfp.Submission) { s.Tags = []string{"unit testing"} }, "tags", ""},
		{"tag with a comma", func(s *cfp.Submission) { s.Tags = []string{"go,ci"} }, "tags", ""},
		{"empty tag", func(s *cfp.Submission) { s.Tags = []string{""} }, "tags", ""},
		{"tag twice", func(s *cfp.Submission) { s.Tags = []string{"go", "go"} }, "tags", ""},
		{"31-character tag", func(s *cfp.Submission) { s.Tags = []string{strings.Repeat("a", 31)} }, "tags", ""},
		{"tag named none", func(s *cfp.Submission) { s.Tags = []string{"none", "go"} }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSubmission()
			tt.edit(s)
			err := s.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error on %s", tt.wantField)
			}
			if code := guild.ErrorCode(err); code != guild.EINVALID {
				t.Errorf("Validate() code = %q, want %q", code, guild.EINVALID)
			}
			if field := guild.ErrorField(err); field != tt.wantField {
				t.Errorf("Validate() field = %q (%v), want %q", field, err, tt.wantField)
			}
			if msg := guild.ErrorMessage(err); tt.wantMsg != "" && msg != tt.wantMsg {
				t.Errorf("Validate() message = %q, want %q", msg, tt.wantMsg)
			}
		})
	}
}

func TestParseID(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"12", 12},
		{"#12", 12},
		{" #7 ", 7},
		{"1", 1},
		{"#9223372036854775807", math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := cfp.ParseID(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseID(%q) = %d, %v, want %d, nil", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", " ", "#", "##12", "0", "#0", "-3", "#-3", "abc", "#abc", "12a", "1.5", "1e3", "0x10", "9223372036854775808", "twelve"} {
		got, err := cfp.ParseID(in)
		if err == nil {
			t.Errorf("ParseID(%q) = %d, want an error", in, got)
			continue
		}
		if got != 0 {
			t.Errorf("ParseID(%q) = %d with an error, want 0", in, got)
		}
		if code := guild.ErrorCode(err); code != guild.EINVALID {
			t.Errorf("ParseID(%q) code = %q, want %q", in, code, guild.EINVALID)
		}
		if field := guild.ErrorField(err); field != "ID" {
			t.Errorf("ParseID(%q) field = %q, want %q", in, field, "ID")
		}
		msg := guild.ErrorMessage(err)
		for _, want := range []string{"is not a submission number", "#12", "/cfp mine"} {
			if !strings.Contains(msg, want) {
				t.Errorf("ParseID(%q) message = %q, want it to contain %q", in, msg, want)
			}
		}
	}
}

func TestRefParsesBack(t *testing.T) {
	for _, id := range []int64{1, 12, 40961} {
		s := &cfp.Submission{ID: id}
		got, err := cfp.ParseID(s.Ref())
		if err != nil || got != id {
			t.Errorf("ParseID(%q) = %d, %v, want %d, nil", s.Ref(), got, err, id)
		}
	}
	if got := (&cfp.Submission{ID: 12}).Ref(); got != "#12" {
		t.Errorf("Ref() = %q, want %q", got, "#12")
	}
}

func TestMean(t *testing.T) {
	tests := []struct {
		reviews, sum int
		want         float64
	}{
		{0, 0, 0},
		{0, 7, 0}, // no reviews: never divide by zero
		{1, 4, 4},
		{2, 9, 4.5},
		{3, 11, 11.0 / 3},
		{4, 20, 5},
	}
	for _, tt := range tests {
		s := &cfp.Submission{Reviews: tt.reviews, ScoreSum: tt.sum}
		if got := s.Mean(); got != tt.want {
			t.Errorf("Mean() with %d reviews summing %d = %v, want %v", tt.reviews, tt.sum, got, tt.want)
		}
	}
}

func TestHasSpeakerAndLead(t *testing.T) {
	alice, bob, carol := user(1, "alice"), user(2, "bob"), user(3, "carol")
	s := &cfp.Submission{Speakers: speakers(alice, bob)}
	tests := []struct {
		u    *guild.User
		want bool
	}{
		{alice, true},
		{bob, true},
		{carol, false},
		{user(2, "renamed bob"), true}, // matched by id, not by pointer or name
		{nil, false},
	}
	for _, tt := range tests {
		if got := s.HasSpeaker(tt.u); got != tt.want {
			t.Errorf("HasSpeaker(%v) = %v, want %v", tt.u, got, tt.want)
		}
	}
	if got := s.Lead(); got != alice {
		t.Errorf("Lead() = %v, want %v", got, alice)
	}

	anon := &cfp.Submission{Anonymous: true}
	if got := anon.Lead(); got != nil {
		t.Errorf("Lead() with no speakers = %v, want nil", got)
	}
	if anon.HasSpeaker(alice) {
		t.Errorf("HasSpeaker(alice) with no speakers = true, want false")
	}
	if anon.HasSpeaker(nil) {
		t.Errorf("HasSpeaker(nil) with no speakers = true, want false")
	}
}

func TestUpdateEmpty(t *testing.T) {
	title, yes := "x", true
	cos := []*guild.User{}
	tests := []struct {
		name string
		u    cfp.Update
		want bool
	}{
		{"zero", cfp.Update{}, true},
		{"title", cfp.Update{Title: &title}, false},
		{"abstract", cfp.Update{Abstract: &title}, false},
		{"format", cfp.Update{Format: &title}, false},
		{"first time", cfp.Update{FirstTime: &yes}, false},
		{"co-speakers cleared", cfp.Update{CoSpeakers: &cos}, false},
		{"tags cleared", cfp.Update{Tags: &[]string{}}, false},
	}
	for _, tt := range tests {
		if got := tt.u.Empty(); got != tt.want {
			t.Errorf("%s: Empty() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
