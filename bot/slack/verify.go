package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxSkew is how far a request's timestamp may be from now: Slack's own
// five minutes. Older requests are refused as stale.
const MaxSkew = 5 * time.Minute

// Reasons a request is refused.
var (
	ErrUnsigned = errors.New("slack: request not signed")
	ErrStale    = errors.New("slack: request timestamp too old or too new")
	ErrForged   = errors.New("slack: signature does not match")
	ErrReplayed = errors.New("slack: request seen before")
)

// Verifier checks Slack's request signatures: the HMAC-SHA256 of
// "v0:timestamp:body" under the signing secret, a timestamp within
// MaxSkew of now, and a signature not seen before (a replayed request is
// refused even while its timestamp is fresh).
type Verifier struct {
	Secret string
	Now    guild.Clock

	mu   sync.Mutex
	seen map[string]time.Time // signature → timestamp
}

// Verify checks a request's headers and body.
func (v *Verifier) Verify(h http.Header, body []byte) error {
	sig, tsText := h.Get("X-Slack-Signature"), h.Get("X-Slack-Request-Timestamp")
	if sig == "" || tsText == "" {
		return ErrUnsigned
	}
	secs, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return ErrUnsigned
	}
	ts, now := time.Unix(secs, 0), v.Now()
	if d := now.Sub(ts); d > MaxSkew || d < -MaxSkew {
		return ErrStale
	}
	mac := hmac.New(sha256.New, []byte(v.Secret))
	mac.Write([]byte("v0:" + tsText + ":"))
	mac.Write(body)
	if !hmac.Equal([]byte(sig), []byte("v0="+hex.EncodeToString(mac.Sum(nil)))) {
		return ErrForged
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seen == nil {
		v.seen = map[string]time.Time{}
	}
	for s, t := range v.seen {
		if now.Sub(t) > MaxSkew {
			delete(v.seen, s)
		}
	}
	if _, dup := v.seen[sig]; dup {
		return ErrReplayed
	}
	v.seen[sig] = ts
	return nil
}
