package bot

import (
	"context"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Request is a command ready to run: its arguments checked against its
// Command spec and the acting user resolved.
type Request struct {
	Command *Command
	// User is the acting user, as stored.
	User *guild.User
	// Message is what the platform delivered.
	Message Message

	args     map[string]string
	mentions map[string]*Mention
	opts     map[string]string
	bot      *Bot
}

// Arg returns the positional argument called name ("NAME"), or "".
func (r *Request) Arg(name string) string { return r.args[name] }

// Opt returns the option key and whether it was given.
func (r *Request) Opt(key string) (string, bool) {
	v, ok := r.opts[key]
	return v, ok
}

// OptPtr returns a pointer to the option's value, or nil when it was not
// given, for partial updates.
func (r *Request) OptPtr(key string) *string {
	if v, ok := r.opts[key]; ok {
		return &v
	}
	return nil
}

// UserArg resolves the user argument called name (a mention) to a stored
// user of the acting user's platform.
func (r *Request) UserArg(ctx context.Context, name string) (*guild.User, error) {
	m := r.mentions[name]
	if m == nil {
		v := strings.TrimPrefix(r.args[name], "@")
		if v == "" {
			return nil, guild.FieldErrorf(name, "Mention someone for %s, such as @alex.", name)
		}
		m = &Mention{Name: v}
	}
	ref := m.ID
	if ref == "" {
		ref = m.Name
	}
	return r.bot.Users.FindUser(ctx, r.User.Platform, ref)
}

// Typed returns the command as the user typed it, or as it would be typed
// when it came from a form, so a refused command can be echoed back.
func (r *Request) Typed() string {
	if r.Message.Text != "" {
		return r.Message.Text
	}
	return typed(r.Command, r.args, r.opts)
}

func typed(c *Command, args, opts map[string]string) string {
	parts := []string{"/" + c.Path}
	for _, a := range c.Args {
		if v := args[a.Name]; v != "" {
			if a.User {
				parts = append(parts, "@"+strings.TrimPrefix(v, "@"))
			} else {
				parts = append(parts, guild.QuoteArg(v))
			}
		}
	}
	for _, o := range c.Options {
		if v, ok := opts[o.Key]; ok {
			parts = append(parts, o.Key+"="+guild.QuoteArg(v))
		}
	}
	return strings.Join(parts, " ")
}
