package remind_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// A recipient answering 429 with Retry-After is paused, not failed: the
// runner sends to it again only once Retry-After has passed, the other
// recipients are not held up, and the 429s never count as attempts, so a
// recipient refusing more often than MaxAttempts still gets everything.
func TestRunnerRateLimitedRecipient(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	rita := s.user(t, "rita")
	others := []*guild.User{s.user(t, "amy"), s.user(t, "bob"), s.user(t, "cy"), s.user(t, "dee"), s.user(t, "eli")}

	const retryAfter = 30 * time.Second
	ritaUntil := T.Add(5 * time.Minute)
	snd := newRecordingSender(w)
	snd.Script("rita", script{RateLimitUntil: ritaUntil, RetryAfter: retryAfter})

	// Rita's messages and the others' interleave in the queue, so that
	// every claim holds some of each.
	var ms []*remind.Message
	ritaKeys, otherKeys := keys("rita", 50), keys("other", 50)
	for i := range 50 {
		ms = append(ms, msg(ritaKeys[i], rita, T), msg(otherKeys[i], others[i%len(others)], T))
	}
	s.queue(t, ms...)

	r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace, MaxAttempts: 3}
	first, err := r.Tick(context.Background())
	if err != nil {
		t.Fatalf("first Tick: %v", err)
	}
	delivered := snd.Delivered()
	for _, k := range otherKeys {
		if delivered[k] != 1 {
			t.Errorf("after the first tick %s was delivered %d times, want 1: others are not held up by rita's 429", k, delivered[k])
		}
	}
	if first.Sent != 50 || first.Deferred != 50 || first.Retried != 0 || first.Dead != 0 {
		t.Errorf("first Tick = %+v, want 50 sent and 50 deferred, none retried or dead", first)
	}
	if n := len(snd.AttemptsTo("rita")); n != 1 {
		t.Errorf("first tick tried rita %d times, want 1: after a 429 her other messages wait without a send", n)
	}

	rounds := drain(t, r, w, 100)

	delivered = snd.Delivered()
	for _, k := range append(ritaKeys, otherKeys...) {
		if delivered[k] != 1 {
			t.Errorf("%s delivered %d times, want 1", k, delivered[k])
		}
	}
	if len(delivered) != 100 {
		t.Errorf("delivered %d distinct keys, want 100", len(delivered))
	}

	// Nothing early: every send to rita waits out the Retry-After of the
	// 429 before it.
	ritaTries := snd.AttemptsTo("rita")
	refused := 0
	for i, a := range ritaTries {
		if a.Err != nil {
			refused++
			if !a.At.Before(ritaUntil) {
				t.Errorf("attempt %d to rita at %v refused, want refusals only before %v", i, a.At, ritaUntil)
			}
		}
		if i == 0 || ritaTries[i-1].Err == nil {
			continue
		}
		if earliest := ritaTries[i-1].At.Add(retryAfter); a.At.Before(earliest) {
			t.Errorf("attempt %d to rita at %v, want at or after %v (the 429 at %v plus Retry-After %s)", i, a.At, earliest, ritaTries[i-1].At, retryAfter)
		}
	}
	if wantRefused := int(ritaUntil.Sub(T) / retryAfter); refused != wantRefused {
		t.Errorf("rita refused %d times, want %d (a 429 every %s until %v)", refused, wantRefused, retryAfter, ritaUntil)
	}
	if refused <= r.MaxAttempts {
		t.Fatalf("rita refused %d times, want more than MaxAttempts (%d) for the test to prove anything", refused, r.MaxAttempts)
	}
	if last := ritaTries[len(ritaTries)-1]; last.At.Before(ritaUntil) {
		t.Errorf("last send to rita at %v, want at or after %v", last.At, ritaUntil)
	}

	// 429s are not attempts: nothing died, and each message counts only
	// the send that delivered it.
	if st := total(rounds); st.Dead != 0 || st.Retried != 0 {
		t.Errorf("after the first tick: %+v, want none dead or retried", st)
	}
	if dead := s.list(t, remind.Dead); len(dead) != 0 {
		t.Errorf("dead messages = %d, want 0", len(dead))
	}
	sent := s.list(t, remind.Sent)
	if len(sent) != 100 {
		t.Fatalf("sent messages = %d, want 100", len(sent))
	}
	for _, m := range sent {
		if m.Attempts != 1 {
			t.Errorf("%s Attempts = %d, want 1 (429s do not count)", m.Key, m.Attempts)
		}
	}
}

