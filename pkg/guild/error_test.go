package guild_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
)

func TestErrorAccessors(t *testing.T) {
	coded := &guild.Error{Code: guild.ECONFLICT, Message: "Already there.", Field: "name"}
	internal := errors.New("sqlite: disk I/O error at /var/lib/secret.db")
	tests := []struct {
		name        string
		err         error
		wantCode    string
		wantMessage string
		wantField   string
	}{
		{"nil", nil, "", "", ""},
		{"*Error", coded, guild.ECONFLICT, "Already there.", "name"},
		{"wrapped *Error", fmt.Errorf("sqlite: create: %w", coded), guild.ECONFLICT, "Already there.", "name"},
		{"twice wrapped *Error", fmt.Errorf("a: %w", fmt.Errorf("b: %w", coded)), guild.ECONFLICT, "Already there.", "name"},
		{"joined *Error", errors.Join(internal, coded), guild.ECONFLICT, "Already there.", "name"},
		{"Errorf", guild.Errorf(guild.ENOTFOUND, "No %s called %q.", "community", "x"), guild.ENOTFOUND, `No community called "x".`, ""},
		{"FieldErrorf", guild.FieldErrorf("tz", "Bad %s.", "zone"), guild.EINVALID, "Bad zone.", "tz"},
		{"plain error", internal, guild.EINTERNAL, "Something went wrong on our side. Nothing was changed; please try again.", ""},
		{"wrapped plain error", fmt.Errorf("outer: %w", internal), guild.EINTERNAL, "Something went wrong on our side. Nothing was changed; please try again.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guild.ErrorCode(tt.err); got != tt.wantCode {
				t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.wantCode)
			}
			if got := guild.ErrorMessage(tt.err); got != tt.wantMessage {
				t.Errorf("ErrorMessage(%v) = %q, want %q", tt.err, got, tt.wantMessage)
			}
			if got := guild.ErrorField(tt.err); got != tt.wantField {
				t.Errorf("ErrorField(%v) = %q, want %q", tt.err, got, tt.wantField)
			}
		})
	}
}

func TestErrorMessageDoesNotLeakInternals(t *testing.T) {
	err := fmt.Errorf("sqlite: find user: %w", errors.New("no such table: users_secret"))
	msg := guild.ErrorMessage(err)
	for _, leak := range []string{"sqlite", "users_secret", "no such table"} {
		if strings.Contains(msg, leak) {
			t.Errorf("ErrorMessage(%v) = %q, which leaks %q", err, msg, leak)
		}
	}
	if msg == "" {
		t.Errorf("ErrorMessage(%v) = \"\", want a generic message", err)
	}
}

func TestErrorString(t *testing.T) {
	err := guild.Errorf(guild.EFORBIDDEN, "Only %s may do that.", "@alice")
	got := err.Error()
	for _, want := range []string{guild.EFORBIDDEN, "Only @alice may do that."} {
		if !strings.Contains(got, want) {
			t.Errorf("Error() = %q, want it to contain %q", got, want)
		}
	}
	var target *guild.Error
	if !errors.As(fmt.Errorf("x: %w", err), &target) || target != err {
		t.Errorf("errors.As on a wrapped *Error did not find the original")
	}
}

func TestErrorCodesAreDistinct(t *testing.T) {
	codes := []string{guild.EINVALID, guild.ENOTFOUND, guild.EFORBIDDEN, guild.ECONFLICT, guild.EINTERNAL}
	seen := map[string]bool{}
	for _, c := range codes {
		if c == "" {
			t.Errorf("an error code is empty; ErrorCode(nil) returns \"\" so codes must not")
		}
		if seen[c] {
			t.Errorf("error code %q is used twice", c)
		}
		seen[c] = true
	}
}
