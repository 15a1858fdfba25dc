package fakediscord

import (
	"net/http"
	"strconv"
	"time"
)

// Fault is what the next call of a route does instead of its usual
// answer.
type Fault struct {
	// Status, Code and Message answer the call with Discord's error body
	// {"code": Code, "message": Message}; Status 0 answers as usual, after
	// Delay. A 429 answers a rate limit instead: {"message",
	// "retry_after": RetryAfter, "global": Global}, with Code added when
	// set, and the headers Discord sends with it.
	Status  int
	Code    int
	Message string
	// RetryAfter is the wait a 429 asks for.
	RetryAfter time.Duration
	// Global makes a 429 the global rate limit's.
	Global bool
	// Delay holds the answer back, in real time, to play a slow Discord; a
	// client that gives up first gets no answer.
	Delay time.Duration
}

// Fail makes the next n calls of route (such as RouteCreateMessage) answer
// with fault f, in turn, before any token or rate-limit check.
func (s *Server) Fail(route string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[route] = append(s.faults[route], f)
	}
}

// takeFault returns the next fault injected for route.
func (s *Server) takeFault(route string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.faults[route]
	if len(fs) == 0 {
		return Fault{}, false
	}
	s.faults[route] = fs[1:]
	return fs[0], true
}

// wait holds the answer for f.Delay, and reports false if the client went
// away meanwhile.
func (f Fault) wait(r *http.Request) bool {
	if f.Delay <= 0 {
		return true
	}
	t := time.NewTimer(f.Delay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// reply is the fault's answer.
func (f Fault) reply(h http.Header) reply {
	if f.Status == http.StatusTooManyRequests {
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", seconds(f.RetryAfter))
		return rateLimited(h, f.RetryAfter, f.Global, f.Code, f.Message)
	}
	msg := f.Message
	if msg == "" {
		msg = strconv.Itoa(f.Status) + ": " + http.StatusText(f.Status)
	}
	return errorReply(f.Status, f.Code, msg)
}
