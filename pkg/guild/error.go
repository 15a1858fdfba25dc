package guild

import (
	"errors"
	"fmt"
)

// Error codes. They say what kind of failure happened; the edges (the bot,
// later the web pages) translate them into a reply or a status code.
const (
	EINVALID   = "invalid"   // the input was wrong; the message says how
	ENOTFOUND  = "not_found" // the thing named does not exist
	EFORBIDDEN = "forbidden" // the acting user may not do this
	ECONFLICT  = "conflict"  // the request clashes with the current state
	EINTERNAL  = "internal"  // a bug or an outage; the message is generic
)

// Error is guildhall's one error type. Its Message is written for the person
// who typed the command and is safe to show them; internal details stay in
// wrapped errors and logs, never in Message.
type Error struct {
	// Code is one of the E* constants.
	Code string
	// Message is a complete, user-facing sentence.
	Message string
	// Field, when set, names the argument or form field at fault, so a form
	// can show the message beside that field.
	Field string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("guild error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an EINVALID *Error blaming one field.
func FieldErrorf(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is, or wraps, an *Error, and
// EINTERNAL for any other non-nil error. It returns "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err if it is, or wraps, an
// *Error, and a generic message for any other non-nil error, so internal
// details never reach a user.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Nothing was changed; please try again."
}

// ErrorField returns the field an *Error blames, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
