package bot_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestCommunityLife(t *testing.T) {
	e := newEnv(t, "olga")
	r := e.do("alice", `/community create "Test Automation" about="People who automate tests"`)
	contains(t, "create", r.Text, "Created the community Test Automation", "coordinator", `/community charter "Test Automation"`)

	r = e.do("bob", "/community join test automation")
	contains(t, "join", r.Text, "Welcome to Test Automation", "2 members", "@alice coordinates")
	if len(r.Notices) != 1 || r.Notices[0].To.User == nil || r.Notices[0].To.User.Name != "alice" {
		t.Fatalf("join notices = %+v, want one direct message to alice", r.Notices)
	}
	contains(t, "join notice", r.Notices[0].Text, "@bob joined Test Automation")

	e.do("alice", `/community charter "Test Automation" why="Share what works" who="Anyone who writes tests" vision="Fast feedback" goals="a shared fixture library; a flaky-test clinic" principles="kind; practical"`)
	r = e.do("alice", `/community charter "Test Automation" goals="a shared fixture library; a flaky-test clinic; pairing sessions"`)
	contains(t, "charter again", r.Text, "[ ] pairing sessions")
	lacks(t, "charter again", r.Text, "[ ] a shared fixture library")

	e.do("alice", `/community meet "Test Automation" every="0 12 * * TUE" tz=Europe/Paris`)
	e.do("alice", `/community stage "Test Automation" forming reason="charter written"`)
	e.do("bob", "/profile role=tester department=Payments tz=America/New_York")
	e.do("carol", "/profile role=Tester department=Risk")
	e.do("carol", `/community join "test automation"`)

	r = e.do("bob", `/community show "Test Automation"`)
	contains(t, "show", r.Text,
		"Test Automation · forming stage · 3 members · coordinator @alice",
		"Why:        Share what works",
		"- practical",
		"[ ] pairing sessions",
		"Next, in your time zone (America/New_York):",
		"Tue 24 Nov 2026, 06:00 EST", "Tue 1 Dec 2026, 06:00 EST", "Tue 8 Dec 2026, 06:00 EST",
		"Who else does what you do (tester):", "@carol · Risk",
		"created (potential) by @alice",
		"potential → forming by @alice: charter written",
	)
	lacks(t, "show to a member", r.Text, "Join: /community join")
	if strings.Count(r.Text, "2026, 06:00 EST") != 3 {
		t.Errorf("show lists %d meetings, want 3:\n%s", strings.Count(r.Text, "06:00 EST"), r.Text)
	}

	// Refused changes say why and change nothing.
	e.refuse("bob", `/community stage "Test Automation" maturing`, "Only its coordinator @alice or an organiser may change the stage of Test Automation")
	e.refuse("bob", `/community charter "Test Automation" why="mine now"`, "may change the charter")
	e.refuse("bob", `/community meet "Test Automation" every=@daily`, "may set the meeting cadence")
	r = e.do("bob", `/community show "Test Automation"`)
	contains(t, "show after refusals", r.Text, "forming stage", "Share what works", "0 12 * * TUE")

	// An organiser may; the coordinator hears about it.
	r = e.do("olga", `/community stage "Test Automation" maturing reason="backlog under way"`)
	if len(r.Notices) != 1 || r.Notices[0].To.User.Name != "alice" {
		t.Errorf("organiser's stage change notices = %+v, want one to alice", r.Notices)
	}

	e.refuse("alice", `/community leave "Test Automation"`, "hand it over first", `/community coordinator "Test Automation" @member`)
	r = e.do("alice", `/community coordinator "Test Automation" @bob`)
	contains(t, "hand over", r.Text, "@bob now coordinates Test Automation, taking over from @alice")
	if len(r.Notices) != 1 || r.Notices[0].To.User.Name != "bob" {
		t.Errorf("hand-over notices = %+v, want one to bob", r.Notices)
	}
	e.do("alice", `/community leave "Test Automation"`)
	e.refuse("alice", `/community leave "Test Automation"`, "not a member")

	r = e.do("dave", "/community list")
	contains(t, "list", r.Text, "1 community:", "Test Automation · maturing · 2 members · coordinator @bob")
	r = e.do("dave", `/community show "Test Automation"`)
	contains(t, "show to a stranger", r.Text, `Join: /community join "Test Automation"`, "Set your role to see who else")
}

