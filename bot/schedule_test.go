package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/templates"
)

// scheduledDevDay opens DevDay and fills its line-up: #1 by @ann with @bo,
// #2 by @bo, the workshop #3 by @cy, the lightning talk #4 by @dee and #5
// by @eve accepted, #6 by @fay a backup; the speakers are told and #1 is
// confirmed.
func scheduledDevDay(t *testing.T) *env {
	t.Helper()
	e := openDevDay(t, "ann", "bo", "cy", "dee", "eve", "fay")
	e.do("ann", `/cfp submit DevDay title="Testing in production" format=talk abstract="How." cospeakers="@bo"`)
	e.do("bo", `/cfp submit DevDay title="Ledgers" format=talk abstract="L."`)
	e.do("cy", `/cfp submit DevDay title="Rust for Go people" format=workshop abstract="R."`)
	e.do("dee", `/cfp submit DevDay title="Fuzzing" format=lightning abstract="F."`)
	e.do("eve", `/cfp submit DevDay title="On call" format=talk abstract="O."`)
	e.do("fay", `/cfp submit DevDay title="Backup plan" format=talk abstract="B."`)
	for id := 1; id <= 5; id++ {
		e.do("olga", fmt.Sprintf("/cfp decide %d accept", id))
	}
	e.do("olga", "/cfp decide 6 backup")
	e.do("olga", "/cfp notify DevDay")
	e.do("ann", "/cfp confirm 1")
	return e
}

// draftOf returns DevDay's draft as the store has it, read as @olga.
func draftOf(t *testing.T, e *env) *schedule.Draft {
	t.Helper()
	ctx := context.Background()
	id := console.Identity("olga")
	olga, err := e.users.Resolve(ctx, &id)
	if err != nil {
		t.Fatal(err)
	}
	d, err := sqlite.NewScheduleService(e.db, templates.Render).FindDraft(guild.NewContextWithUser(ctx, olga), "DevDay")
	if err != nil {
		t.Fatalf("FindDraft: %v", err)
	}
	return d
}

// item returns talk id on the draft d.
func item(t *testing.T, d *schedule.Draft, id int64) *schedule.Item {
	t.Helper()
	it, ok := d.Item(id)
	if !ok {
		t.Fatalf("#%d: not on the draft", id)
	}
	return it
}

// scheduleDMs returns the schedule messages queued for user, in order.
func scheduleDMs(t *testing.T, e *env, user string) []string {
	t.Helper()
	var out []string
	for _, m := range outbox(t, e, user) {
		if strings.HasPrefix(m, "📅") {
			out = append(out, m)
		}
	}
	return out
}

// channelPosts returns the messages queued for the channel, in order.
func channelPosts(t *testing.T, e *env, channel string) []string {
	t.Helper()
	ms, err := sqlite.NewOutboxService(e.db, templates.Render).Due(context.Background(), now, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		if m.To == nil && m.Channel == channel {
			out = append(out, m.Body)
		}
	}
	return out
}

// free finds a start in room on the draft d where it could move: inside
// one session of DevDay, overlapping no other talk in the room nor any
// talk of its speakers. It fails the test if there is none.
func free(t *testing.T, d *schedule.Draft, it *schedule.Item, room string) int {
	t.Helper()
	for _, s := range schedule.Sessions(d.Event) {
	next:
		for at := s[0]; at+it.Minutes <= s[1]; at += 15 {
			p := schedule.Placement{Room: room, Start: at, Minutes: it.Minutes}
			for _, other := range d.Items {
				if other.Talk == it.Talk {
					continue
				}
				busy := false
				for _, sp := range it.Speakers {
					busy = busy || other.HasSpeaker(sp.UserID)
				}
				if other.Overlaps(p) || busy && other.Start < p.End() && p.Start < other.End() {
					continue next
				}
			}
			return at
		}
	}
	t.Fatalf("#%d: no free %d minutes in %s", it.Talk, it.Minutes, room)
	return 0
}

// where says where a placement is as replies do: "in Main, 10:00-10:30".
func where(p schedule.Placement) string {
	return templates.Where(p)
}

