package fakeslack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
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
	resp := Response{URL: r.URL.Path, ResponseType: body.ResponseType, Text: body.Text, Blocks: body.Blocks, Replace: body.Replace}
	s.mu.Lock()
	s.responses = append(s.responses, resp)
	waiters := s.waiting[r.URL.Path]
	delete(s.waiting, r.URL.Path)
	s.mu.Unlock()
	for _, ch := range waiters {
		ch <- resp
	}
	w.Write([]byte("ok"))
}

// WaitResponse blocks until the bot posts to responseURL (as given in a
// SlashCommand), and returns the first post, or ctx's error.
func (s *Server) WaitResponse(ctx context.Context, responseURL string) (Response, error) {
	u, err := url.Parse(responseURL)
	if err != nil {
		return Response{}, err
	}
	ch := make(chan Response, 1)
	s.mu.Lock()
	for _, r := range s.responses {
		if r.URL == u.Path {
			s.mu.Unlock()
			return r, nil
		}
	}
	if s.waiting == nil {
		s.waiting = map[string][]chan Response{}
	}
	s.waiting[u.Path] = append(s.waiting[u.Path], ch)
	s.mu.Unlock()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return Response{}, fmt.Errorf("fakeslack: nothing posted to %s: %w", u.Path, ctx.Err())
	}
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
