package cfp

import (
	"strings"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Caps on a talk's tags.
const (
	// MaxTags caps how many tags a talk has.
	MaxTags = 5
	// MaxTagLen caps a tag's length, in characters.
	MaxTagLen = 30
)

// tagsExample is the usage a refusal of tags= shows.
const tagsExample = `tags="go, testing"`

// ParseTags parses a talk's tags, such as "Go, unit testing; CI": tags are
// separated by commas or semicolons, trimmed, lower-cased, with inner
// spaces turned into hyphens ("unit-testing"); a tag given twice is kept
// once, where it came first. "" and "none" mean no tags (nil). A talk has
// at most MaxTags tags of 1 to MaxTagLen characters each.
func ParseTags(s string) ([]string, error) {
	if !utf8.ValidString(s) {
		return nil, guild.FieldErrorf("tags", "tags is not valid text (it is not UTF-8). Give tags such as %s.", tagsExample)
	}
	if t := strings.TrimSpace(s); t == "" || strings.EqualFold(t, "none") {
		return nil, nil
	}
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		tag := strings.ToLower(strings.Join(strings.Fields(part), "-"))
		if tag == "" || seen[tag] {
			continue
		}
		if err := checkTag(tag); err != nil {
			return nil, err
		}
		seen[tag] = true
		out = append(out, tag)
	}
	if len(out) > MaxTags {
		return nil, guild.FieldErrorf("tags", "That is %d tags; a talk has at most %d, such as %s.", len(out), MaxTags, tagsExample)
	}
	return out, nil
}

// checkTag checks one tag's length and characters.
func checkTag(tag string) error {
	if n := utf8.RuneCountInString(tag); n > MaxTagLen {
		return guild.FieldErrorf("tags", "The tag %q is %d characters long; keep each tag to at most %d, such as %s.", tag, n, MaxTagLen, tagsExample)
	}
	if err := guild.CheckName("tags", tag, true); err != nil {
		return guild.FieldErrorf("tags", "%s Give tags such as %s.", guild.ErrorMessage(err), tagsExample)
	}
	return nil
}

// checkTags checks tags as ParseTags leaves them, so that a submission
// built without it cannot store what ParseTags would refuse.
func checkTags(tags []string) error {
	if len(tags) > MaxTags {
		return guild.FieldErrorf("tags", "That is %d tags; a talk has at most %d, such as %s.", len(tags), MaxTags, tagsExample)
	}
	seen := map[string]bool{}
	for _, tag := range tags {
		if tag == "" || tag != strings.ToLower(tag) || strings.ContainsAny(tag, ",; \t\r\n") || seen[tag] {
			return guild.FieldErrorf("tags", "%q is not a tag; give tags such as %s.", tag, tagsExample)
		}
		if err := checkTag(tag); err != nil {
			return err
		}
		seen[tag] = true
	}
	return nil
}
