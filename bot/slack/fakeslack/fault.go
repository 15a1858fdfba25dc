package fakeslack

import "time"

// Fault is what the next call of a method does instead of its usual
// answer.
type Fault struct {
	// Status and Body answer the call; Status 0 answers as usual, after
	// Delay.
	Status int
	Body   any
	// RetryAfter sets a Retry-After header (whole seconds).
	RetryAfter time.Duration
	// Delay holds the answer back, to play a slow Slack.
	Delay time.Duration
}

// Fail makes the next n calls of method answer with fault f, in turn.
func (s *Server) Fail(method string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], f)
	}
}

// takeFault returns the next fault injected for method.
func (s *Server) takeFault(method string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.faults[method]
	if len(fs) == 0 {
		return Fault{}, false
	}
	s.faults[method] = fs[1:]
	return fs[0], true
}