func TestScheduleFlow(t *testing.T) {
	e := scheduledDevDay(t)

	// Before any build.
	e.refuse("olga", "/schedule show DevDay", "DevDay has no draft schedule; /schedule build DevDay makes one.")
	e.refuse("bob", "/schedule show DevDay", "No schedule has been published for DevDay yet.")
	e.refuse("olga", "/schedule publish DevDay", "DevDay has no draft schedule to publish; /schedule build DevDay makes one.")
	e.refuse("olga", "/schedule move 1 at=10:00", "DevDay has no schedule yet; /schedule build DevDay makes a draft.")

	// Members neither build, move, publish nor see the draft.
	e.refuse("ann", "/schedule build DevDay", "Only organisers build schedules.")
	r := e.do("olga", "/schedule build DevDay")
	contains(t, "build", r.Text, "✓ Draft schedule for DevDay: 5 talks in 5 sessions, 2 rooms.", "Room overflow:",
		"/schedule show DevDay", "/schedule publish DevDay")
	lacks(t, "first build", r.Text, "moved from")
	e.refuse("ann", "/schedule move 1 at=10:00", "Only organisers move talks on the schedule.")
	e.refuse("ann", "/schedule publish DevDay", "Only organisers publish schedules.")
	r = e.refuse("ann", "/schedule show DevDay", "No schedule has been published for DevDay yet.")
	lacks(t, "a member's show of a draft", r.Text, "Testing in production")

	r = e.do("olga", "/schedule show DevDay")
	contains(t, "show the draft", r.Text, "DevDay, Thursday 18 March 2027 (Europe/London) — draft, not yet published",
		"Main (120)", "Lab (30)", "09:00", "— coffee —", "— lunch —", "#1 Testing in production — @ann and @bo",
		"#3 Rust for Go people — @cy", "#4 Fuzzing — @dee", "* awaiting the speaker's confirmation", "Publish it with /schedule publish DevDay.")
	d := draftOf(t, e)
	for id := int64(1); id <= 5; id++ {
		it := item(t, d, id)
		contains(t, "grid", r.Text, fmt.Sprintf("%s-%s", event.Clock(it.Start), event.Clock(it.End())))
	}
	lacks(t, "show the draft", r.Text, "Backup plan")

	// Moves that break a rule are refused, saying which.
	one, two, five := item(t, d, 1), item(t, d, 2), item(t, d, 5)
	otherRoom := map[string]string{"Main": "Lab", "Lab": "Main"}
	tests := []struct {
		line  string
		wants []string
	}{
		{"/schedule move 2 at=14:00 room=Attic", []string{`DevDay has no room called "Attic"; its rooms are Main, Lab.`}},
		{"/schedule move 2 at=10:15", []string{"#2 would run 10:15-10:45, which is not inside one session of the day", "10:30-10:45 coffee"}},
		{"/schedule move 2 at=17:15", []string{"#2 would run 17:15-17:45", "DevDay runs 09:00-17:30"}},
		{"/schedule move 2 at=" + event.Clock(five.Start) + " room=" + five.Room,
			[]string{fmt.Sprintf(`#5 "On call" is in %s from %s to %s`, five.Room, event.Clock(five.Start), event.Clock(five.End()))}},
		{"/schedule move 2 at=" + event.Clock(one.Start) + " room=" + otherRoom[one.Room],
			[]string{fmt.Sprintf(`@bo speaks in #1 "Testing in production" in %s from %s to %s, so cannot give #2 then.`, one.Room, event.Clock(one.Start), event.Clock(one.End()))}},
		{"/schedule move 2 at=25:00", []string{"25:00"}},
		{"/schedule move 2", []string{"at="}},
		{"/schedule move 99 at=10:00", []string{"#99"}},
		{"/schedule move 6 at=14:00", []string{"#6 is not on DevDay's draft schedule; /schedule build DevDay places the line-up's new talks."}},
	}
	for _, tt := range tests {
		r := e.refuse("olga", tt.line, tt.wants...)
		contains(t, "refused move", r.Text, "You typed: "+tt.line)
	}
	if after := draftOf(t, e); fmt.Sprint(after.Placements()) != fmt.Sprint(d.Placements()) {
		t.Errorf("refused moves: got the draft changed\n%v\nwant it as it was\n%v", after.Placements(), d.Placements())
	}

	// A good move, the room named in lower case.
	at := free(t, d, two, otherRoom[two.Room])
	moved := schedule.Placement{Talk: 2, Room: otherRoom[two.Room], Start: at, Minutes: 30}
	r = e.do("olga", fmt.Sprintf("/schedule move #2 at=%s room=%s", event.Clock(at), strings.ToLower(moved.Room)))
	contains(t, "move", r.Text, fmt.Sprintf("✓ Moved #2 Ledgers %s (it was %s) on DevDay's draft.", where(moved), where(two.Placement)))
	if got := item(t, draftOf(t, e), 2).Placement; got != moved {
		t.Errorf("#2 after the move: got %s, want %s", got, moved)
	}

	// Release 1: every talk is new, every speaker told once, the channel
	// told it is out.
	e.do("olga", "/event channel DevDay #devday")
	d = draftOf(t, e)
	r = e.do("olga", "/schedule publish DevDay")
	contains(t, "publish 1", r.Text, "✓ Published release 1 of DevDay's schedule: 5 talks.",
		"+ #1 Testing in production (@ann and @bo) "+where(item(t, d, 1).Placement),
		"+ #2 Ledgers (@bo) "+where(moved),
		"+ #3 Rust for Go people (@cy) "+where(item(t, d, 3).Placement),
		"+ #4 Fuzzing (@dee) "+where(item(t, d, 4).Placement),
		"+ #5 On call (@eve) "+where(item(t, d, 5).Placement),
		"Posted to #devday, and 5 speakers were sent their new slot.")
	wantDMs := func(when string, want map[string]int) {
		t.Helper()
		for user, n := range want {
			if got := scheduleDMs(t, e, user); len(got) != n {
				t.Errorf("%s: @%s got %d schedule messages %q, want %d", when, user, len(got), got, n)
			}
		}
	}
	wantDMs("release 1", map[string]int{"ann": 1, "bo": 1, "cy": 1, "dee": 1, "eve": 1, "fay": 0, "olga": 0})
	contains(t, "@bo's message", strings.Join(scheduleDMs(t, e, "bo"), "\n"), "📅 DevDay's schedule is out (Thursday 18 March 2027).",
		"Your talk #1 Testing in production is "+where(item(t, d, 1).Placement), "Your talk #2 Ledgers is "+where(moved))
	posts := channelPosts(t, e, "devday")
	if len(posts) != 1 {
		t.Fatalf("posts to #devday after release 1: got %q, want one", posts)
	}
	contains(t, "post of release 1", posts[0], "📅 The schedule for DevDay (Thursday 18 March 2027) is out: 5 talks.", "/schedule show DevDay")

	e.refuse("olga", "/schedule publish DevDay", "Release 1 of DevDay already has this schedule; nothing has moved since.")
	r = e.do("bob", "/schedule show DevDay")
	contains(t, "a member's show of release 1", r.Text, "— release 1, published Tue 24 Nov 2026, 09:00 GMT", "#2 Ledgers — @bo")
	lacks(t, "a member's show of release 1", r.Text, "draft", "Publish it")
	r = e.do("olga", "/schedule show DevDay")
	contains(t, "an organiser's show of a draft as published", r.Text, "— release 1, published")
	lacks(t, "an organiser's show of a draft as published", r.Text, "not yet published")

	// Release 2: one talk moved; only its speaker is told.
	d = draftOf(t, e)
	five = item(t, d, 5)
	at = free(t, d, five, otherRoom[five.Room])
	fiveTo := schedule.Placement{Talk: 5, Room: otherRoom[five.Room], Start: at, Minutes: 30}
	e.do("olga", fmt.Sprintf("/schedule move 5 at=%s room=%s", event.Clock(at), fiveTo.Room))
	r = e.do("olga", "/schedule show DevDay")
	contains(t, "show a draft after a release", r.Text, "— draft, not yet published (release 1 is public)")
	r = e.do("olga", "/schedule publish DevDay")
	change := fmt.Sprintf("→ #5 On call (@eve) is now %s, was %s", where(fiveTo), where(five.Placement))
	contains(t, "publish 2", r.Text, "✓ Published release 2 of DevDay's schedule: 5 talks, 1 change since release 1.", change,
		"Posted to #devday, and 1 speaker was sent their new slot.")
	lacks(t, "publish 2", r.Text, "#1 Testing", "#2 Ledgers")
	wantDMs("release 2", map[string]int{"ann": 1, "bo": 1, "cy": 1, "dee": 1, "eve": 2, "fay": 0})
	contains(t, "@eve's second message", scheduleDMs(t, e, "eve")[1], "📅 DevDay's schedule changed (release 2).",
		fmt.Sprintf("Your talk #5 On call moved: it is now %s (it was %s).", where(fiveTo), where(five.Placement)))
	posts = channelPosts(t, e, "devday")
	if len(posts) != 2 {
		t.Fatalf("posts to #devday after release 2: got %q, want two", posts)
	}
	contains(t, "post of release 2", posts[1], "📅 DevDay's schedule changed (release 2): 1 change.", change)

	// @eve drops out: an accepted talk is declined, not withdrawn, and
	// the backup #6 is offered the slot.
	e.refuse("eve", "/cfp withdraw 5", "cannot be withdrawn", "decline")
	e.do("eve", "/cfp decline 5")
	e.refuse("olga", "/schedule publish DevDay", "The draft is out of date: #6 joined the line-up but is not on it; #5 left the line-up but is still on it.",
		"/schedule build DevDay")
	r = e.do("olga", "/schedule show DevDay")
	contains(t, "show an out-of-date draft", r.Text, "Not on the draft yet: #6.", "No longer in the line-up but on the draft: #5.")
	before := draftOf(t, e)
	r = e.do("olga", "/schedule build DevDay")
	contains(t, "rebuild", r.Text, "✓ Draft schedule for DevDay: 5 talks in 5 sessions, 2 rooms;", "from the draft.")
	d = draftOf(t, e)
	if d.Report.Moved > 3 {
		t.Errorf("rebuild: got %d talks moved, want at most 3", d.Report.Moved)
	}
	kept := 0
	for _, it := range before.Items {
		if now, ok := d.Item(it.Talk); ok && now.Placement == it.Placement {
			kept++
		}
	}
	if kept < 4-d.Report.Moved {
		t.Errorf("rebuild: got %d of the 4 staying talks in place and %d moved, want them to add up", kept, d.Report.Moved)
	}
	if len(d.Missing) != 0 || len(d.Gone) != 0 {
		t.Errorf("rebuilt draft: got missing %v, gone %v, want none", d.Missing, d.Gone)
	}

	// Release 3: the backup's speaker is told of the slot, the speaker who
	// dropped out that the talk is off.
	r = e.do("olga", "/schedule publish DevDay")
	six := item(t, d, 6)
	contains(t, "publish 3", r.Text, "✓ Published release 3 of DevDay's schedule: 5 talks,", "since release 2.",
		"+ #6 Backup plan (@fay) "+where(six.Placement), "− #5 On call (@eve) is off the schedule, was "+where(fiveTo))
	if got := scheduleDMs(t, e, "fay"); len(got) != 1 {
		t.Errorf("release 3: @fay got %q, want one schedule message", got)
	} else {
		contains(t, "@fay's message", got[0], "Your talk #6 Backup plan is "+where(six.Placement))
	}
	if got := scheduleDMs(t, e, "eve"); len(got) != 3 {
		t.Errorf("release 3: @eve got %q, want a third schedule message", got)
	} else {
		contains(t, "@eve's third message", got[2], "Your talk #5 On call is no longer on the schedule (it was "+where(fiveTo)+").")
	}
	if posts = channelPosts(t, e, "devday"); len(posts) != 3 {
		t.Errorf("posts to #devday after release 3: got %q, want three", posts)
	}

	// Old releases stay as they were.
	r = e.do("bob", "/schedule show DevDay version=1")
	contains(t, "show release 1", r.Text, "— release 1 (release 3 is newer), published Tue 24 Nov 2026, 09:00 GMT", "#5 On call — @eve")
	lacks(t, "show release 1", r.Text, "Backup plan")
	r = e.do("bob", "/schedule show DevDay")
	contains(t, "show the latest", r.Text, "— release 3, published", "#6 Backup plan — @fay")
	lacks(t, "show the latest", r.Text, "On call", "newer")
	e.refuse("bob", "/schedule show DevDay version=9", "DevDay has no release 9 of its schedule.")
	e.refuse("bob", "/schedule show DevDay version=0", "version=0 is not a release number; releases count from 1.")
	e.refuse("bob", "/schedule show DevDay version=two", "version=two is not a release number")
	e.refuse("bob", "/schedule show Nope", "Nope")
	e.refuse("olga", "/schedule build Nope", "Nope")
	e.refuse("olga", "/schedule publish Nope", "Nope")
}

