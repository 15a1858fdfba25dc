package bot_test

import (
	"context"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
)

// acceptedTalk opens DevDay, has ann submit a first talk and olga accept
// it and tell her, so its milestones start.
func acceptedTalk(t *testing.T) *env {
	t.Helper()
	e := openDevDay(t, "ann", "sam")
	e.do("ann", `/cfp submit DevDay title="Testing in production" format=talk abstract="How." first=yes`)
	e.do("olga", "/cfp decide 1 accept")
	e.do("olga", "/cfp notify DevDay")
	return e
}

func TestMentorCommands(t *testing.T) {
	e := acceptedTalk(t)
	r := e.do("olga", "/mentor status DevDay")
	contains(t, "/mentor status before a mentor", r.Text, "⚠ 1 talk by a first-time speaker has no mentor yet", "Mentor: none ⚠ first-time speaker",
		"outline", "deck", "dryrun", "final")
	e.refuse("ann", "/mentor assign 1 @sam", "Only organisers assign mentors")
	e.refuse("olga", "/mentor assign 1 @ann", "@ann speaks in #1 and cannot mentor it")
	e.refuse("olga", "/mentor assign 9 @sam", "#9")
	r = e.do("olga", "/mentor assign #1 @sam")
	contains(t, "/mentor assign", r.Text, "@sam now mentors #1", "A first-time speaker")
	e.refuse("olga", "/mentor assign 1 @sam", "@sam already mentors #1")
	lacks(t, "/mentor status with a mentor", e.do("olga", "/mentor status DevDay").Text, "⚠")
	contains(t, "/mentor status as the speaker", e.do("ann", "/mentor status DevDay").Text, "#1 \"Testing in production\"")
	e.refuse("bob", "/mentor status DevDay", "You neither speak at nor mentor a talk at DevDay")

	tests := []struct {
		user, line string
		wants      []string
	}{
		{"ann", "/mentor done 1 slidez", []string{`"slidez" is not a milestone`, "outline, deck, dryrun or final"}},
		{"ann", "/mentor done 1 deck minutes=20", []string{"minutes= is how long the dry run took"}},
		{"ann", "/mentor done 1 dryrun minutes=0", []string{"between 1 and 600"}},
		{"ann", "/mentor done 1 dryrun minutes=twenty", []string{"not a whole number of minutes"}},
		{"bob", "/mentor done 1 deck", []string{"Only the speakers of #1, its mentor and organisers"}},
		{"olga", "/mentor offsets DevDay deck=2 dryrun=3", []string{"must come after the deck"}},
		{"ann", "/mentor offsets DevDay deck=9", []string{"Only organisers"}},
	}
	for _, tt := range tests {
		e.refuse(tt.user, tt.line, tt.wants...)
	}

	contains(t, "/mentor done deck", e.do("ann", "/mentor done 1 slides").Text, "The slide deck of #1", "is done", "Next: the outline")
	contains(t, "/mentor done dryrun over", e.do("sam", "/mentor done 1 dry-run minutes=40").Text,
		"40 minutes for a 30-minute slot: 10 minutes over", "needs trimming by about 13 minutes")
	contains(t, "/mentor done dryrun again", e.do("ann", "/mentor done 1 dryrun minutes=25").Text, "it fits, with time left for questions")
	e.refuse("ann", "/mentor done 1 deck", "was marked done already")
	contains(t, "/mentor offsets", e.do("olga", "/mentor offsets DevDay outline=20 final=2").Text,
		"outline  20 days before the event", "final    2 days before", "Milestones not yet done have moved")
	contains(t, "/mentor offsets shown", e.do("ann", "/mentor status DevDay").Text, "✓ deck", "✓ dryrun")
}

// A talk in a community's standing call has no event day, so no mentor.
func TestMentorStandingCall(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", "/community create Testers")
	e.do("olga", `/cfp open community=Testers formats="talk:30"`)
	e.do("ann", "/profile department=QA")
	e.do("ann", "/community join Testers")
	e.do("ann", `/cfp submit Testers title="Mutation testing" format=talk abstract="How."`)
	e.do("olga", "/cfp decide 1 accept")
	e.do("sam", "/profile")
	e.refuse("olga", "/mentor assign 1 @sam", "standing call", "mentors are for talks at an event")
	e.refuse("ann", "/mentor done 1 deck", "standing call")
}

// A message delivered twice under one platform id is handled once.
func TestInboxHandlesARedeliveryOnce(t *testing.T) {
	e := newEnv(t, "olga")
	m := bot.Message{ID: "Ev01", From: console.Identity("ann"), Text: "/community create Testers"}
	first := e.bot.Handle(context.Background(), m)
	if first.Refused || first.Duplicate {
		t.Fatalf("first delivery = %+v, want handled", first)
	}
	again := e.bot.Handle(context.Background(), m)
	if !again.Duplicate || again.Text != "" {
		t.Errorf("redelivery = %+v, want a silent duplicate", again)
	}
	other := e.bot.Handle(context.Background(), bot.Message{ID: "Ev02", From: console.Identity("ann"), Text: "/community create Testers"})
	if !other.Refused {
		t.Errorf("a new event with the same text = %+v, want it handled (and refused: the community exists)", other)
	}
	if r := e.bot.Submit(context.Background(), m, "community create", map[string]string{"NAME": "Other"}); !r.Duplicate {
		t.Errorf("a form carrying a handled id = %+v, want a duplicate", r)
	}
}

func TestCommunityMeetRemind(t *testing.T) {
	e := newEnv(t)
	e.do("ann", "/community create Testers")
	contains(t, "weekly default", e.do("ann", `/community meet Testers every="0 12 * * TUE" tz=Europe/London`).Text,
		"Members are reminded 1 day before each meeting")
	contains(t, "daily default", e.do("ann", `/community meet Testers every="30 9 * * 1-5"`).Text,
		"Members are reminded 2 hours before each meeting")
	contains(t, "remind=90m", e.do("ann", `/community meet Testers every="0 12 * * TUE" remind=90m`).Text,
		"Members are reminded 90 minutes before each meeting")
	contains(t, "remind=off", e.do("ann", `/community meet Testers every="0 12 * * TUE" remind=off`).Text,
		"Members are not reminded of meetings")
	e.refuse("ann", `/community meet Testers every="30 9 * * 1-5" remind=2d`, "as long as the 1 day between meetings")
	e.refuse("ann", `/community meet Testers every="0 12 * * TUE" remind=soon`, "remind=soon is not a length of time")
	e.refuse("ann", `/community meet Testers every="0 12 1 * *" remind=8d`, "more than a week")
}
