package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// LinkLife is how long a signed link to a feedback page works.
const LinkLife = 24 * time.Hour

// Signer signs the links to the organisers' feedback pages: a link names
// the organiser it was made for and when it stops working, and carries an
// HMAC-SHA256 of both and of the event under a key only the server holds,
// so it can be neither forged nor stretched, nor moved to another event.
type Signer struct {
	// Key is the secret the links are signed with.
	Key []byte
}

// sign returns the signature of the link to event's feedback for user id
// until exp.
func (s Signer) sign(event string, user int64, exp int64) string {
	m := hmac.New(sha256.New, s.Key)
	m.Write([]byte("feedback\x00" + guild.NameKey(event) + "\x00" + strconv.FormatInt(user, 10) + "\x00" + strconv.FormatInt(exp, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// Query returns the query that opens event's feedback page, and its CSV,
// for user until until: u=ID&exp=UNIX&sig=HEX.
func (s Signer) Query(event string, user int64, until time.Time) string {
	exp := until.Unix()
	v := url.Values{}
	v.Set("u", strconv.FormatInt(user, 10))
	v.Set("exp", strconv.FormatInt(exp, 10))
	v.Set("sig", s.sign(event, user, exp))
	return v.Encode()
}

// linkError says why a link does not open the page.
type linkError int

const (
	linkMissing linkError = iota + 1 // no signature at all
	linkForged                       // a signature that does not match
	linkExpired                      // a true signature, but too old
)

// verify checks the link's query for event at now and returns the user it
// was made for and when it stops working.
func (s Signer) verify(q url.Values, event string, now time.Time) (int64, time.Time, linkError) {
	if len(s.Key) == 0 || q.Get("sig") == "" || q.Get("u") == "" || q.Get("exp") == "" {
		return 0, time.Time{}, linkMissing
	}
	user, err1 := strconv.ParseInt(q.Get("u"), 10, 64)
	exp, err2 := strconv.ParseInt(q.Get("exp"), 10, 64)
	sig, err3 := hex.DecodeString(q.Get("sig"))
	if err1 != nil || err2 != nil || err3 != nil || user <= 0 {
		return 0, time.Time{}, linkForged
	}
	want, _ := hex.DecodeString(s.sign(event, user, exp))
	if !hmac.Equal(sig, want) {
		return 0, time.Time{}, linkForged
	}
	until := time.Unix(exp, 0)
	if !now.Before(until) || until.Sub(now) > LinkLife+time.Minute {
		return 0, until, linkExpired
	}
	return user, until, 0
}
