package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/remind"
)

func TestOutboxDue(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	ctx := context.Background()

	// Rita's message is queued first but due later than Ray's: the outbox
	// hands out the oldest due first, not the first queued.
	f.now = t0.Add(2 * time.Hour)
	f.addReviewer(t, "DevDay", f.rita)
	f.now = t0.Add(time.Hour)
	f.addReviewer(t, "DevDay", f.ray)
	f.now = t0.Add(3 * time.Hour)
	f.addReviewer(t, "DevDay", f.ann)

	bodies := func(ms []*remind.Message) []string {
		out := []string{}
		for _, m := range ms {
			out = append(out, m.Body)
		}
		return out
	}
	ray, rita, ann := "reviewer-added to Ray on -", "reviewer-added to Rita on -", "reviewer-added to Ann on -"
	tests := []struct {
		now   time.Time
		limit int
		want  []string
	}{
		{t0, 0, []string{}},
		{t0.Add(time.Hour - time.Nanosecond), 0, []string{}},
		{t0.Add(time.Hour), 0, []string{ray}},
		{t0.Add(90 * time.Minute), 0, []string{ray}},
		{t0.Add(2 * time.Hour), 0, []string{ray, rita}},
		{farFuture, 0, []string{ray, rita, ann}},
		{farFuture, 2, []string{ray, rita}},
		{farFuture, 1, []string{ray}},
		// A clock in another zone reads the same instant.
		{t0.Add(2 * time.Hour).In(time.FixedZone("UTC-5", -5*3600)), 0, []string{ray, rita}},
	}
	for _, tt := range tests {
		ms, err := f.outbox.Due(ctx, tt.now, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if got := bodies(ms); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Due(%v, %d) = %q, want %q", tt.now, tt.limit, got, tt.want)
		}
	}

	ms, err := f.outbox.Due(ctx, farFuture, 0)
	if err != nil || len(ms) != 3 {
		t.Fatalf("Due = %d, %v, want 3", len(ms), err)
	}
	m := ms[0]
	if m.ID == 0 || m.Key == "" || m.Channel != "" || m.Status != remind.Pending || m.Attempts != 0 ||
		!m.DueAt.Equal(t0.Add(time.Hour)) || !m.CreatedAt.Equal(t0.Add(time.Hour)) || !m.SentAt.IsZero() {
		t.Errorf("Ray's message = %+v, want pending, no attempts, due and created at %v", m, t0.Add(time.Hour))
	}
	if m.To == nil || m.To.ID != f.ray.ID || m.To.Name != "Ray" || m.To.Platform != f.ray.Platform || m.To.PlatformID != f.ray.PlatformID {
		t.Errorf("Ray's message goes to %+v, want Ray", m.To)
	}
	if to := ms[2].To; to == nil || to.ID != f.ann.ID || to.Department != "Engineering" || to.Team != "Payments" {
		t.Errorf("Ann's message goes to %+v, want Ann with her profile", to)
	}
	keys := map[string]bool{}
	for _, m := range ms {
		keys[m.Key] = true
	}
	if len(keys) != 3 {
		t.Errorf("message keys = %v, want 3 distinct", keys)
	}

	// Sent messages are no longer due; the others are.
	f.now = t0.Add(4 * time.Hour)
	claimed, err := f.outbox.Claim(ctx, t0.Add(time.Hour), []string{"console"}, 0, time.Minute)
	if err != nil || len(claimed) != 1 || claimed[0].ID != ms[0].ID {
		t.Fatalf("Claim at Ray's due time = %v, %v, want Ray's message", claimed, err)
	}
	if err := f.outbox.Sent(ctx, claimed[0]); err != nil {
		t.Fatal(err)
	}
	got, _ := f.outbox.Due(ctx, farFuture, 0)
	if b := bodies(got); !reflect.DeepEqual(b, []string{rita, ann}) {
		t.Errorf("Due after Sent(Ray) = %q, want %q", b, []string{rita, ann})
	}
	var status, sentAt string
	var attempts int
	if err := rawDB(t, f.path).QueryRow(`SELECT status, attempts, sent_at FROM outbox WHERE id = ?`, ms[0].ID).Scan(&status, &attempts, &sentAt); err != nil {
		t.Fatal(err)
	}
	if status != string(remind.Sent) || attempts != 1 || sentAt != "2026-03-02T13:00:00.000000000Z" {
		t.Errorf("Ray's row after Sent = {%s, %d attempts, sent %q}, want {sent, 1, 2026-03-02T13:00:00Z}", status, attempts, sentAt)
	}
	rest, err := f.outbox.Claim(ctx, farFuture, []string{"console"}, 0, time.Minute)
	if err != nil || len(rest) != 2 {
		t.Fatalf("Claim the rest = %d, %v, want 2", len(rest), err)
	}
	for _, m := range rest {
		if err := f.outbox.Sent(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := f.outbox.Due(ctx, farFuture, 0); len(got) != 0 {
		t.Errorf("Due after sending everything = %q, want none", bodies(got))
	}
}

// A message whose key is already queued, or was already sent, is not
// queued again: the speaker told "backup" twice hears it once.
func TestOutboxSameKeyOnce(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	octx := as(context.Background(), f.olga)
	s := f.submit(t, f.cat, "DevDay", "Brand voice", "talk")
	backup := "backup to Cat on " + s.Ref()

	f.act(t, f.olga, s.ID, cfp.MakeBackup)
	if _, err := f.calls.Notify(octx, "DevDay"); err != nil {
		t.Fatal(err)
	}
	// The backup is accepted, then the organisers think again, twice, and
	// it is a backup once more: the same message under the same key.
	f.now = t0.Add(time.Hour)
	f.act(t, f.olga, s.ID, cfp.Accept)
	f.act(t, f.olga, s.ID, cfp.Reject)
	f.act(t, f.olga, s.ID, cfp.MakeBackup)
	told, err := f.calls.Notify(octx, "DevDay")
	if err != nil || len(told) != 1 || !told[0].Notified {
		t.Fatalf("second Notify = %q, %v, want %s notified", refs(told), err, s.Ref())
	}
	if got := f.due(t); !reflect.DeepEqual(got, []string{backup}) {
		t.Errorf("outbox after telling the same decision twice = %q, want [%q]", got, backup)
	}
	var n int
	if err := rawDB(t, f.path).QueryRow(`SELECT count(*) FROM outbox`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("outbox rows = %d, want 1", n)
	}
	// The row kept its first queuing time.
	ms, _ := f.outbox.Due(context.Background(), farFuture, 0)
	if len(ms) != 1 || !ms[0].CreatedAt.Equal(t0) {
		t.Errorf("outbox = %+v, want the message first queued at %v", ms, t0)
	}
}