// Two runners, each with its own database handle, deliver one outbox
// concurrently: every message goes out once, by one of them.
func TestRunnerTwoRunnersOneDatabase(t *testing.T) {
	w := newWorld()
	a := openStore(t, w.clock)
	b := openStoreAt(t, a.path, w.clock)

	const n = 2000
	users := make([]*guild.User, 20)
	for i := range users {
		users[i] = a.user(t, fmt.Sprintf("user%02d", i))
	}
	all := keys("m", n)
	ms := make([]*remind.Message, n)
	for i, k := range all {
		ms[i] = msg(k, users[i%len(users)], T)
	}
	a.queue(t, ms...)

	sa, sb := newRecordingSender(w), newRecordingSender(w)
	// A's first send waits until B has sent something, so that B works
	// while A holds a claim: the two genuinely overlap.
	bSent := make(chan struct{})
	var bOnce, aOnce sync.Once
	sb.OnSend = func(*remind.Message) { bOnce.Do(func() { close(bSent) }) }
	sa.OnSend = func(*remind.Message) { aOnce.Do(func() { <-bSent }) }

	ra := &remind.Runner{Outbox: a.outbox, Senders: map[string]remind.Sender{"console": sa}, Now: w.clock.Now, Pace: newFakePacer()}
	rb := &remind.Runner{Outbox: b.outbox, Senders: map[string]remind.Sender{"console": sb}, Now: w.clock.Now, Pace: newFakePacer()}

	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	stats := make([]remind.Stats, 2)
	for i, r := range []*remind.Runner{ra, rb} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range 3 {
				st, err := r.Tick(context.Background())
				stats[i].Add(st)
				if err != nil {
					errs <- fmt.Errorf("runner %d: %w", i, err)
					return
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	da, db := sa.Delivered(), sb.Delivered()
	if len(da) == 0 || len(db) == 0 {
		t.Errorf("runner A sent %d, runner B %d, want both to send", len(da), len(db))
	}
	for _, k := range all {
		if got := da[k] + db[k]; got != 1 {
			t.Errorf("%s sent %d times (A %d, B %d), want once", k, got, da[k], db[k])
		}
	}
	if got := len(da) + len(db); got != n {
		t.Errorf("sent %d keys in all, want %d", got, n)
	}
	if got := stats[0].Sent + stats[1].Sent; got != n {
		t.Errorf("Stats.Sent = %d + %d, want %d in all", stats[0].Sent, stats[1].Sent, n)
	}
	if ms, err := a.outbox.Due(context.Background(), farFuture, 0); err != nil || len(ms) != 0 {
		t.Errorf("Due after both runners = %d, %v, want none", len(ms), err)
	}
	t.Logf("runner A sent %d, runner B %d", len(da), len(db))
}

// A failing message is retried after Backoff.Delay(1), Delay(2), ..., then
// dies after MaxAttempts; its last error is kept and the organiser is told
// once, by a message the runner delivers too.
func TestRunnerBackoffThenDead(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	s.user(t, "olga")
	fred := s.user(t, "fred")
	snd := newRecordingSender(w)
	snd.Script("fred", script{FailFirst: -1, Err: errBoom})
	s.queue(t, msg("fred-1", fred, T))

	backoff := remind.Backoff{Base: 10 * time.Second, Max: time.Hour}
	r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace,
		MaxAttempts: 3, Backoff: backoff}
	rounds := drain(t, r, w, 20)

	tries := snd.AttemptsTo("fred")
	if len(tries) != 3 {
		t.Fatalf("attempts to fred = %d, want 3 (MaxAttempts)", len(tries))
	}
	for i := 1; i < len(tries); i++ {
		if got, want := tries[i].At.Sub(tries[i-1].At), backoff.Delay(i, "fred-1"); got != want {
			t.Errorf("attempt %d came %s after attempt %d, want %s (Backoff.Delay(%d))", i+1, got, i, want, i)
		}
	}
	if st := total(rounds); st.Retried != 2 || st.Dead != 1 || st.Sent != 1 {
		t.Errorf("stats = %+v, want 2 retried, 1 dead, 1 sent (the notice to olga)", st)
	}

	dead := s.list(t, remind.Dead)
	if len(dead) != 1 || dead[0].Key != "fred-1" {
		t.Fatalf("dead = %v, want fred-1 alone", keysOf(dead))
	}
	if d := dead[0]; d.Attempts != 3 || d.LastError != errBoom.Error() {
		t.Errorf("dead fred-1: Attempts = %d, LastError = %q, want 3, %q", d.Attempts, d.LastError, errBoom)
	}

	olgaGot := snd.AttemptsTo("olga")
	if len(olgaGot) != 1 || olgaGot[0].Kind != remind.KindDead || olgaGot[0].Err != nil {
		t.Fatalf("sends to olga = %+v, want one %s message delivered", olgaGot, remind.KindDead)
	}
	notice := byKey(s.list(t, remind.Sent))[olgaGot[0].Key]
	if notice == nil {
		t.Fatalf("the notice %s to olga is not sent", olgaGot[0].Key)
	}
	for _, want := range []string{"fred-1", "@fred", errBoom.Error(), "3 attempts"} {
		if !strings.Contains(notice.Body, want) {
			t.Errorf("notice to olga = %q, want it to mention %q", notice.Body, want)
		}
	}
}

// A permanent failure kills a message at its first attempt; a notice of a
// dead message that itself dies is not reported again.
func TestRunnerPermanentAndDeadNoticeDies(t *testing.T) {
	tests := []struct {
		name        string
		olgaFails   bool
		wantDead    []string // kinds of the dead messages
		wantSentTo  int      // messages delivered to olga
		wantNotices int      // remind_dead messages queued in all
	}{
		{"notice delivered", false, []string{"test"}, 1, 1},
		{"notice dies too", true, []string{remind.KindDead, "test"}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			s := openStore(t, w.clock)
			s.user(t, "olga")
			pat := s.user(t, "pat")
			snd := newRecordingSender(w)
			snd.Script("pat", script{Permanent: true, Err: errBoom})
			if tt.olgaFails {
				snd.Script("olga", script{Permanent: true, Err: errBoom})
			}
			s.queue(t, msg("pat-1", pat, T))

			r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace, MaxAttempts: 5}
			first, err := r.Tick(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if first.Dead != 1 || first.Retried != 0 {
				t.Errorf("first Tick = %+v, want 1 dead, none retried", first)
			}
			drain(t, r, w, 10)

			if n := len(snd.AttemptsTo("pat")); n != 1 {
				t.Errorf("attempts to pat = %d, want 1: a permanent failure is not retried", n)
			}
			dead := s.list(t, remind.Dead)
			var kinds []string
			for _, m := range dead {
				kinds = append(kinds, m.Kind)
				if m.Key == "pat-1" && (m.Attempts != 1 || m.LastError != errBoom.Error()) {
					t.Errorf("pat-1: Attempts = %d, LastError = %q, want 1, %q", m.Attempts, m.LastError, errBoom)
				}
			}
			if !slices.Equal(kinds, tt.wantDead) {
				t.Errorf("dead kinds (most recent first) = %q, want %q", kinds, tt.wantDead)
			}
			if got := deliveredTo(snd, "olga"); got != tt.wantSentTo {
				t.Errorf("delivered to olga = %d, want %d", got, tt.wantSentTo)
			}
			if n := len(snd.AttemptsTo("olga")); n != 1 {
				t.Errorf("attempts to olga = %d, want 1 (the one notice)", n)
			}
			notices := 0
			for _, m := range s.list(t, remind.Pending, remind.Sent, remind.Dead) {
				if m.Kind == remind.KindDead {
					notices++
				}
			}
			if notices != tt.wantNotices {
				t.Errorf("%s messages = %d, want %d: a dead notice is never itself reported", remind.KindDead, notices, tt.wantNotices)
			}
			if pending := s.list(t, remind.Pending); len(pending) != 0 {
				t.Errorf("pending = %v, want none", keysOf(pending))
			}
		})
	}
}

