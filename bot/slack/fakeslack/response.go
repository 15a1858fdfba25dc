package fakeslack

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Response is what the bot posted to a response_url: the answer to a
// slash command or an interaction.
type Response struct {
	URL          string
	ResponseType string `json:"response_type"`
	Text         string `json:"text"`
	Blocks       json.RawMessage
	Replace      bool `json:"replace_original"`
}

// serveResponse records a POST to a response_url.
func (s *Server) serveResponse(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ResponseType string          `json:"response_type"`
		Text         string          `json:"text"`
		Blocks       json.RawMessage `json:"blocks"`
		Replace      bool            `json:"replace_original"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.responses = append(s.responses, Response{URL: r.URL.Path, ResponseType: body.ResponseType, Text: body.Text, Blocks: body.Blocks, Replace: body.Replace})
	s.mu.Unlock()
	w.Write([]byte("ok"))
}

// Responses returns what was posted to response URLs whose path ends with
// suffix ("" for all), oldest first.
func (s *Server) Responses(suffix string) []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Response
	for _, r := range s.responses {
		if strings.HasSuffix(r.URL, suffix) {
			out = append(out, r)
		}
	}
	return out
}
