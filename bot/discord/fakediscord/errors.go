package fakediscord

import (
	"net/http"
	"strconv"
)

// Discord's JSON error codes that the fake answers with.
const (
	CodeGeneral                 = 0
	CodeUnknownApplication      = 10002
	CodeUnknownChannel          = 10003
	CodeUnknownGuild            = 10004
	CodeUnknownMember           = 10007
	CodeUnknownMessage          = 10008
	CodeUnknownUser             = 10013
	CodeUnknownWebhook          = 10015
	CodeUnknownInteraction      = 10062
	CodeOpeningDMsTooFast       = 40003
	CodeAlreadyAcknowledged     = 40060
	CodeMissingAccess           = 50001
	CodeCannotEditOthersMessage = 50005
	CodeEmptyMessage            = 50006
	CodeCannotSendToUser        = 50007
	CodeInvalidWebhookToken     = 50027
	CodeInvalidFormBody         = 50035
	CodeInvalidJSON             = 50109
)

// apiError is an error answer: Discord's {"code", "message"} body, and
// "errors" for an invalid form body.
type apiError struct {
	Code   int            `json:"code"`
	Msg    string         `json:"message"`
	Errors map[string]any `json:"errors,omitempty"`
}

func errorReply(status, code int, msg string) reply {
	return reply{status: status, body: &apiError{Code: code, Msg: msg}}
}

func notFound(code int, msg string) reply { return errorReply(http.StatusNotFound, code, msg) }

func unauthorized() reply {
	return errorReply(http.StatusUnauthorized, CodeGeneral, "401: Unauthorized")
}

func invalidJSON() reply {
	return errorReply(http.StatusBadRequest, CodeInvalidJSON, "The request body contains invalid JSON.")
}

// formErrors collects the field errors of an invalid form body, in
// Discord's shape: {"content": {"_errors": [{"code", "message"}]}}, nested
// by path, with list indexes as keys.
type formErrors map[string]any

// add records an error at path (such as "components", "0", "custom_id").
func (f formErrors) add(code, msg string, path ...string) {
	m := map[string]any(f)
	for _, p := range path {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	errs, _ := m["_errors"].([]map[string]string)
	m["_errors"] = append(errs, map[string]string{"code": code, "message": msg})
}

// length adds a BASE_TYPE_BAD_LENGTH error for a value that must be
// between lo and hi characters long.
func (f formErrors) length(lo, hi int, path ...string) {
	if lo == 0 {
		f.add("BASE_TYPE_MAX_LENGTH", "Must be "+strconv.Itoa(hi)+" or fewer in length.", path...)
		return
	}
	f.add("BASE_TYPE_BAD_LENGTH", "Must be between "+strconv.Itoa(lo)+" and "+strconv.Itoa(hi)+" in length.", path...)
}

// reply is the answer, or nil when there are no errors.
func (f formErrors) reply() *reply {
	if len(f) == 0 {
		return nil
	}
	r := reply{status: http.StatusBadRequest, body: &apiError{Code: CodeInvalidFormBody,
		Msg: "Invalid Form Body", Errors: f}}
	return &r
}