// A message found in flight after a crash (its claim ran out without an
// outcome) is checked with a Checker before it is sent again.
func TestRunnerInFlightAfterCrash(t *testing.T) {
	tests := []struct {
		name        string
		checker     bool
		delivered   bool
		checkErr    error
		wantSends   int
		wantStats   remind.Stats
		wantStatus  remind.Status
		wantChecked int
	}{
		{"checker says delivered", true, true, nil, 0, remind.Stats{Skipped: 1}, remind.Sent, 1},
		{"checker says not delivered", true, false, nil, 1, remind.Stats{Sent: 1}, remind.Sent, 1},
		{"checker fails", true, false, errBoom, 0, remind.Stats{Retried: 1}, remind.Pending, 1},
		{"no checker", false, false, nil, 1, remind.Stats{Sent: 1}, remind.Sent, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			s := openStore(t, w.clock)
			ivy := s.user(t, "ivy")
			s.queue(t, msg("ivy-1", ivy, T))

			// The crash: a runner claims the message and never settles it.
			ctx := context.Background()
			claimed, err := s.outbox.Claim(ctx, T, []string{"console"}, 10, 10*time.Second)
			if err != nil || len(claimed) != 1 {
				t.Fatalf("Claim = %d, %v, want 1 message", len(claimed), err)
			}
			w.advanceTo(T.Add(11 * time.Second))

			rec := newRecordingSender(w)
			chk := &checkingSender{recordingSender: rec, delivered: tt.delivered, err: tt.checkErr}
			var snd remind.Sender = rec
			if tt.checker {
				snd = chk
			}
			r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace}
			st, err := r.Tick(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st != tt.wantStats {
				t.Errorf("Stats = %+v, want %+v", st, tt.wantStats)
			}
			if n := len(rec.Attempts()); n != tt.wantSends {
				t.Errorf("sends = %d, want %d", n, tt.wantSends)
			}
			if got := chk.Checked(); len(got) != tt.wantChecked {
				t.Errorf("checked %q, want %d checks", got, tt.wantChecked)
			}
			m := byKey(s.list(t, remind.Pending, remind.Sent, remind.Dead))["ivy-1"]
			if m == nil || m.Status != tt.wantStatus {
				t.Fatalf("ivy-1 = %+v, want status %s", m, tt.wantStatus)
			}
			if tt.wantStatus == remind.Sent && m.Attempts != 1 {
				t.Errorf("ivy-1 Attempts = %d, want 1", m.Attempts)
			}
		})
	}
}

