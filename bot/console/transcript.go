package console

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Transcript is the console's record of what it delivered: one JSON line
// per message, carrying the message's idempotency key. It is how the
// console makes a send idempotent: a message whose key is already in the
// transcript was delivered, and is not delivered again.
//
// Each record is appended with a single write to a file opened for
// appending, so a process killed mid-way leaves whole records (at worst a
// cut last line, which is skipped when read).
type Transcript struct {
	path string

	mu   sync.Mutex
	f    *os.File
	keys map[string]bool // loaded on first use
}

// Record is one delivered message in the transcript.
type Record struct {
	Key  string    `json:"key"`
	At   time.Time `json:"at"`
	To   string    `json:"to"`
	Body string    `json:"body"`
}

// OpenTranscript opens, or creates, the transcript at path.
func OpenTranscript(path string) (*Transcript, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("console: open transcript: %w", err)
	}
	// A record cut off by a crash has no newline: start a fresh line, so
	// the next record stays whole.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
			if _, err := f.Write([]byte{'\n'}); err != nil {
				f.Close()
				return nil, fmt.Errorf("console: transcript: %w", err)
			}
		}
	}
	return &Transcript{path: path, f: f}, nil
}

// Path is the transcript's file.
func (t *Transcript) Path() string { return t.path }

// Close closes the transcript.
func (t *Transcript) Close() error { return t.f.Close() }

// Has reports whether a message with key is in the transcript.
func (t *Transcript) Has(key string) (bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.load(); err != nil {
		return false, err
	}
	return t.keys[key], nil
}

// Append records a delivered message, unless its key is already there; it
// reports whether it appended.
func (t *Transcript) Append(r Record) (bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.keys != nil && t.keys[r.Key] {
		return false, nil
	}
	line, err := json.Marshal(r)
	if err != nil {
		return false, fmt.Errorf("console: transcript: %w", err)
	}
	if _, err := t.f.Write(append(line, '\n')); err != nil {
		return false, fmt.Errorf("console: write transcript: %w", err)
	}
	if t.keys != nil {
		t.keys[r.Key] = true
	}
	return true, nil
}

// load reads the keys once; records appended after are added as they are
// written. Another process appending to the same transcript is not seen,
// which is why two runners are kept apart by the outbox's leases.
func (t *Transcript) load() error {
	if t.keys != nil {
		return nil
	}
	rs, err := ReadTranscript(io.NewSectionReader(t.f, 0, 1<<62))
	if err != nil {
		return err
	}
	t.keys = make(map[string]bool, len(rs))
	for _, r := range rs {
		t.keys[r.Key] = true
	}
	return nil
}

// ReadTranscript reads every whole record of a transcript, skipping lines
// that are not one (a record cut off by a crash).
func ReadTranscript(r io.Reader) ([]Record, error) {
	var out []Record
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadBytes('\n')
		if line = bytes.TrimSpace(line); len(line) > 0 {
			var rec Record
			if json.Unmarshal(line, &rec) == nil && rec.Key != "" {
				out = append(out, rec)
			}
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("console: read transcript: %w", err)
		}
	}
}
