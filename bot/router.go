package bot

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Router holds the registered commands and matches lines to them.
type Router struct {
	commands map[string]*Command // by path
	groups   map[string][]*Command
	order    []string // top-level names in registration order
	summary  map[string]string
}

// NewRouter returns an empty router.
func NewRouter() *Router {
	return &Router{commands: map[string]*Command{}, groups: map[string][]*Command{}, summary: map[string]string{}}
}

// Group sets the one-line summary of a top-level command with
// sub-commands, shown by /help.
func (rt *Router) Group(name, summary string) { rt.summary[name] = summary }

// Register adds commands. It panics on a duplicate path or a spec that
// could never be typed, since both are programming errors.
func (rt *Router) Register(cmds ...*Command) {
	for _, c := range cmds {
		if _, dup := rt.commands[c.Path]; dup {
			panic("bot: command registered twice: " + c.Path)
		}
		if c.Run == nil || c.Summary == "" {
			panic("bot: command needs Run and Summary: " + c.Path)
		}
		name := c.Name()
		if _, ok := rt.groups[name]; !ok {
			rt.order = append(rt.order, name)
		}
		rt.commands[c.Path] = c
		rt.groups[name] = append(rt.groups[name], c)
	}
}

// Lookup returns the command at path, or nil.
func (rt *Router) Lookup(path string) *Command { return rt.commands[path] }

// Names returns the top-level command names in registration order.
func (rt *Router) Names() []string { return append([]string(nil), rt.order...) }

// Commands returns the commands under a top-level name, in registration
// order.
func (rt *Router) Commands(name string) []*Command { return rt.groups[name] }

// Summary returns the summary of a top-level name.
func (rt *Router) Summary(name string) string {
	if s, ok := rt.summary[name]; ok {
		return s
	}
	if cs := rt.groups[name]; len(cs) == 1 {
		return cs[0].Summary
	}
	return ""
}

// routeError is a refusal from routing, with the usage to show.
type routeError struct {
	err     *guild.Error
	command *Command // the command meant, when known
	group   string   // the group meant, when the sub-command was wrong
}

// Error implements error.
func (e *routeError) Error() string { return e.err.Error() }

// Match finds the command a parsed line names and binds its arguments.
// It returns the command and its positional args, mentions and options, or
// a *routeError saying what is wrong.
func (rt *Router) Match(l *Line) (*Command, map[string]string, map[string]*Mention, error) {
	cmds, ok := rt.groups[l.Name]
	if !ok {
		msg := fmt.Sprintf("I don't know the command /%s.", l.Name)
		if s := closest(l.Name, rt.order); s != "" {
			msg += fmt.Sprintf(" Did you mean /%s?", s)
		}
		return nil, nil, nil, &routeError{err: guild.Errorf(guild.EINVALID, "%s Type /help to see every command.", msg)}
	}
	words := l.Words
	var c *Command
	if len(cmds) == 1 && cmds[0].Sub() == "" {
		c = cmds[0]
	} else {
		if len(words) == 0 || words[0].Quoted || words[0].Mention != nil {
			return nil, nil, nil, &routeError{group: l.Name, err: guild.Errorf(guild.EINVALID, "/%s needs one of: %s.", l.Name, strings.Join(rt.subs(l.Name), ", "))}
		}
		sub := strings.ToLower(words[0].Text)
		c = rt.commands[l.Name+" "+sub]
		if c == nil {
			msg := fmt.Sprintf("/%s has no %q.", l.Name, words[0].Text)
			if s := closest(sub, rt.subs(l.Name)); s != "" {
				msg += fmt.Sprintf(" Did you mean /%s %s?", l.Name, s)
			}
			return nil, nil, nil, &routeError{group: l.Name, err: guild.Errorf(guild.EINVALID, "%s It takes: %s.", msg, strings.Join(rt.subs(l.Name), ", "))}
		}
		words = words[1:]
	}
	args, mentions, err := bindArgs(c, words)
	if err != nil {
		return nil, nil, nil, &routeError{command: c, err: err}
	}
	if err := checkOptions(c, l.Options, l.Keys); err != nil {
		return nil, nil, nil, &routeError{command: c, err: err}
	}
	return c, args, mentions, nil
}

func (rt *Router) subs(name string) []string {
	var out []string
	for _, c := range rt.groups[name] {
		out = append(out, c.Sub())
	}
	return out
}

