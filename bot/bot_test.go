package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestHelp(t *testing.T) {
	e := newEnv(t)
	r := e.do("alice", "/help")
	contains(t, "/help", r.Text, "/help", "/profile", "/community create|list|show|join|leave|charter|stage|meet|coordinator", "Type /help COMMAND")
	r = e.do("alice", "/help community")
	contains(t, "/help community", r.Text, `/community create NAME [about="..."]`, `/community meet NAME every="CRON" [tz=Area/City]`, "/community coordinator NAME @member")
	r = e.do("alice", "/help /community Meet")
	contains(t, "/help community meet", r.Text, `every="0 12 * * TUE" is Tuesdays at noon`, "every=       When, as a cron expression (required)")
	r = e.do("alice", "/help profile")
	contains(t, "/help profile", r.Text, "/profile [department=NAME] [team=NAME] [role=NAME] [tz=Area/City]")
}

func TestEveryCommandHasHelp(t *testing.T) {
	e := newEnv(t)
	rt := e.bot.Router()
	for _, name := range rt.Names() {
		for _, c := range rt.Commands(name) {
			r := e.do("alice", "/help "+c.Path)
			contains(t, "/help "+c.Path, r.Text, c.Usage(), c.Summary)
		}
	}
}

func TestProfile(t *testing.T) {
	e := newEnv(t, "alice")
	r := e.do("alice", "/profile")
	contains(t, "empty profile", r.Text, "department:  (not set)", "You are an organiser.", "/profile department=NAME")
	r = e.do("alice", `/profile department="Group Finance" team=Ledger tz=Europe/Berlin`)
	contains(t, "updated", r.Text, "Profile saved", "department:  Group Finance", "team:        Ledger", "Europe/Berlin")
	r = e.do("alice", "/profile role=analyst")
	contains(t, "partial update keeps the rest", r.Text, "department:  Group Finance", "role:        analyst")
}

func TestForms(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	msg := bot.Message{From: console.Identity("alice"), Text: "/community create", Forms: true}
	r := e.bot.Handle(ctx, msg)
	if r.Form == nil || r.Refused {
		t.Fatalf("bare /community create on a platform with forms: got %+v, want a form", r)
	}
	if got, want := r.Form.Command, "community create"; got != want {
		t.Errorf("form command = %q, want %q", got, want)
	}
	if len(r.Form.Fields) != 2 || r.Form.Fields[0].Key != "NAME" || !r.Form.Fields[0].Required || r.Form.Fields[1].Key != "about" || !r.Form.Fields[1].Multiline {
		t.Errorf("form fields = %+v, want NAME (required) and about (multiline)", r.Form.Fields)
	}

	// Without forms, the same line is refused with its usage.
	msg.Forms = false
	if r := e.bot.Handle(ctx, msg); !r.Refused || r.Form != nil {
		t.Errorf("bare /community create on the console: got %+v, want a refusal without a form", r)
	}

	// A submission that fails keeps every value and blames the field.
	about := "A long description that must not be lost"
	values := map[string]string{"NAME": strings.Repeat("x", 81), "about": about}
	r = e.bot.Submit(ctx, msg, "community create", values)
	if !r.Refused || r.Form == nil {
		t.Fatalf("invalid submission: got %+v, want a refusal with the form", r)
	}
	if r.Form.Fields[0].Value != values["NAME"] || r.Form.Fields[1].Value != about {
		t.Errorf("form values after a refusal = %q, %q; want what was typed", r.Form.Fields[0].Value, r.Form.Fields[1].Value)
	}
	if !strings.Contains(r.Form.Fields[0].Error, "limit is 80") {
		t.Errorf("NAME field error = %q, want the length limit", r.Form.Fields[0].Error)
	}

	// A refusal from the store also comes back on the form.
	e.do("bob", "/community create Testers")
	r = e.bot.Submit(ctx, msg, "community create", map[string]string{"NAME": "testers", "about": about})
	if !r.Refused || r.Form == nil || r.Form.Error == "" || r.Form.Fields[1].Value != about {
		t.Errorf("duplicate submission: got %+v, want a refusal with the form, a form error and the values kept", r.Form)
	}

	r = e.bot.Submit(ctx, msg, "community create", map[string]string{"NAME": "Architects", "about": about})
	if r.Refused {
		t.Fatalf("valid submission refused: %s", r.Text)
	}
	contains(t, "created from a form", e.do("alice", "/community show Architects").Text, about)

	// Charter forms take partial values; user fields take platform ids.
	e.do("carol", "/community join Architects")
	r = e.bot.Submit(ctx, msg, "community coordinator", map[string]string{"NAME": "Architects", "@member": "carol"})
	if r.Refused {
		t.Fatalf("hand-over form refused: %s", r.Text)
	}
	if r := e.bot.Submit(ctx, msg, "no such", nil); !r.Refused {
		t.Errorf("unknown form: got %+v, want a refusal", r)
	}
}

// failingUsers is a UserService whose store is down.
type failingUsers struct{ guild.UserService }

func (failingUsers) Resolve(ctx context.Context, u *guild.User) (*guild.User, error) {
	return nil, errors.New("disk I/O error: secret path /var/lib/x")
}

func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	e := newEnv(t)
	b := bot.New(bot.Services{Users: failingUsers{}, Communities: nil}, e.bot.Now, e.bot.Log)
	r := b.Handle(context.Background(), bot.Message{From: console.Identity("alice"), Text: "/community list"})
	if !r.Refused || r.Code != guild.EINTERNAL {
		t.Fatalf("got %+v, want an internal refusal", r)
	}
	contains(t, "reply", r.Text, "Something went wrong on my side and nothing was changed", "reference")
	lacks(t, "reply", r.Text, "disk I/O", "/var/lib")
	ref := r.Text[strings.Index(r.Text, "reference ")+len("reference ") : strings.Index(r.Text, "reference ")+len("reference ")+8]
	contains(t, "log", e.log.String(), "disk I/O error", ref)
}

func TestPanicsBecomeRefusals(t *testing.T) {
	e := newEnv(t)
	e.bot.Router().Register(&bot.Command{Path: "boom", Summary: "panics", Run: func(ctx context.Context, r *bot.Request) (*bot.Response, error) {
		panic("kaboom")
	}})
	r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity("alice"), Text: "/boom"})
	if !r.Refused || r.Code != guild.EINTERNAL {
		t.Fatalf("got %+v, want an internal refusal", r)
	}
	contains(t, "log", e.log.String(), "kaboom")
	e.do("alice", "/community list") // the bot carries on
}

func TestEditDistanceSuggestions(t *testing.T) {
	e := newEnv(t)
	for line, want := range map[string]string{
		"/comminuty list":      "Did you mean /community?",
		"/community lsit":      "Did you mean /community list?",
		"/community sh Foo":    "Did you mean /community show?",
		"/community meet X ev": "",
	} {
		r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity("a"), Text: line})
		if want != "" && !strings.Contains(r.Text, want) {
			t.Errorf("%s:\n%s\nwant %q", line, r.Text, want)
		}
	}
	r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity("a"), Text: "/xyzzy"})
	lacks(t, "far from everything", r.Text, "Did you mean")
}
