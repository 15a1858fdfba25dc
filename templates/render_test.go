package templates_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the golden files must not depend on the host's zone database

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is the fixed "current time" of every case: a Tuesday at noon UTC.
var now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func loadLocation(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time.LoadLocation(%q): %v", name, err)
	}
	return loc
}

func parseCadence(t testing.TB, spec, tz string) community.Cadence {
	t.Helper()
	c, err := community.ParseCadence(spec, tz)
	if err != nil {
		t.Fatalf("community.ParseCadence(%q, %q): %v", spec, tz, err)
	}
	return c
}

// fixture holds the people and communities the cases share. Each call
// builds fresh values so that cases cannot affect one another.
type fixture struct {
	alice, bob, chloe, dan, erin, finn, gus, org *guild.User
	qa                                           *community.Community
}

func newFixture() *fixture {
	f := &fixture{
		alice: &guild.User{ID: 1, Platform: guild.PlatformConsole, PlatformID: "alice", Name: "alice",
			Department: "Engineering", Team: "Payments", Role: "tester", TZ: "Europe/London", CreatedAt: now},
		bob: &guild.User{ID: 2, Platform: guild.PlatformConsole, PlatformID: "bob", Name: "bob",
			Department: "Engineering", Role: "tester", TZ: "America/New_York", CreatedAt: now},
		chloe: &guild.User{ID: 3, Platform: guild.PlatformConsole, PlatformID: "chloé", Name: "chloé",
			Department: "Qualité", Team: "Équipe Lyon", Role: "tester", CreatedAt: now},
		dan: &guild.User{ID: 4, Platform: guild.PlatformConsole, PlatformID: "dan", Name: "dan", CreatedAt: now},
		erin: &guild.User{ID: 5, Platform: guild.PlatformConsole, PlatformID: "erin", Name: "erin",
			Department: "Product", Role: "business analyst", CreatedAt: now},
		// finn has a role and a team but no department; gus only a team.
		finn: &guild.User{ID: 7, Platform: guild.PlatformConsole, PlatformID: "finn", Name: "finn",
			Team: "Mobile", Role: "tester", CreatedAt: now},
		gus: &guild.User{ID: 8, Platform: guild.PlatformConsole, PlatformID: "gus", Name: "gus",
			Team: "Platform", CreatedAt: now},
		org: &guild.User{ID: 6, Platform: guild.PlatformConsole, PlatformID: "olga", Name: "olga",
			Department: "People", Organiser: true, CreatedAt: now},
	}
	f.qa = &community.Community{
		ID:          7,
		Name:        "Qualité & Tests",
		About:       "Testers and anyone who cares about quality, across every team.",
		Coordinator: f.alice,
		Stage:       community.StageForming,
		MemberCount: 3,
		CreatedAt:   now.AddDate(0, -2, 0),
		UpdatedAt:   now,
	}
	return f
}

type renderCase struct {
	// golden names the file in testdata, without ".golden".
	golden   string
	template string
	data     func(t *testing.T) any
}

// cases returns every golden case: the community cases here, the event and
// call-for-proposals cases in render_event_test.go and render_cfp_test.go,
// and the mentoring and reminder cases in render_mentor_test.go.
func cases() []renderCase {
	return slices.Concat(communityCases(), eventCases(), cfpCases(), mentorCases(), remindCases(), homeCases(), availabilityCases(), breaksCases(), scheduleCases(), surveyCases(), healthCases(), discordCases())
}

