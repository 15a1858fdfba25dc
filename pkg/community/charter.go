package community

import (
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxListItems caps the number of goals or principles in a charter.
const MaxListItems = 30

// Charter says why a community exists, who it is for, where it is going and
// how it runs. Goals become backlog items the members work on together.
type Charter struct {
	Why        string
	Who        string
	Vision     string
	Goals      []string
	Principles []string
	UpdatedAt  time.Time
}

// IsZero reports whether nothing has been written in the charter.
func (c *Charter) IsZero() bool {
	return c.Why == "" && c.Who == "" && c.Vision == "" && len(c.Goals) == 0 && len(c.Principles) == 0
}

// CharterUpdate changes some fields of a charter; nil fields stay as they are.
type CharterUpdate struct {
	Why, Who, Vision  *string
	Goals, Principles *[]string
}

// IsZero reports whether the update changes nothing.
func (u *CharterUpdate) IsZero() bool {
	return u.Why == nil && u.Who == nil && u.Vision == nil && u.Goals == nil && u.Principles == nil
}

// Validate checks every field against the caps.
func (u *CharterUpdate) Validate() error {
	if u.IsZero() {
		return guild.Errorf(guild.EINVALID, "Give at least one of why=, who=, vision=, goals= or principles=.")
	}
	for _, f := range []struct {
		key string
		v   *string
	}{{"why", u.Why}, {"who", u.Who}, {"vision", u.Vision}} {
		if f.v != nil {
			if err := guild.CheckText(f.key, *f.v, false); err != nil {
				return err
			}
		}
	}
	for _, f := range []struct {
		key string
		v   *[]string
	}{{"goals", u.Goals}, {"principles", u.Principles}} {
		if f.v == nil {
			continue
		}
		if len(*f.v) > MaxListItems {
			return guild.FieldErrorf(f.key, "%s has %d items; the limit is %d.", f.key, len(*f.v), MaxListItems)
		}
		for _, item := range *f.v {
			if strings.TrimSpace(item) == "" {
				return guild.FieldErrorf(f.key, "%s has an empty item; separate items with semicolons, as in %s=\"a; b\".", f.key, f.key)
			}
		}
		if err := guild.CheckText(f.key, strings.Join(*f.v, "; "), false); err != nil {
			return err
		}
	}
	return nil
}

// Apply writes the update's fields into c.
func (u *CharterUpdate) Apply(c *Charter) {
	if u.Why != nil {
		c.Why = *u.Why
	}
	if u.Who != nil {
		c.Who = *u.Who
	}
	if u.Vision != nil {
		c.Vision = *u.Vision
	}
	if u.Goals != nil {
		c.Goals = *u.Goals
	}
	if u.Principles != nil {
		c.Principles = *u.Principles
	}
}

// SplitList splits "a; b; c" (or one item per line) into trimmed, non-empty
// items, dropping repeats.
func SplitList(s string) []string {
	items := []string{}
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		k := guild.NameKey(part)
		if part == "" || seen[k] {
			continue
		}
		seen[k] = true
		items = append(items, part)
	}
	return items
}