func TestScheduleHelp(t *testing.T) {
	e := newEnv(t)
	r := e.do("bob", "/help schedule")
	contains(t, "/help schedule", r.Text, "/schedule build NAME [seed=N] [fresh=yes]", "/schedule show NAME [version=N]",
		"/schedule move ID at=HH:MM [room=NAME]", "/schedule publish NAME")
}

// A build with nothing accepted says how to accept talks; seed= and
// fresh= are checked.
func TestScheduleBuildOptions(t *testing.T) {
	e := openDevDay(t, "ann")
	e.refuse("olga", "/schedule build DevDay", "DevDay has no accepted talks to schedule yet; /cfp decide ID accept adds them to the line-up.")
	e.do("ann", `/cfp submit DevDay title="Testing in production" format=talk abstract="How."`)
	e.do("olga", "/cfp decide 1 accept")
	e.refuse("olga", "/schedule build DevDay seed=many", "seed=many is not a whole number; give one such as seed=7.")
	e.refuse("olga", "/schedule build DevDay fresh=perhaps", "fresh")
	r := e.do("olga", "/schedule build DevDay seed=7")
	contains(t, "build with a seed", r.Text, "✓ Draft schedule for DevDay: 1 talk in 1 session, 2 rooms.")
	lacks(t, "first build", r.Text, "moved")
	contains(t, "build again", e.do("olga", "/schedule build DevDay").Text, "✓ Draft schedule for DevDay: 1 talk in 1 session, 2 rooms; nothing moved from the draft.")
	r = e.do("olga", "/schedule build DevDay fresh=yes")
	contains(t, "fresh build", r.Text, "✓ Draft schedule for DevDay: 1 talk in 1 session, 2 rooms.")
	lacks(t, "fresh build", r.Text, "moved")
}