// A message that is not in flight is sent without asking the Checker.
func TestRunnerChecksOnlyInFlight(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	s.queue(t, msg("ivy-1", s.user(t, "ivy"), T))
	chk := &checkingSender{recordingSender: newRecordingSender(w), delivered: true}
	r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": chk}, Now: w.clock.Now, Pace: w.pace}
	st, err := r.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != 1 || st.Skipped != 0 {
		t.Errorf("Stats = %+v, want 1 sent, none skipped", st)
	}
	if got := chk.Checked(); len(got) != 0 {
		t.Errorf("checked %q, want no check of a fresh message", got)
	}
}

// A runner whose lease was taken over while it was sending gets no error:
// the outbox's ECONFLICT is absorbed and the new holder settles the row.
func TestRunnerLostLease(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	s.queue(t, msg("ivy-1", s.user(t, "ivy"), T))
	ctx := context.Background()

	snd := newRecordingSender(w)
	var stolen []*remind.Message
	snd.OnSend = func(m *remind.Message) {
		// The send hangs past the lease, and another runner claims the row.
		w.advanceTo(m.LeaseUntil.Add(time.Second))
		var err error
		if stolen, err = s.outbox.Claim(ctx, w.clock.Now(), []string{"console"}, 10, time.Minute); err != nil || len(stolen) != 1 {
			t.Errorf("takeover Claim = %d, %v, want the message", len(stolen), err)
		}
	}
	r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace}
	st, err := r.Tick(ctx)
	if err != nil {
		t.Fatalf("Tick with a lost lease: %v, want no error", err)
	}
	if st.Sent != 1 {
		t.Errorf("Stats = %+v, want 1 sent", st)
	}
	if len(stolen) != 1 || !stolen[0].InFlight {
		t.Fatalf("takeover claimed %v, want ivy-1 in flight", keysOf(stolen))
	}
	m := byKey(s.list(t, remind.Pending))["ivy-1"]
	if m == nil || m.Claim != stolen[0].Claim {
		t.Fatalf("ivy-1 after the lost lease = %+v, want pending under the new claim", m)
	}
	if err := s.outbox.Sent(ctx, stolen[0]); err != nil {
		t.Errorf("Sent by the new holder: %v", err)
	}
}