func bindArgs(c *Command, words []Word) (map[string]string, map[string]*Mention, *guild.Error) {
	args := map[string]string{}
	mentions := map[string]*Mention{}
	if n := len(c.Args); n > 0 && c.Args[n-1].Rest && len(words) > n {
		words = joinRest(words, n-1)
	}
	if len(words) > len(c.Args) {
		extra := words[len(c.Args)]
		if len(c.Args) == 0 {
			return nil, nil, guild.Errorf(guild.EINVALID, "/%s takes no word like %q.", c.Path, extra.Text)
		}
		hint := ""
		if len(c.Args) > 0 && !extra.Quoted {
			hint = " If it is part of a name, put the name in quotes."
		}
		return nil, nil, guild.Errorf(guild.EINVALID, "I didn't expect %q there: /%s takes %d word(s) before its key=value options.%s", extra.Text, c.Path, len(c.Args), hint)
	}
	for i, a := range c.Args {
		if i >= len(words) {
			if a.Required {
				return nil, nil, guild.FieldErrorf(a.Name, "/%s needs %s.", c.Path, a.Name)
			}
			continue
		}
		w := words[i]
		switch {
		case a.User && w.Mention == nil:
			return nil, nil, guild.FieldErrorf(a.Name, "%s must mention someone, such as @alex; %q is not a mention.", a.Name, w.Text)
		case !a.User && w.Mention != nil:
			return nil, nil, guild.FieldErrorf(a.Name, "%s is a name, not a mention; %q looks like a mention. Put it in quotes if it is a name.", a.Name, w.Text)
		}
		if err := checkLen(a.Name, w.Text, a.Max); err != nil {
			return nil, nil, err
		}
		args[a.Name] = w.Text
		if w.Mention != nil {
			mentions[a.Name] = w.Mention
		}
	}
	return args, mentions, nil
}

// joinRest joins words[from:] into one word when none is a mention.
func joinRest(words []Word, from int) []Word {
	parts := make([]string, 0, len(words)-from)
	for _, w := range words[from:] {
		if w.Mention != nil {
			return words
		}
		parts = append(parts, w.Text)
	}
	out := append([]Word(nil), words[:from]...)
	return append(out, Word{Text: strings.Join(parts, " "), Quoted: true})
}

func checkOptions(c *Command, opts map[string]string, keys []string) *guild.Error {
	for _, k := range keys {
		if c.option(k) == nil {
			if len(c.Options) == 0 {
				return guild.FieldErrorf(k, "/%s takes no key=value options, so %s= is unknown.", c.Path, k)
			}
			msg := fmt.Sprintf("/%s doesn't take %s=.", c.Path, k)
			keys := make([]string, len(c.Options))
			for i, o := range c.Options {
				keys[i] = o.Key
			}
			if s := closest(k, keys); s != "" {
				msg += fmt.Sprintf(" Did you mean %s=?", s)
			}
			return guild.FieldErrorf(k, "%s It takes %s.", msg, c.optionKeys())
		}
	}
	for _, o := range c.Options {
		v, ok := opts[o.Key]
		if o.Required && (!ok || strings.TrimSpace(v) == "") {
			return guild.FieldErrorf(o.Key, "/%s needs %s=%s.", c.Path, o.Key, o.Value)
		}
		if ok {
			if err := checkLen(o.Key, v, o.Max); err != nil {
				return err
			}
		}
	}
	if c.AtLeastOne && len(opts) == 0 {
		return guild.Errorf(guild.EINVALID, "/%s needs at least one of %s.", c.Path, c.optionKeys())
	}
	return nil
}

func checkLen(field, v string, max int) *guild.Error {
	if max == 0 {
		max = guild.MaxName
	}
	if n := utf8.RuneCountInString(v); n > max {
		return guild.FieldErrorf(field, "%s is %d characters long; the limit is %d.", field, n, max)
	}
	return nil
}

// closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely typo, or a candidate s is a prefix of.
func closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if s != "" && strings.HasPrefix(c, s) {
			return c
		}
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if limit := max(1, utf8.RuneCountInString(s)/3+1); bestD <= limit && bestD < utf8.RuneCountInString(best) {
		return best
	}
	return ""
}

// editDistance is the Damerau–Levenshtein (optimal string alignment)
// distance between a and b, counting an adjacent transposition as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