// A draft that a later change to the event or a talk has made break a
// rule is not published until it is rebuilt.
func TestSchedulePublishRefusesABrokenDraft(t *testing.T) {
	tests := []struct {
		name string
		// change breaks a rule for the talk placed, as the user with the line.
		change func(e *env, it *schedule.Item) (user, line string)
		wants  []string
	}{{
		name: "a new break over a talk",
		change: func(e *env, it *schedule.Item) (string, string) {
			return "olga", fmt.Sprintf(`/event breaks DevDay at="%s-%s coffee"`, event.Clock(it.Start+5), event.Clock(it.Start+20))
		},
		wants: []string{"The draft breaks a rule since the event or its talks changed: #2 would run", "which is not inside one session of the day"},
	}, {
		name: "a speaker's times",
		change: func(e *env, it *schedule.Item) (string, string) {
			at := "09:00-09:30"
			if it.Start < 12*60 {
				at = "16:00-17:00"
			}
			return "bo", fmt.Sprintf(`/cfp available 2 "%s"`, at)
		},
		wants: []string{"The draft breaks a rule since the event or its talks changed: #2's speakers can give it only"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := scheduledDevDay(t)
			e.do("olga", "/schedule build DevDay")
			user, line := tt.change(e, item(t, draftOf(t, e), 2))
			e.do(user, line)
			e.refuse("olga", "/schedule publish DevDay", append(tt.wants, "/schedule build DevDay brings it up to date")...)
			e.do("olga", "/schedule build DevDay")
			contains(t, "publish after a rebuild", e.do("olga", "/schedule publish DevDay").Text, "✓ Published release 1 of DevDay's schedule: 5 talks.")
		})
	}
}
