package survey

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// SaltSize is the length in bytes of a survey's salt.
const SaltSize = 32

// NewSalt returns a fresh random salt for a survey's voter keys.
func NewSalt() []byte {
	b := make([]byte, SaltSize)
	_, _ = rand.Read(b) // crypto/rand.Read never fails; it aborts the program instead
	return b
}

// Voter returns the key that stops a person answering a survey twice:
// HMAC-SHA256, under the survey's secret salt, of the survey's ID and the
// user's, in hex. Without the salt the key cannot be traced back to the
// user, even by trying every user ID; the store wipes the salt when the
// survey closes.
func Voter(salt []byte, surveyID, userID int64) string {
	var msg [16]byte
	binary.BigEndian.PutUint64(msg[:8], uint64(surveyID))
	binary.BigEndian.PutUint64(msg[8:], uint64(userID))
	m := hmac.New(sha256.New, salt)
	m.Write(msg[:])
	return hex.EncodeToString(m.Sum(nil))
}