func communityCases() []renderCase {
	return []renderCase{
		// refusal
		{"refusal_invalid", "refusal", func(t *testing.T) any {
			return templates.Refusal{
				Code:      guild.EINVALID,
				Message:   `"0 12 * TUE" is not a cron expression I can read (expected exactly 5 fields, found 4). Use five fields, minute hour day-of-month month day-of-week, such as "0 12 * * TUE" for Tuesdays at noon, or @weekly.`,
				Usage:     `/community meet NAME every="CRON" [tz=Area/City]`,
				HelpTopic: "community meet",
				Typed:     `/community meet "Qualité & Tests" every="0 12 * TUE"`,
			}
		}},
		{"refusal_wrong_sub", "refusal", func(t *testing.T) any {
			return templates.Refusal{
				Code:    guild.ENOTFOUND,
				Message: "/community has no frobnicate. Did you mean /community create?",
				Usages: []string{
					`/community create NAME [about="..."]`,
					"/community list",
					"/community show NAME",
					"/community join NAME",
				},
				HelpTopic: "community",
				Typed:     "/community frobnicate Testers",
			}
		}},
		{"refusal_internal", "refusal", func(t *testing.T) any {
			return templates.Refusal{
				Code:    guild.EINTERNAL,
				Message: guild.ErrorMessage(fmt.Errorf("disk full")),
				Ref:     "1A2B3C4D",
				Typed:   "/community list",
			}
		}},
		{"refusal_forbidden", "refusal", func(t *testing.T) any {
			return templates.Refusal{
				Code:    guild.EFORBIDDEN,
				Message: "Only its coordinator @alice or an organiser may change the stage of Qualité & Tests.",
				Typed:   `/community stage "Qualité & Tests" maturing`,
			}
		}},
		{"refusal_message_only", "refusal", func(t *testing.T) any {
			return templates.Refusal{Code: guild.ECONFLICT, Message: "You are already a member of Qualité & Tests."}
		}},

		// help
		{"help_index", "help", func(t *testing.T) any {
			return templates.Help{Groups: []templates.HelpGroup{
				{Name: "help", Summary: "how to use guildhall and each of its commands",
					Commands: []templates.HelpCommand{{Path: "help", Usage: "/help [COMMAND] [SUB]", Summary: "how to use guildhall and each of its commands"}}},
				{Name: "profile", Summary: "your department, team, role and time zone",
					Commands: []templates.HelpCommand{{Path: "profile", Usage: "/profile [department=NAME] [team=NAME] [role=NAME] [tz=Area/City]", Summary: "show or change your profile"}}},
				{Name: "community", Summary: "communities of practice: charter, members, stages and meetings",
					Commands: []templates.HelpCommand{
						{Path: "community create", Sub: "create", Usage: `/community create NAME [about="..."]`, Summary: "start a community of practice; you become its coordinator"},
						{Path: "community list", Sub: "list", Usage: "/community list", Summary: "list the communities"},
						{Path: "community show", Sub: "show", Usage: "/community show NAME", Summary: "show a community"},
						{Path: "community join", Sub: "join", Usage: "/community join NAME", Summary: "join a community"},
					}},
			}}
		}},
		{"help_group", "help", func(t *testing.T) any {
			return templates.Help{Topic: "community", Groups: []templates.HelpGroup{
				{Name: "community", Summary: "communities of practice: charter, members, stages and meetings",
					Commands: []templates.HelpCommand{
						{Path: "community create", Sub: "create", Usage: `/community create NAME [about="..."]`, Summary: "start a community of practice; you become its coordinator"},
						{Path: "community list", Sub: "list", Usage: "/community list", Summary: "list the communities"},
						{Path: "community stage", Sub: "stage", Usage: `/community stage NAME STAGE [reason=".."]`, Summary: "move a community to another maturity stage (coordinator or organiser)"},
					}},
			}}
		}},
		{"help_command", "help", func(t *testing.T) any {
			return templates.Help{Topic: "community charter", Command: &templates.HelpCommand{
				Path:    "community charter",
				Sub:     "charter",
				Usage:   `/community charter NAME [why=".."] [who=".."] [vision=".."] [goals="a; b"] [principles="a; b"]`,
				Summary: "write or change a community's charter (coordinator or organiser)",
				Details: "Give any of the fields; the others stay as they are. Goals and principles are lists separated by semicolons; each new goal becomes a backlog item.",
				Options: []templates.HelpOption{
					{Name: "NAME", Label: "Community", Required: true},
					{Name: "why=", Label: "Why does the community exist?"},
					{Name: "goals=", Label: "Goals, separated by semicolons"},
					{Name: "principles="},
				},
			}}
		}},
		{"help_command_plain", "help", func(t *testing.T) any {
			return templates.Help{Topic: "community list", Command: &templates.HelpCommand{
				Path: "community list", Sub: "list", Usage: "/community list", Summary: "list the communities",
			}}
		}},

		// welcome
		{"welcome", "welcome", func(t *testing.T) any {
			return templates.Welcome{User: &guild.User{Name: "alice"}, Database: "guildhall.db"}
		}},

		// profile
		{"profile_empty", "profile", func(t *testing.T) any {
			return templates.Profile{User: newFixture().dan}
		}},
		{"profile_updated", "profile", func(t *testing.T) any {
			return templates.Profile{User: newFixture().chloe, Updated: true}
		}},
		{"profile_organiser", "profile", func(t *testing.T) any {
			return templates.Profile{User: newFixture().org}
		}},
		{"profile_discord_no_dms", "profile", func(t *testing.T) any {
			return templates.Profile{User: &guild.User{Platform: guild.PlatformDiscord, PlatformID: "80351110224678912", Name: "kim", Department: "Data"}}
		}},
		{"profile_discord_dms", "profile", func(t *testing.T) any {
			return templates.Profile{User: &guild.User{Platform: guild.PlatformDiscord, PlatformID: "80351110224678912", Name: "kim", Department: "Data", Role: "analyst", DMs: true}, Updated: true}
		}},

		// community_created
		{"community_created", "community_created", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage, f.qa.MemberCount = community.StagePotential, 1
			return templates.CommunityCreated{Community: f.qa}
		}},

		// community_list
		{"community_list_empty", "community_list", func(t *testing.T) any {
			return templates.CommunityList{Mine: map[int64]bool{}, Page: 1, Pages: 1}
		}},
		{"community_list_no_match", "community_list", func(t *testing.T) any {
			return templates.CommunityList{Mine: map[int64]bool{}, Search: "kubernetes", Page: 1, Pages: 1}
		}},
		{"community_list_one", "community_list", func(t *testing.T) any {
			f := newFixture()
			f.qa.MemberCount = 1
			return templates.CommunityList{Communities: []*community.Community{f.qa}, Mine: map[int64]bool{}, Total: 1, Page: 1, Pages: 1}
		}},
		{"community_list_several", "community_list", func(t *testing.T) any {
			f := newFixture()
			nosql := &community.Community{ID: 8, Name: "NoSQL", Coordinator: f.erin, Stage: community.StagePotential, MemberCount: 1}
			ba := &community.Community{ID: 9, Name: "Business analysts", About: "Requirements, stories and the people who write them.\nWe meet in the atrium.",
				Coordinator: f.erin, Stage: community.StageMaturing, MemberCount: 12}
			return templates.CommunityList{
				Communities: []*community.Community{ba, nosql, f.qa},
				Mine:        map[int64]bool{f.qa.ID: true, nosql.ID: true},
				Total:       3, Page: 1, Pages: 1,
			}
		}},
		{"community_list_paged_search", "community_list", func(t *testing.T) any {
			f := newFixture()
			f.qa.About = strings.Repeat("Testers and anyone who cares about quality. ", 5)
			return templates.CommunityList{
				Communities: []*community.Community{f.qa}, Mine: map[int64]bool{},
				Search: "qualité &", Total: 11, Page: 1, Pages: 2,
			}
		}},

		// community_show
		{"community_show_full", "community_show", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage = community.StageMaturing
			f.qa.MemberCount = 20
			f.qa.Charter = community.Charter{
				Why:        "Testers are spread across teams.\nThey rarely learn from each other.",
				Who:        "Anyone who tests, or wants to test better.",
				Vision:     "Every team ships with confidence.",
				Goals:      []string{"Run a testing dojo", "Write a shared test strategy"},
				Principles: []string{"Meet weekly, catch up if you miss one", "Everyone teaches, everyone learns"},
				UpdatedAt:  now.AddDate(0, 0, -10),
			}
			f.qa.Cadence = parseCadence(t, "0 12 * * TUE", "Europe/London")
			ny := loadLocation(t, "America/New_York")
			return templates.CommunityShow{
				Community: f.qa,
				Reader:    f.bob,
				Loc:       ny,
				Members: []*community.Member{
					{CommunityID: f.qa.ID, User: f.alice, Coordinator: true, JoinedAt: f.qa.CreatedAt},
					{CommunityID: f.qa.ID, User: f.bob, JoinedAt: now},
					{CommunityID: f.qa.ID, User: f.chloe, JoinedAt: now},
					{CommunityID: f.qa.ID, User: f.dan, JoinedAt: now},
					{CommunityID: f.qa.ID, User: f.finn, JoinedAt: now},
					{CommunityID: f.qa.ID, User: f.gus, JoinedAt: now},
				},
				IsMember:      true,
				SameRole:      []*community.Member{{User: f.alice, Coordinator: true}, {User: f.chloe}, {User: f.finn}},
				SameRoleCount: 5,
				Backlog: []*community.BacklogItem{
					{ID: 1, CommunityID: f.qa.ID, Title: "Run a testing dojo", State: community.BacklogDone},
					{ID: 2, CommunityID: f.qa.ID, Title: "Write a shared test strategy", State: community.BacklogOpen},
				},
				History: []*community.StageChange{
					{To: community.StagePotential, By: f.alice, At: f.qa.CreatedAt},
					{From: community.StagePotential, To: community.StageForming, By: f.alice, Reason: "charter written", At: now.AddDate(0, -1, 0)},
					{From: community.StageForming, To: community.StageMaturing, By: f.org, At: now.AddDate(0, 0, -1)},
				},
				NextMeetings: f.qa.Cadence.Next(now, 3),
			}
		}},
		{"community_show_no_role_not_member", "community_show", func(t *testing.T) any {
			f := newFixture()
			f.qa.Charter = community.Charter{Why: "Testers rarely learn from each other.", Vision: "Every team ships with confidence."}
			f.qa.Cadence = parseCadence(t, "30 9 * * 1-5", "")
			return templates.CommunityShow{
				Community: f.qa,
				Reader:    f.dan,
				Loc:       time.UTC,
				Members: []*community.Member{
					{User: f.alice, Coordinator: true}, {User: f.bob}, {User: f.chloe},
				},
				History:      []*community.StageChange{{To: community.StagePotential, By: f.alice, At: f.qa.CreatedAt}},
				NextMeetings: f.qa.Cadence.Next(now, 3),
			}
		}},
		{"community_show_empty_charter_manager", "community_show", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage, f.qa.MemberCount, f.qa.About = community.StagePotential, 1, ""
			return templates.CommunityShow{
				Community: f.qa,
				Reader:    f.alice,
				Loc:       loadLocation(t, "Europe/London"),
				Members:   []*community.Member{{User: f.alice, Coordinator: true}},
				IsMember:  true,
				CanManage: true,
				History:   []*community.StageChange{{To: community.StagePotential, By: f.alice, At: f.qa.CreatedAt}},
			}
		}},
		{"community_show_empty_charter_reader", "community_show", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage, f.qa.MemberCount = community.StagePotential, 1
			return templates.CommunityShow{
				Community: f.qa,
				Reader:    f.erin,
				Loc:       time.UTC,
				Members:   []*community.Member{{User: f.alice, Coordinator: true}},
				History:   []*community.StageChange{{To: community.StagePotential, By: f.alice, At: f.qa.CreatedAt}},
			}
		}},

		// community_joined, community_left and the coordinator's notices
		{"community_joined", "community_joined", func(t *testing.T) any {
			f := newFixture()
			return templates.CommunityJoined{Community: f.qa, User: f.bob, Loc: f.bob.Location()}
		}},
		{"community_joined_next_meeting", "community_joined", func(t *testing.T) any {
			f := newFixture()
			f.qa.Cadence = parseCadence(t, "0 12 * * TUE", "Europe/London")
			ny := loadLocation(t, "America/New_York")
			return templates.CommunityJoined{Community: f.qa, User: f.bob, Loc: ny, NextMeeting: f.qa.Cadence.Next(now, 1)[0]}
		}},
		{"community_left", "community_left", func(t *testing.T) any {
			f := newFixture()
			f.qa.MemberCount = 2
			return templates.CommunityJoined{Community: f.qa, User: f.bob, Loc: time.UTC}
		}},
		{"community_member_joined", "community_member_joined", func(t *testing.T) any {
			f := newFixture()
			f.qa.MemberCount = 2
			return templates.CommunityJoined{Community: f.qa, User: f.bob, Loc: time.UTC}
		}},
		{"community_member_left", "community_member_left", func(t *testing.T) any {
			f := newFixture()
			f.qa.MemberCount = 1
			return templates.CommunityJoined{Community: f.qa, User: f.bob, Loc: time.UTC}
		}},

		// community_charter
		{"community_charter_goals", "community_charter", func(t *testing.T) any {
			f := newFixture()
			return templates.CharterUpdated{Community: f.qa, Added: []*community.BacklogItem{
				{ID: 1, Title: "Run a testing dojo", State: community.BacklogOpen},
				{ID: 2, Title: "Write a shared test strategy", State: community.BacklogOpen},
			}}
		}},
		{"community_charter_no_goals", "community_charter", func(t *testing.T) any {
			return templates.CharterUpdated{Community: newFixture().qa}
		}},

		// community_stage
		{"community_stage_forming", "community_stage", func(t *testing.T) any {
			f := newFixture()
			return templates.StageChanged{Community: f.qa, Change: &community.StageChange{
				From: community.StagePotential, To: community.StageForming, By: f.alice, Reason: "charter written", At: now}}
		}},
		{"community_stage_forming_cadence", "community_stage", func(t *testing.T) any {
			f := newFixture()
			f.qa.Cadence = parseCadence(t, "0 12 * * TUE", "Europe/London")
			return templates.StageChanged{Community: f.qa, Change: &community.StageChange{
				From: community.StagePotential, To: community.StageForming, By: f.alice, At: now}}
		}},
		{"community_stage_maturing", "community_stage", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage = community.StageMaturing
			return templates.StageChanged{Community: f.qa, Change: &community.StageChange{
				From: community.StageForming, To: community.StageMaturing, By: f.alice, At: now}}
		}},
		{"community_stage_self_sustaining", "community_stage", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage = community.StageSelfSustaining
			return templates.StageChanged{Community: f.qa, Change: &community.StageChange{
				From: community.StageMaturing, To: community.StageSelfSustaining, By: f.org, At: now}}
		}},
		{"community_stage_ended", "community_stage", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage = community.StageEnded
			return templates.StageChanged{Community: f.qa, Change: &community.StageChange{
				From: community.StageForming, To: community.StageEnded, By: f.org, Reason: "nobody came for three months", At: now}}
		}},
		{"community_stage_notice", "community_stage_notice", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage = community.StageMaturing
			return templates.StageChanged{Community: f.qa, Change: &community.StageChange{
				From: community.StageForming, To: community.StageMaturing, By: f.org, Reason: "the backlog is moving", At: now}}
		}},
		{"community_stage_notice_no_reason", "community_stage_notice", func(t *testing.T) any {
			f := newFixture()
			f.qa.Stage = community.StageEnded
			return templates.StageChanged{Community: f.qa, Change: &community.StageChange{
				From: community.StageForming, To: community.StageEnded, By: f.org, At: now}}
		}},

		// community_meet
		{"community_meet_monthly", "community_meet", func(t *testing.T) any {
			f := newFixture()
			f.qa.Cadence = parseCadence(t, "0 12 1 * *", "Europe/London")
			ny := loadLocation(t, "America/New_York")
			return templates.CadenceSet{Community: f.qa, Loc: ny, Next: f.qa.Cadence.Next(now, 3),
				LessThanWeekly: f.qa.Cadence.LessThanWeekly(now), Remind: 24 * time.Hour}
		}},
		{"community_meet_weekly_utc", "community_meet", func(t *testing.T) any {
			f := newFixture()
			f.qa.Cadence = parseCadence(t, "@weekly", "")
			return templates.CadenceSet{Community: f.qa, Loc: time.UTC, Next: f.qa.Cadence.Next(now, 3), Remind: 24 * time.Hour}
		}},
		{"community_meet_remind_off", "community_meet", func(t *testing.T) any {
			f := newFixture()
			f.qa.Cadence = parseCadence(t, "0 12 * * TUE", "Europe/London")
			f.qa.Cadence.Remind = -1 // remind=off
			return templates.CadenceSet{Community: f.qa, Loc: loadLocation(t, "Europe/London"), Next: f.qa.Cadence.Next(now, 3)}
		}},
		{"community_meet_workdays_remind_2h", "community_meet", func(t *testing.T) any {
			f := newFixture()
			f.qa.Cadence = parseCadence(t, "30 9 * * 1-5", "Europe/London")
			return templates.CadenceSet{Community: f.qa, Loc: loadLocation(t, "Europe/London"), Next: f.qa.Cadence.Next(now, 3),
				Remind: f.qa.Cadence.DefaultRemind(now)}
		}},
		{"community_meet_cleared", "community_meet", func(t *testing.T) any {
			return templates.CadenceSet{Community: newFixture().qa, Loc: time.UTC}
		}},

		// community_coordinator and its notice
		{"community_coordinator", "community_coordinator", func(t *testing.T) any {
			f := newFixture()
			f.qa.Coordinator = f.chloe
			return templates.HandedOver{Community: f.qa, From: f.alice, By: f.alice}
		}},
		{"community_coordinator_no_previous", "community_coordinator", func(t *testing.T) any {
			f := newFixture()
			f.qa.Coordinator = f.chloe
			return templates.HandedOver{Community: f.qa, By: f.org}
		}},
		{"community_coordinator_notice", "community_coordinator_notice", func(t *testing.T) any {
			f := newFixture()
			f.qa.Coordinator = f.chloe
			return templates.HandedOver{Community: f.qa, From: f.alice, By: f.org}
		}},

		// console_as
		{"console_as", "console_as", func(t *testing.T) any {
			return templates.ConsoleAs{Current: "chloé"}
		}},
		{"console_as_error", "console_as", func(t *testing.T) any {
			return templates.ConsoleAs{Current: "alice", Error: "name must not be empty."}
		}},
	}
}

