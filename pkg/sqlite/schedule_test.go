package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/schedule"
)

// composeSchedule is a Composer whose bodies name the kind, the recipient
// and the talks changed, so tests can assert on the outbox.
func composeSchedule(kind string, data any) (string, error) {
	n, ok := data.(*schedule.Notice)
	if !ok {
		return "", fmt.Errorf("composeSchedule: %T is not a notice", data)
	}
	to := "channel"
	if n.To != nil {
		to = n.To.Name
	}
	var talks []string
	for _, c := range n.Changes {
		talks = append(talks, fmt.Sprintf("%s #%d", c.Kind, c.Item.Talk))
	}
	return fmt.Sprintf("%s v%d to %s: %s", kind, n.Version, to, strings.Join(talks, ", ")), nil
}

// scheduleFixture is the decision fixture's DevDay (09:00-17:00, one room,
// Main) with its four talks accepted: #a by Ann and Ben, #b by Cat and
// Eve, the lightning talk #c by Dan, #d by Eve; and a schedule service.
type scheduleFixture struct {
	*decisionFixture
	schedules *sqlite.ScheduleService
	octx      context.Context
}

func newScheduleFixture(t *testing.T, compose func(kind string, data any) (string, error)) *scheduleFixture {
	t.Helper()
	f := &scheduleFixture{decisionFixture: newDecisionFixture(t)}
	f.schedules = sqlite.NewScheduleService(f.db, compose)
	f.octx = as(context.Background(), f.olga)
	for _, s := range []*cfp.Submission{f.a, f.b, f.c, f.d} {
		f.act(t, f.olga, s.ID, cfp.Accept)
	}
	return f
}