// Outcomes recorded under a stale claim token are refused with ECONFLICT.
func TestOutboxStaleClaim(t *testing.T) {
	ops := []struct {
		name string
		do   func(o remind.Outbox, m *remind.Message) error
	}{
		{"Sent", func(o remind.Outbox, m *remind.Message) error { return o.Sent(context.Background(), m) }},
		{"Retry", func(o remind.Outbox, m *remind.Message) error {
			return o.Retry(context.Background(), m, farFuture, "x")
		}},
		{"Defer", func(o remind.Outbox, m *remind.Message) error { return o.Defer(context.Background(), m, farFuture, "") }},
		{"Kill", func(o remind.Outbox, m *remind.Message) error { return o.Kill(context.Background(), m, "x") }},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			w := newWorld()
			s := openStore(t, w.clock)
			s.queue(t, msg("ivy-1", s.user(t, "ivy"), T))
			ctx := context.Background()
			old, err := s.outbox.Claim(ctx, T, []string{"console"}, 1, time.Minute)
			if err != nil || len(old) != 1 {
				t.Fatalf("Claim = %d, %v", len(old), err)
			}
			w.advanceTo(T.Add(2 * time.Minute))
			cur, err := s.outbox.Claim(ctx, w.clock.Now(), []string{"console"}, 1, time.Minute)
			if err != nil || len(cur) != 1 {
				t.Fatalf("second Claim = %d, %v", len(cur), err)
			}
			if got := guild.ErrorCode(op.do(s.outbox, old[0])); got != guild.ECONFLICT {
				t.Errorf("%s with a stale claim: code %q, want %q", op.name, got, guild.ECONFLICT)
			}
			m := byKey(s.list(t, remind.Pending))["ivy-1"]
			if m == nil || m.Attempts != 0 || m.Claim != cur[0].Claim {
				t.Errorf("ivy-1 after the refused %s = %+v, want pending, untouched, under the new claim", op.name, m)
			}
			if got := guild.ErrorCode(op.do(s.outbox, cur[0])); got != "" {
				t.Errorf("%s with the current claim: code %q, want none", op.name, got)
			}
		})
	}
}

// A platform rate of 50 a second, burst 1, sends 500 messages in ten
// seconds of pacer time: at least 95% of the rate, never over it.
func TestRunnerPlatformRate(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	const n = 500
	ms := make([]*remind.Message, n)
	for i := range ms {
		ms[i] = &remind.Message{Key: fmt.Sprintf("c-%03d", i), Platform: "console", Channel: fmt.Sprintf("chan%03d", i), Body: "hello", DueAt: T}
	}
	s.queue(t, ms...)
	snd := newRecordingSender(w)
	r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace,
		Limit: remind.Limit{Rate: 50, Burst: 1}}
	st, err := r.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != n || st.Deferred != 0 {
		t.Errorf("Stats = %+v, want %d sent in one tick, none deferred", st, n)
	}
	if el := w.pace.Elapsed(); el < 9900*time.Millisecond || el > 10100*time.Millisecond {
		t.Errorf("pacer elapsed %s for %d sends at 50/s, want within [9.9s, 10.1s]", el, n)
	}
	tries := snd.Attempts()
	for i := 1; i < len(tries); i++ {
		if gap := tries[i].Pace.Sub(tries[i-1].Pace); gap < 20*time.Millisecond-time.Microsecond {
			t.Errorf("sends %d and %d %s apart, want at least 20ms (50/s, burst 1)", i-1, i, gap)
		}
	}
	if got := len(snd.Delivered()); got != n {
		t.Errorf("delivered %d keys, want %d", got, n)
	}
}

