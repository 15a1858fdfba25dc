package remind_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/remind"
)

// within reports whether got is d spread by at most a tenth either way.
func within(got, d time.Duration) bool {
	lo, hi := d-d/10, d+d/10
	return got >= lo && got <= hi
}

func TestBackoffDelay(t *testing.T) {
	b := remind.Backoff{Base: time.Second, Max: 10 * time.Second}
	tests := []struct {
		b       remind.Backoff
		attempt int
		want    time.Duration // before the spread
	}{
		{b, 1, time.Second},
		{b, 2, 2 * time.Second},
		{b, 3, 4 * time.Second},
		{b, 4, 8 * time.Second},
		{b, 5, 10 * time.Second}, // 16s capped
		{b, 6, 10 * time.Second},
		{b, 1000, 10 * time.Second}, // no overflow however many attempts
		{b, 0, time.Second},         // nonsense attempts count as the first
		{remind.Backoff{}, 1, 30 * time.Second},
		{remind.Backoff{}, 2, time.Minute},
		{remind.Backoff{}, 8, time.Hour},
		{remind.Backoff{}, 9, time.Hour},
		{remind.Backoff{Base: -time.Second, Max: time.Minute}, 1, 30 * time.Second}, // a bad base means the default
		{remind.Backoff{Base: time.Minute}, 3, time.Minute},                         // Max below Base is Base
		{remind.Backoff{Base: time.Minute, Max: time.Second}, 2, time.Minute},
	}
	for _, tt := range tests {
		for _, key := range []string{"a", "b", "dead:1:2", "meeting:3:1700000000:4"} {
			got := tt.b.Delay(tt.attempt, key)
			if !within(got, tt.want) {
				t.Errorf("%+v.Delay(%d, %q) = %s, want %s ± 10%%", tt.b, tt.attempt, key, got, tt.want)
			}
			if again := tt.b.Delay(tt.attempt, key); again != got {
				t.Errorf("%+v.Delay(%d, %q) = %s, then %s, want the same", tt.b, tt.attempt, key, got, again)
			}
		}
	}
}

// The spread differs from key to key and from attempt to attempt, stays
// within a tenth, and is centred: messages that failed together scatter.
func TestBackoffSpread(t *testing.T) {
	b := remind.Backoff{Base: 100 * time.Second, Max: time.Hour}
	const n = 1000
	seen := map[time.Duration]bool{}
	var lo, hi, sum time.Duration = time.Hour, 0, 0
	for i := range n {
		d := b.Delay(1, fmt.Sprintf("key-%d", i))
		if !within(d, b.Base) {
			t.Fatalf("Delay(1, key-%d) = %s, want %s ± 10%%", i, d, b.Base)
		}
		seen[d] = true
		lo, hi, sum = min(lo, d), max(hi, d), sum+d
	}
	if len(seen) < n*9/10 {
		t.Errorf("%d keys gave %d distinct delays, want at least %d", n, len(seen), n*9/10)
	}
	if lo > 92*time.Second || hi < 108*time.Second {
		t.Errorf("delays span [%s, %s], want nearly [90s, 110s]", lo, hi)
	}
	if mean := sum / n; mean < 99*time.Second || mean > 101*time.Second {
		t.Errorf("mean delay = %s, want about 100s", mean)
	}
	if a, c := b.Delay(2, "key-1"), b.Delay(2, "key-2"); a == c {
		t.Errorf("Delay(2, key-1) = Delay(2, key-2) = %s, want them spread apart", a)
	}
	// The spread depends on the attempt as well as the key.
	same := 0
	for i := range 100 {
		k := fmt.Sprintf("key-%d", i)
		if b.Delay(3, k)/4 == b.Delay(1, k) {
			same++
		}
	}
	if same > 5 {
		t.Errorf("%d of 100 keys spread attempt 3 exactly as attempt 1, want the attempt to change the spread", same)
	}
}
