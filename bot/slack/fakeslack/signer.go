package fakeslack

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/slack-go/slack"
)

// Signer sends what Slack sends an app's HTTP endpoint (Events API,
// slash commands, interactivity), signed with the app's signing secret
// the way Slack signs: v0=HMAC-SHA256("v0:" + timestamp + ":" + body).
type Signer struct {
	Secret string
	// Now is the time the requests are signed at; default time.Now.
	Now func() time.Time
	// Client sends the requests; default http.DefaultClient.
	Client *http.Client
}

// Sign returns the X-Slack-Signature of body at ts.
func (g Signer) Sign(body []byte, ts time.Time) string {
	mac := hmac.New(sha256.New, []byte(g.Secret))
	mac.Write([]byte("v0:" + strconv.FormatInt(ts.Unix(), 10) + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// Post sends body with contentType to endpoint, signed at the signer's
// now.
func (g Signer) Post(endpoint, contentType string, body []byte) (*http.Response, error) {
	now := time.Now
	if g.Now != nil {
		now = g.Now
	}
	ts := now()
	req, err := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set("X-Slack-Signature", g.Sign(body, ts))
	c := g.Client
	if c == nil {
		c = http.DefaultClient
	}
	return c.Do(req)
}

// Command posts a slash command, form-encoded, as Slack does.
func (g Signer) Command(endpoint string, cmd slack.SlashCommand) (*http.Response, error) {
	v := url.Values{}
	for k, s := range map[string]string{"team_id": cmd.TeamID, "team_domain": cmd.TeamDomain, "channel_id": cmd.ChannelID,
		"user_id": cmd.UserID, "user_name": cmd.UserName, "command": cmd.Command, "text": cmd.Text,
		"response_url": cmd.ResponseURL, "trigger_id": cmd.TriggerID, "api_app_id": cmd.APIAppID} {
		v.Set(k, s)
	}
	return g.Post(endpoint, "application/x-www-form-urlencoded", []byte(v.Encode()))
}

// Interaction posts an interaction (a button, a modal submission) as
// Slack does: a form with one field, payload, holding its JSON.
func (g Signer) Interaction(endpoint string, payload any) (*http.Response, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, err
	}
	return g.Post(endpoint, "application/x-www-form-urlencoded", []byte(url.Values{"payload": {string(b)}}.Encode()))
}

// Event posts an Events API callback (or url_verification), as JSON.
func (g Signer) Event(endpoint string, payload any) (*http.Response, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, err
	}
	return g.Post(endpoint, "application/json", b)
}