func goldenPath(name string) string { return filepath.Join("testdata", name+".golden") }

func TestRenderGolden(t *testing.T) {
	for _, tc := range cases() {
		t.Run(tc.golden, func(t *testing.T) {
			got, err := templates.Render(tc.template, tc.data(t))
			if err != nil {
				t.Fatalf("Render(%q): %v", tc.template, err)
			}
			checkReadable(t, got)
			path := goldenPath(tc.golden)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./templates -update to create it)", err)
			}
			if got+"\n" != string(want) {
				t.Errorf("Render(%q) does not match %s (run go test ./templates -update if the change is intended)\ngot:\n%s\nwant:\n%s", tc.template, path, got, want)
			}
		})
	}
}

// checkReadable catches the usual ways a template goes wrong, whatever the
// golden file says.
func checkReadable(t *testing.T, s string) {
	t.Helper()
	if s == "" {
		t.Fatal("got an empty reply, want text")
	}
	for _, bad := range []string{"<no value>", "<nil>", "%!", "\n\n\n", "map[", "0001"} {
		if strings.Contains(s, bad) {
			t.Errorf("got %q in the reply, want none:\n%s", bad, s)
		}
	}
	if s != strings.TrimSpace(s) {
		t.Errorf("got leading or trailing space around the reply %q, want none", s)
	}
	for i, line := range strings.Split(s, "\n") {
		if line != strings.TrimRight(line, " \t") {
			t.Errorf("got trailing space on line %d %q, want none", i+1, line)
		}
	}
}

