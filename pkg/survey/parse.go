package survey

import (
	"strconv"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxTalksRated caps how many talks one answer rates or comments on.
const MaxTalksRated = 50

// ParseID reads a number as replies name it, with or without its "#":
// "#12" or "12", for field, which says what it numbers (a talk, an idea, a
// comment).
func ParseID(field, what, s string) (int64, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "#")
	id, err := strconv.ParseInt(t, 10, 64)
	if err != nil || id <= 0 {
		return 0, guild.FieldErrorf(field, "%s is not %s number; give it as replies show it, such as #12.", guild.QuoteArg(s), what)
	}
	return id, nil
}

// ParseCommentID reads a comment's number as replies name it, "#c7",
// also "c7", "#7" or "7", for field.
func ParseCommentID(field, s string) (int64, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(t) > 1 && (t[0] == 'c' || t[0] == 'C') {
		t = t[1:]
	}
	id, err := strconv.ParseInt(t, 10, 64)
	if err != nil || id <= 0 {
		return 0, guild.FieldErrorf(field, "%s is not a comment's number; give it as /survey results shows it, such as #c7.", guild.QuoteArg(s))
	}
	return id, nil
}

// ParseRating reads an overall rating, 1 to 5, for field.
func ParseRating(field, s string) (int, error) {
	t := strings.TrimSpace(s)
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(t, "★"), "/5"))
	if err != nil {
		return 0, guild.FieldErrorf(field, "%s=%s is not a rating; give a whole number from 1 (poor) to 5 (excellent), such as %s=4.", field, guild.QuoteArg(s), field)
	}
	if n < 1 || n > 5 {
		return 0, guild.FieldErrorf(field, "%s=%d is out of range: rate from 1 (poor) to 5 (excellent).", field, n)
	}
	return n, nil
}

// ParseRatings reads the ratings of talks attended, typed as
// ratings="#11=5 #12=4" (also "11:5, 12:4").
func ParseRatings(s string) (map[int64]int, error) {
	out := map[int64]int{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\n' || r == '\t' }) {
		id, r, ok := strings.Cut(part, "=")
		if !ok {
			id, r, ok = strings.Cut(part, ":")
		}
		if !ok || strings.TrimSpace(r) == "" {
			return nil, guild.FieldErrorf("ratings", `%s is not a talk's rating; rate each talk you attended as #ID=1..5, such as ratings="#11=5 #12=4".`, guild.QuoteArg(part))
		}
		talk, err := ParseID("ratings", "a talk's", id)
		if err != nil {
			return nil, err
		}
		n, err := strconv.Atoi(strings.TrimSpace(r))
		if err != nil || n < 1 || n > 5 {
			return nil, guild.FieldErrorf("ratings", "%s is out of range for #%d: rate each talk from 1 (poor) to 5 (excellent).", guild.QuoteArg(r), talk)
		}
		if _, dup := out[talk]; dup {
			return nil, guild.FieldErrorf("ratings", "#%d is rated twice; rate each talk once.", talk)
		}
		out[talk] = n
	}
	if len(out) > MaxTalksRated {
		return nil, guild.FieldErrorf("ratings", "That rates %d talks; one answer rates at most %d.", len(out), MaxTalksRated)
	}
	return out, nil
}

// ParseComments reads comments for speakers, typed as
// comments="#11: clear and short; #12: slower, please": each starts with
// the talk's number and a colon, and they are separated by semicolons.
func ParseComments(s string) (map[int64]string, error) {
	out := map[int64]string{}
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, text, ok := strings.Cut(part, ":")
		if !ok {
			return nil, guild.FieldErrorf("comments", `%s does not say which talk it is for; start each comment with the talk's number and a colon, such as comments="#11: clear and short; #12: slower, please".`, guild.QuoteArg(excerpt(part, 40)))
		}
		talk, err := ParseID("comments", "a talk's", id)
		if err != nil {
			return nil, err
		}
		if _, dup := out[talk]; dup {
			return nil, guild.FieldErrorf("comments", "There are two comments on #%d; give one per talk.", talk)
		}
		out[talk] = strings.TrimSpace(text)
	}
	if len(out) > MaxTalksRated {
		return nil, guild.FieldErrorf("comments", "That comments on %d talks; one answer comments on at most %d.", len(out), MaxTalksRated)
	}
	return out, nil
}

// excerpt cuts s to at most n characters, with an ellipsis when cut, for
// echoing input in a refusal.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