// outboxKeys lists the keys of the schedule's messages in the outbox.
func (f *scheduleFixture) outboxKeys(t *testing.T) []string {
	t.Helper()
	rows, err := rawDB(t, f.path).Query(`SELECT key FROM outbox WHERE key LIKE 'schedule:%' ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	return keys
}

func TestSchedulePublishQueuesInOneTransaction(t *testing.T) {
	f := newScheduleFixture(t, composeSchedule)
	if _, err := f.events.SetChannel(f.octx, "DevDay", "devday"); err != nil {
		t.Fatal(err)
	}
	d, err := f.schedules.Build(f.octx, "DevDay", schedule.BuildOptions{Seed: 1})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if len(d.Items) != 4 {
		t.Fatalf("draft: got %d talks, want 4", len(d.Items))
	}
	rel, err := f.schedules.Publish(f.octx, "DevDay")
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	ev := rel.Event.ID
	key := func(v int, who string) string { return fmt.Sprintf("schedule:%d:v%d:%s", ev, v, who) }
	user := func(v int, u *guild.User) string { return key(v, fmt.Sprintf("user:%d", u.ID)) }
	want := []string{key(1, "channel")}
	for _, u := range []*guild.User{f.ann, f.ben, f.cat, f.dan, f.eve} {
		want = append(want, user(1, u))
	}
	slices.Sort(want)
	if got := f.outboxKeys(t); !slices.Equal(got, want) {
		t.Errorf("outbox keys after release 1: got %q, want %q", got, want)
	}
	if rel.Version != 1 || rel.Posted != "devday" || rel.Told != 5 || len(rel.Changes) != 4 {
		t.Errorf("release 1: got version %d, posted %q, told %d, %d changes; want 1, devday, 5, 4", rel.Version, rel.Posted, rel.Told, len(rel.Changes))
	}

	// Eve's two talks are one message: both her changes.
	var body string
	if err := rawDB(t, f.path).QueryRow(`SELECT body FROM outbox WHERE key = ?`, user(1, f.eve)).Scan(&body); err != nil {
		t.Fatal(err)
	}
	if wantBody := fmt.Sprintf("schedule_notice_speaker v1 to Eve: added #%d, added #%d", f.b.ID, f.d.ID); body != wantBody &&
		body != fmt.Sprintf("schedule_notice_speaker v1 to Eve: added #%d, added #%d", f.d.ID, f.b.ID) {
		t.Errorf("Eve's message: got %q, want her two talks", body)
	}

	// A move of Dan's talk: release 2 tells Dan and the channel, no one else.
	it, _ := d.Item(f.c.ID)
	start := -1
	for _, s := range schedule.Sessions(d.Event) {
		for at := s[0]; at+it.Minutes <= s[1] && start < 0; at += 5 {
			p := schedule.Placement{Room: "Main", Start: at, Minutes: it.Minutes}
			if !slices.ContainsFunc(d.Items, func(o schedule.Item) bool { return o.Talk != it.Talk && o.Overlaps(p) }) && at != it.Start {
				start = at
			}
		}
	}
	if _, _, _, err := f.schedules.Move(f.octx, f.c.ID, "", start); err != nil {
		t.Fatalf("Move: %v", err)
	}
	if _, err := f.schedules.Publish(f.octx, "DevDay"); err != nil {
		t.Fatalf("Publish 2: %v", err)
	}
	want = append(want, key(2, "channel"), user(2, f.dan))
	slices.Sort(want)
	if got := f.outboxKeys(t); !slices.Equal(got, want) {
		t.Errorf("outbox keys after release 2: got %q, want %q", got, want)
	}
}

// A release whose messages cannot be written is not published: the
// release and its messages are one transaction.
func TestSchedulePublishAllOrNothing(t *testing.T) {
	errBoom := errors.New("template exploded")
	f := newScheduleFixture(t, func(kind string, data any) (string, error) {
		if n, ok := data.(*schedule.Notice); ok && n.To != nil && n.To.Name == "Eve" {
			return "", errBoom
		}
		return composeSchedule(kind, data)
	})
	if _, err := f.events.SetChannel(f.octx, "DevDay", "devday"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.schedules.Build(f.octx, "DevDay", schedule.BuildOptions{Seed: 1}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	if _, err := f.schedules.Publish(f.octx, "DevDay"); !errors.Is(err, errBoom) {
		t.Fatalf("Publish with a failing template: got %v, want the template's error", err)
	}
	if got := f.outboxKeys(t); len(got) != 0 {
		t.Errorf("outbox after a failed publish: got %q, want nothing", got)
	}
	_, err := f.schedules.FindRelease(context.Background(), "DevDay", 0)
	wantCode(t, "FindRelease after a failed publish", err, guild.ENOTFOUND)
}

func TestScheduleReleaseIsPublicAndImmutable(t *testing.T) {
	f := newScheduleFixture(t, composeSchedule)
	ctx := context.Background() // no acting user: releases are public

	_, err := f.schedules.FindRelease(ctx, "DevDay", 0)
	wantCode(t, "FindRelease before any", err, guild.ENOTFOUND)
	if !errContains(err, "No schedule has been published for DevDay yet.") {
		t.Errorf("FindRelease before any: got %v", err)
	}
	_, err = f.schedules.Build(ctx, "DevDay", schedule.BuildOptions{Seed: 1})
	wantCode(t, "Build with no acting user", err, guild.EFORBIDDEN)
	_, err = f.schedules.Build(as(ctx, f.ann), "DevDay", schedule.BuildOptions{Seed: 1})
	wantCode(t, "Build by a speaker", err, guild.EFORBIDDEN)
	_, err = f.schedules.FindDraft(as(ctx, f.ann), "DevDay")
	wantCode(t, "FindDraft by a speaker", err, guild.EFORBIDDEN)

	if _, err := f.schedules.Build(f.octx, "DevDay", schedule.BuildOptions{Seed: 1}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	if _, err := f.schedules.Publish(f.octx, "DevDay"); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	before, err := f.schedules.FindRelease(ctx, "DevDay", 1)
	if err != nil {
		t.Fatalf("FindRelease(1) with no acting user: %v", err)
	}
	if before.Version != 1 || before.Event == nil || before.Event.Name != "DevDay" || before.By != "Olga" {
		t.Errorf("release 1: got version %d, event %v, by %q; want 1, DevDay, Olga", before.Version, before.Event, before.By)
	}
	it, ok := before.Item(f.a.ID)
	if !ok || it.Title != "Payments at scale" {
		t.Fatalf("release 1's #%d: got %+v, want \"Payments at scale\"", f.a.ID, it)
	}

	// A talk's title changes after publishing: the draft shows the new
	// title, release 1 the one it was published with.
	if _, err := rawDB(t, f.path).Exec(`UPDATE submissions SET title = 'Payments at planet scale' WHERE id = ?`, f.a.ID); err != nil {
		t.Fatal(err)
	}
	after, err := f.schedules.FindRelease(ctx, "DevDay", 0)
	if err != nil {
		t.Fatalf("FindRelease(latest): %v", err)
	}
	if it, _ := after.Item(f.a.ID); it == nil || it.Title != "Payments at scale" {
		t.Errorf("release 1 after an edit: got %+v, want the title it was published with", it)
	}
	d, err := f.schedules.FindDraft(f.octx, "DevDay")
	if err != nil {
		t.Fatal(err)
	}
	if it, _ := d.Item(f.a.ID); it == nil || it.Title != "Payments at planet scale" {
		t.Errorf("draft after an edit: got %+v, want the new title", it)
	}
	// A title is not a change of slot: nothing to publish.
	_, err = f.schedules.Publish(f.octx, "DevDay")
	wantCode(t, "Publish unchanged", err, guild.ECONFLICT)

	_, err = f.schedules.FindRelease(ctx, "DevDay", 2)
	wantCode(t, "FindRelease(2)", err, guild.ENOTFOUND)
	if !errContains(err, "DevDay has no release 2 of its schedule.") {
		t.Errorf("FindRelease(2): got %v", err)
	}
	_, err = f.schedules.FindRelease(ctx, "Nope", 0)
	wantCode(t, "FindRelease of no event", err, guild.ENOTFOUND)
}
