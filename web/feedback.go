package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/templates"
)

// Surveys reads a survey's answers for its organisers; survey.Service
// does.
type Surveys interface {
	// Results adds up the event's answers, for the acting user.
	Results(ctx context.Context, event string) (*survey.Results, error)
	// Export returns every answer of the event's survey, for the acting
	// user.
	Export(ctx context.Context, event string) (survey.Rows, error)
}

// Users finds whom a signed link was made for, by the store's id, with
// Organiser set as of now.
type Users interface {
	User(ctx context.Context, id int64) (*guild.User, error)
}

// serveFeedback serves the organisers' feedback page of an event's survey.
func (h *Handler) serveFeedback(w http.ResponseWriter, r *http.Request) {
	name, me, until, ok := h.organiser(w, r)
	if !ok {
		return
	}
	res, err := h.Surveys.Results(guild.NewContextWithUser(r.Context(), me), name)
	if !h.surveyOK(w, r, name, err) {
		return
	}
	csv := "feedback.csv?" + r.URL.RawQuery
	var buf bytes.Buffer
	if err := templates.RenderHTML(&buf, "feedback", templates.NewWebFeedback(res, me, until, h.Now(), csv)); err != nil {
		h.fail(w, r, "render the feedback page", err)
		return
	}
	send(w, r, "text/html; charset=utf-8", buf.Bytes())
}

// serveFeedbackCSV serves every answer of an event's survey as CSV.
func (h *Handler) serveFeedbackCSV(w http.ResponseWriter, r *http.Request) {
	name, me, _, ok := h.organiser(w, r)
	if !ok {
		return
	}
	rows, err := h.Surveys.Export(guild.NewContextWithUser(r.Context(), me), name)
	if !h.surveyOK(w, r, name, err) {
		return
	}
	var buf bytes.Buffer
	if err := survey.WriteCSV(&buf, rows); err != nil {
		h.fail(w, r, "write the CSV", err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileName(name)+`-feedback.csv"`)
	send(w, r, "text/csv; charset=utf-8", buf.Bytes())
}

// organiser checks the request's signed link and returns the event, the
// organiser it was made for and when it stops working. Feedback is never
// cached anywhere, nor indexed. When it returns false it has answered.
func (h *Handler) organiser(w http.ResponseWriter, r *http.Request) (string, *guild.User, time.Time, bool) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	name := r.PathValue("name")
	if name == "" || len(name) > maxName || !utf8.ValidString(name) || h.Surveys == nil || h.Users == nil || h.Now == nil {
		h.errorPage(w, http.StatusNotFound, templates.WebError{Title: "No feedback here",
			Message: "There is no feedback page at this address."})
		return "", nil, time.Time{}, false
	}
	ask := fmt.Sprintf("Organisers get a link to it, for themselves alone, with /survey results %s in chat.", guild.QuoteArg(truncate(name, 80)))
	id, until, bad := h.Signer.verify(r.URL.Query(), name, h.Now())
	switch bad {
	case linkMissing:
		h.errorPage(w, http.StatusForbidden, templates.WebError{Title: "For organisers only",
			Message: "This page holds the answers to an event's survey, so only its organisers may open it.", Hint: ask})
		return "", nil, time.Time{}, false
	case linkForged:
		h.errorPage(w, http.StatusForbidden, templates.WebError{Title: "This link is not valid",
			Message: "The link has been changed or was not made by guildhall, so it does not open the feedback.", Hint: ask})
		return "", nil, time.Time{}, false
	case linkExpired:
		h.errorPage(w, http.StatusForbidden, templates.WebError{Title: "This link has expired",
			Message: fmt.Sprintf("The link stopped working on %s.", templates.When(until, time.UTC)), Hint: ask})
		return "", nil, time.Time{}, false
	}
	me, err := h.Users.User(r.Context(), id)
	if err != nil && guild.ErrorCode(err) != guild.ENOTFOUND {
		h.fail(w, r, "find the link's user", err)
		return "", nil, time.Time{}, false
	}
	if me == nil || !me.Organiser {
		h.errorPage(w, http.StatusForbidden, templates.WebError{Title: "For organisers only",
			Message: "The link was made for someone who is no longer an organiser, so it no longer opens the feedback.", Hint: ask})
		return "", nil, time.Time{}, false
	}
	return name, me, until, true
}

// surveyOK answers for err, the store's refusal, and reports whether
// there was none.
func (h *Handler) surveyOK(w http.ResponseWriter, r *http.Request, name string, err error) bool {
	switch code := guild.ErrorCode(err); {
	case err == nil:
		return true
	case code == guild.ENOTFOUND:
		h.errorPage(w, http.StatusNotFound, templates.WebError{Title: "No such event", Message: guild.ErrorMessage(err)})
	case code == guild.ECONFLICT:
		h.errorPage(w, http.StatusConflict, templates.WebError{Title: "No answers yet", Message: guild.ErrorMessage(err)})
	case code == guild.EFORBIDDEN:
		h.errorPage(w, http.StatusForbidden, templates.WebError{Title: "For organisers only", Message: guild.ErrorMessage(err)})
	case code == guild.EINVALID:
		h.errorPage(w, http.StatusBadRequest, templates.WebError{Title: "Bad request", Message: guild.ErrorMessage(err)})
	default:
		h.fail(w, r, "read the survey of "+truncate(name, 80), err)
	}
	return false
}

// fileName makes an event's name safe for a download's file name.
func fileName(name string) string {
	b := []rune{}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b = append(b, r)
		case r == ' ' || r == '.':
			b = append(b, '-')
		}
	}
	if len(b) == 0 {
		return "event"
	}
	return string(b)
}

// FeedbackURL returns the address of the feedback page of event for user
// until until, under base (such as http://127.0.0.1:8080), and of its CSV.
func (s Signer) FeedbackURL(base, event string, user int64, until time.Time) (page, csv string) {
	q := s.Query(event, user, until)
	dir := base + "/events/" + url.PathEscape(event) + "/"
	return dir + "feedback?" + q, dir + "feedback.csv?" + q
}