// A per-recipient limit holds a message up to MaxHold and defers it when
// the wait would be longer; the others are not held up, and the deferred
// messages go out later, none lost or repeated.
func TestRunnerPerRecipientLimit(t *testing.T) {
	tests := []struct {
		name          string
		limit         remind.Limit
		wantFirstTick int // of bob's 5
		wantDeferred  int
	}{
		// Each wait is a second: the round holds bob's messages for two
		// seconds in all (MaxHold), then defers the rest.
		{"hold up to MaxHold in all", remind.Limit{PerRecipient: 1, RecipientBurst: 1}, 3, 2},
		// A burst of 3, then one every 5s: longer than MaxHold, deferred.
		{"defer beyond MaxHold", remind.Limit{PerRecipient: 0.2, RecipientBurst: 3}, 3, 2},
		{"one at a time", remind.Limit{PerRecipient: 0.25, RecipientBurst: 1}, 1, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			s := openStore(t, w.clock)
			bob := s.user(t, "bob")
			var ms []*remind.Message
			bobKeys, otherKeys := keys("bob", 5), keys("other", 5)
			for i := range 5 {
				ms = append(ms, msg(bobKeys[i], bob, T))
			}
			for i := range 5 {
				ms = append(ms, msg(otherKeys[i], s.user(t, fmt.Sprintf("other%d", i)), T))
			}
			s.queue(t, ms...)
			snd := newRecordingSender(w)
			r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace,
				Limit: tt.limit, MaxHold: 2 * time.Second}

			st, err := r.Tick(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			delivered := snd.Delivered()
			for _, k := range otherKeys {
				if delivered[k] != 1 {
					t.Errorf("after the first tick %s delivered %d times, want 1", k, delivered[k])
				}
			}
			if got := len(snd.AttemptsTo("bob")); got != tt.wantFirstTick {
				t.Errorf("first tick sent bob %d, want %d", got, tt.wantFirstTick)
			}
			if st.Deferred != tt.wantDeferred {
				t.Errorf("first tick deferred %d, want %d", st.Deferred, tt.wantDeferred)
			}
			for _, m := range s.list(t, remind.Pending) {
				if !m.NextAttemptAt.After(w.clock.Now()) || m.Attempts != 0 {
					t.Errorf("deferred %s: NextAttemptAt %v, Attempts %d, want after %v and no attempt", m.Key, m.NextAttemptAt, m.Attempts, w.clock.Now())
				}
			}
			if others := snd.Attempts(); len(others) > 0 {
				t.Logf("the last of the others went %s into the first tick (MaxHold %s)", lastPaceOf(others, "other").Sub(others[0].Pace), r.MaxHold)
			}

			drain(t, r, w, 50)
			delivered = snd.Delivered()
			for _, k := range append(bobKeys, otherKeys...) {
				if delivered[k] != 1 {
					t.Errorf("%s delivered %d times, want 1", k, delivered[k])
				}
			}
			// Bob's sends keep to the token bucket: no more than burst +
			// rate × span in any span.
			bt := snd.AttemptsTo("bob")
			for i := range bt {
				for j := i + 1; j < len(bt); j++ {
					span := bt[j].Pace.Sub(bt[i].Pace).Seconds()
					if allowed := float64(tt.limit.RecipientBurst) + tt.limit.PerRecipient*span + 1e-6; float64(j-i+1) > allowed {
						t.Errorf("bob got %d sends in %.3fs, want at most %.2f", j-i+1, span, allowed)
					}
				}
			}
		})
	}
}

func lastPaceOf(as []attempt, prefix string) time.Time {
	var t time.Time
	for _, a := range as {
		if strings.HasPrefix(a.Key, prefix) {
			t = a.Pace
		}
	}
	return t
}

func keysOf(ms []*remind.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Key)
	}
	return out
}

// deliveredTo counts the successful sends to recipient.
func deliveredTo(snd *recordingSender, recipient string) int {
	n := 0
	for _, a := range snd.AttemptsTo(recipient) {
		if a.Err == nil {
			n++
		}
	}
	return n
}