func TestBadInput(t *testing.T) {
	e := newEnv(t)
	e.do("alice", "/community create Testers")
	long := strings.Repeat("é", 81)
	tests := []struct {
		line  string
		wants []string
	}{
		{"/comunity list", []string{"I don't know the command /comunity. Did you mean /community?", "You typed: /comunity list"}},
		{"/hlep", []string{"Did you mean /help?"}},
		{"/community creat Testers", []string{"/community has no \"creat\". Did you mean /community create?", "/community create NAME [about=\"...\"]"}},
		{"/community", []string{"/community needs one of: create, list, show", "/community join NAME"}},
		{"/community create", []string{"/community create needs NAME.", "Usage: /community create NAME [about=\"...\"]", "You typed: /community create"}},
		{"/community create Testers colour=red", []string{"doesn't take colour=", "It takes about="}},
		{"/community create Testers abut=x", []string{"Did you mean about=?"}},
		{"/community stage Test Automation forming", []string{`I didn't expect "forming" there`, "put the name in quotes"}},
		{`/community create "Testers about=x`, []string{"never closed", `You typed: /community create "Testers about=x`}},
		{"/community create " + long, []string{"NAME is 81 characters long; the limit is 80."}},
		{"/community create New about=" + strings.Repeat("x", 2001), []string{"about is 2001 characters long; the limit is 2000."}},
		{`/community meet Testers every="61 * * * *"`, []string{"is not a cron expression I can read", "0 12 * * TUE"}},
		{`/community meet Testers every="0 12 * * TUE" tz=Mars/Olympus`, []string{`"Mars/Olympus" is not a time zone I know`}},
		{`/community meet Testers every="@every 1h"`, []string{"calendar times"}},
		{`/community meet Testers`, []string{`/community meet needs every="CRON".`}},
		{"/community stage Testers adolescent", []string{`"adolescent" is not a stage. The stages are: potential, forming, maturing, self-sustaining, transformation, ended.`}},
		{"/community stage Testers potential", []string{"Testers is already in the potential stage."}},
		{"/community show Nope", []string{`There is no community called "Nope"`}},
		{"/community create testers", []string{"A community called Testers already exists"}},
		{"/community join Testers", []string{"You are already a member of Testers."}},
		{"/community coordinator Testers bob", []string{"must mention someone"}},
		{"/community coordinator Testers @nobody", []string{"I don't know anyone called @nobody"}},
		{"/community show @Testers", []string{"is a name, not a mention"}},
		{"/profile tz=Europe/Nowhere", []string{"not a time zone I know"}},
		{"/profile department=" + long, []string{"department is 81 characters long"}},
		{"/community charter Testers", []string{"needs at least one of why=, who=, vision=, goals=, principles="}},
		{"/help nope", []string{"There is no /nope command."}},
		{"/help community crate", []string{"Did you mean /help community create?"}},
		{"/profile extra", []string{"/profile takes no word like \"extra\""}},
		{"/community list x=1", []string{"/community list doesn't take x=. It takes page=."}},
		{"/community list page=0", []string{"page= takes a page number such as page=2"}},
		{"/community list page=two", []string{"page= takes a page number"}},
		{"/community list page=9", []string{"There is only 1 page."}},
		{"/help x=1", []string{"/help takes no key=value options, so x= is unknown."}},
	}
	for _, tt := range tests {
		e.refuse("alice", tt.line, tt.wants...)
	}
	r := e.do("alice", "/community show Testers")
	contains(t, "after every refusal", r.Text, "Testers · potential stage · 1 member")
	lacks(t, "after every refusal", r.Text, "Cadence:")
}

func TestUnicodeNames(t *testing.T) {
	e := newEnv(t)
	e.do("Zoë", `/community create "Qualité & Tests" about="Des testeurs"`)
	e.do("ひろし", `/community join "qualité & tests"`)
	e.do("ひろし", `/profile department=開発 role=テスター`)
	r := e.do("ひろし", `/community show "QUALITÉ & TESTS"`)
	contains(t, "show", r.Text, "Qualité & Tests · potential stage · 2 members · coordinator @Zoë", "@ひろし · テスター, 開発")
	e.do("Zoë", `/community create テスト`)
	r = e.do("Zoë", "/community list")
	contains(t, "list", r.Text, "テスト", "Qualité & Tests")
}

func TestCurlyQuotesFromPhones(t *testing.T) {
	e := newEnv(t)
	r := e.do("alice", "/community create “Mobile Testing” about=“From a phone”")
	contains(t, "create", r.Text, "Created the community Mobile Testing")
}

func TestCadenceWarnsYoungCommunities(t *testing.T) {
	e := newEnv(t)
	e.do("alice", "/community create Testers")
	r := e.do("alice", `/community meet Testers every="0 12 1 * *"`)
	contains(t, "monthly", r.Text, "less often than weekly")
	r = e.do("alice", `/community meet Testers every=@weekly`)
	lacks(t, "weekly", r.Text, "less often than weekly")
	r = e.do("alice", "/community meet Testers every=off")
	contains(t, "off", r.Text, "no longer has a regular meeting")
}

func TestCadenceDefaultsToCoordinatorsZone(t *testing.T) {
	e := newEnv(t)
	e.do("alice", "/profile tz=Asia/Tokyo")
	e.do("alice", "/community create Testers")
	r := e.do("alice", `/community meet Testers every="0 9 * * WED"`)
	contains(t, "meet", r.Text, "in Asia/Tokyo", "Wed 25 Nov 2026, 09:00 JST")
}

func TestCommunityListPagesAndSearch(t *testing.T) {
	e := newEnv(t)
	for i := range 23 {
		e.do("alice", fmt.Sprintf(`/community create "Guild %02d" about="%s"`, i, strings.Repeat("long about text ", 20)))
	}
	e.do("bob", "/community join Guild 05")
	r := e.do("bob", "/community list")
	contains(t, "page 1", r.Text, "23 communities, page 1 of 3:", "Guild 00", "Guild 05 · potential · 2 members · coordinator @alice · you're a member", "Next page: /community list page=2", "long about text long…")
	lacks(t, "page 1", r.Text, "Guild 10")
	r = e.do("bob", "/community list page=3")
	contains(t, "page 3", r.Text, "23 communities, page 3 of 3:", "Guild 22")
	lacks(t, "page 3", r.Text, "Next page", "Guild 19")
	r = e.do("bob", "/community list guild 1")
	contains(t, "search", r.Text, `10 communities match "guild 1":`, "Guild 10", "Guild 19")
	lacks(t, "search", r.Text, "Guild 09", "Guild 20", "Next page")
	r = e.do("bob", "/community list nothing like it")
	contains(t, "no match", r.Text, `No community's name contains "nothing like it".`)
	for _, page := range []string{"page=1", "page=2", "page=3"} {
		if n := len(e.do("bob", "/community list "+page).Text); n > 2000 {
			t.Errorf("/community list %s is %d characters; Discord takes 2,000", page, n)
		}
	}
}