// TestEveryTemplateHasACase fails when a template has no golden case, so a
// new template cannot be added without one.
func TestEveryTemplateHasACase(t *testing.T) {
	names := templates.Names()
	if len(names) == 0 {
		t.Fatal("templates.Names() returned nothing; do the templates parse?")
	}
	covered := map[string]bool{}
	for _, tc := range cases() {
		covered[tc.template] = true
	}
	for _, name := range names {
		if !covered[name] {
			t.Errorf("template %q has no golden case; add one to cases() in render_test.go", name)
		}
	}
	for name := range covered {
		if !slices.Contains(names, name) {
			t.Errorf("a case renders template %q, which templates.Names() does not list", name)
		}
	}
}

// TestGoldenFilesMatchCases fails on duplicate case names and on golden files
// left behind by a removed case.
func TestGoldenFilesMatchCases(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range cases() {
		if seen[tc.golden] {
			t.Errorf("two cases write %s", goldenPath(tc.golden))
		}
		seen[tc.golden] = true
	}
	if *update {
		return
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("got no golden files in testdata, want one per case")
	}
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".golden"); !seen[name] {
			t.Errorf("golden file %s has no case; delete it or add the case", f)
		}
	}
}

func TestRenderUnknownTemplate(t *testing.T) {
	got, err := templates.Render("no_such_template", templates.Refusal{})
	if err == nil {
		t.Fatalf("Render of an unknown template: got %q and no error, want an error", got)
	}
	if !strings.Contains(err.Error(), "no_such_template") {
		t.Errorf("got error %q, want it to name the template", err)
	}
}