// A runner with Reminders fires what is due before it delivers, so a
// meeting reminder goes out in the tick that fires it.
func TestRunnerFiresReminders(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	ctx := context.Background()
	communities := sqlite.NewCommunityService(s.db)
	cora, mo := s.user(t, "cora"), s.user(t, "mo")
	if err := communities.CreateCommunity(guild.NewContextWithUser(ctx, cora), &community.Community{Name: "Testers"}); err != nil {
		t.Fatal(err)
	}
	if _, err := communities.JoinCommunity(guild.NewContextWithUser(ctx, mo), "Testers"); err != nil {
		t.Fatal(err)
	}
	if _, err := communities.SetCadence(guild.NewContextWithUser(ctx, cora), "Testers", community.Cadence{Spec: "0 12 * * TUE", TZ: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	reminders := sqlite.NewReminderService(s.db, templates.Render)
	snd := newRecordingSender(w)
	r := &remind.Runner{Outbox: s.outbox, Reminders: reminders, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace}

	// Whatever was queued before (the welcome of a joiner, say) goes first.
	drain(t, r, w, 10)
	before := len(snd.Attempts())

	due, ok, err := reminders.NextDue(ctx)
	if err != nil || !ok {
		t.Fatalf("NextDue = %v, %t, %v, want the meeting reminder", due, ok, err)
	}
	w.advanceTo(due)
	st, err := r.Tick(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Fired != 1 || st.Sent != 2 {
		t.Errorf("Tick at the reminder = %+v, want 1 fired, 2 sent", st)
	}
	got := snd.Attempts()[before:]
	var to []string
	for _, a := range got {
		if a.Kind == "community_meeting_reminder" && a.Err == nil && a.At.Equal(due) {
			to = append(to, a.To)
		}
	}
	slices.Sort(to)
	if !slices.Equal(to, []string{"cora", "mo"}) {
		t.Errorf("meeting reminders delivered at %v to %q, want [cora mo]", due, to)
	}
	if st, err := r.Tick(ctx); err != nil || st.Fired != 0 || st.Sent != 0 {
		t.Errorf("Tick again = %+v, %v, want nothing fired or sent", st, err)
	}
}

// idlePacer never lets time pass on its own: Run wakes only when told.
type idlePacer struct{ *fakePacer }

func (idlePacer) After(time.Duration) <-chan time.Time { return nil }

// notifyingSender signals each send on a channel.
type notifyingSender struct{ sent chan string }

func (s *notifyingSender) Send(ctx context.Context, m *remind.Message) error {
	s.sent <- m.Key
	return nil
}

// Run delivers what is queued when woken, and returns when its context
// ends.
func TestRunnerRunWakes(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	ann := s.user(t, "ann")
	snd := &notifyingSender{sent: make(chan string, 4)}
	r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: idlePacer{w.pace}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()

	for _, k := range []string{"first", "second"} {
		s.queue(t, msg(k, ann, T))
		r.Wake()
		select {
		case got := <-snd.sent:
			if got != k {
				t.Errorf("Run sent %q, want %q", got, k)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Run did not send %q after Wake", k)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

// A 429 without a wait still defers the message, so a round never spins
// on a platform that asked to slow down.
func TestRunnerZeroRetryAfter(t *testing.T) {
	w := newWorld()
	s := openStore(t, w.clock)
	ann := s.user(t, "ann")
	var ms []*remind.Message
	for _, k := range keys("z", 70) {
		ms = append(ms, msg(k, ann, T))
	}
	s.queue(t, ms...)
	snd := newRecordingSender(w)
	snd.Script(ann.PlatformID, script{RateLimitUntil: T.Add(time.Hour), RetryAfter: 0})
	r := &remind.Runner{Outbox: s.outbox, Senders: map[string]remind.Sender{"console": snd}, Now: w.clock.Now, Pace: w.pace}
	st, err := r.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(snd.Attempts()); got != 1 {
		t.Errorf("attempts in one round = %d, want 1 (the rest deferred behind the 429)", got)
	}
	if st.Deferred != 70 {
		t.Errorf("deferred = %d, want 70", st.Deferred)
	}
}