// TestRenderMissingField checks that a view without a field the template
// uses fails loudly instead of printing "<no value>".
func TestRenderMissingField(t *testing.T) {
	tests := []struct {
		name     string
		template string
		data     any
	}{
		{"wrong view type", "community_created", templates.Profile{}},
		{"wrong view type, field deeper", "community_stage", templates.CommunityJoined{Community: newFixture().qa}},
		{"map missing a key", "console_as", map[string]any{"Current": "alice"}},
		{"map missing a nested key", "welcome", map[string]any{"User": &guild.User{Name: "alice"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := templates.Render(tt.template, tt.data)
			if err == nil {
				t.Fatalf("Render(%q, %T): got %q and no error, want an error", tt.template, tt.data, got)
			}
			if strings.Contains(got, "<no value>") {
				t.Errorf("got %q alongside the error, want no text", got)
			}
		})
	}
}

// TestRenderMap checks that a map holding every key renders like the
// struct, so missingkey=error is not rejecting valid maps.
func TestRenderMap(t *testing.T) {
	got, err := templates.Render("console_as", map[string]any{"Current": "alice", "Error": ""})
	if err != nil {
		t.Fatalf("Render(console_as, map): %v", err)
	}
	if want := "You are now @alice."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRenderConcurrent(t *testing.T) {
	want, err := templates.Render("community_list", templates.CommunityList{
		Communities: []*community.Community{newFixture().qa}, Mine: map[int64]bool{7: true}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 16 {
		wg.Go(func() {
			for range 20 {
				got, err := templates.Render("community_list", templates.CommunityList{
					Communities: []*community.Community{newFixture().qa}, Mine: map[int64]bool{7: true}})
				if err != nil || got != want {
					errs <- fmt.Sprintf("got %q, %v; want %q", got, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestWhen(t *testing.T) {
	noon := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 1, 8, 5, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		zone string
		want string
	}{
		{noon, "UTC", "Tue 24 Nov 2026, 12:00 UTC"},
		{noon, "Europe/Paris", "Tue 24 Nov 2026, 13:00 CET"},
		{noon, "America/New_York", "Tue 24 Nov 2026, 07:00 EST"},
		{noon, "Pacific/Auckland", "Wed 25 Nov 2026, 01:00 NZDT"},
		{summer, "Europe/London", "Wed 1 Jul 2026, 09:05 BST"},
		{summer, "America/Los_Angeles", "Wed 1 Jul 2026, 01:05 PDT"},
	}
	for _, tt := range tests {
		if got := templates.When(tt.t, loadLocation(t, tt.zone)); got != tt.want {
			t.Errorf("When(%v, %s) = %q, want %q", tt.t, tt.zone, got, tt.want)
		}
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 members"},
		{1, "1 member"},
		{2, "2 members"},
		{21, "21 members"},
	}
	for _, tt := range tests {
		if got := templates.Plural(tt.n, "member", "members"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got, want := templates.Plural(1, "community", "communities"), "1 community"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := templates.Plural(3, "community", "communities"), "3 communities"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
