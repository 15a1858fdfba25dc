package bot

import (
	"context"
	"strings"
)

// HandlerFunc runs a command whose arguments have been checked against its
// Command spec.
type HandlerFunc func(ctx context.Context, r *Request) (*Response, error)

// Command describes one command: its place in the command surface, the
// arguments it takes, its help, and its handler. Usage, help, argument
// checks and forms are all derived from it.
type Command struct {
	// Path is the command's name and sub-command: "community create", or
	// "help" for a command without sub-commands.
	Path string
	// Summary is one line for /help.
	Summary string
	// Details, when set, is a longer explanation for /help COMMAND.
	Details string
	// Args are the positional arguments, in order.
	Args []Arg
	// Options are the key=value arguments.
	Options []Option
	// AtLeastOne, when true, requires at least one option.
	AtLeastOne bool
	// Form, when true, makes the command open a form on platforms that
	// can when it is given with no arguments at all.
	Form bool
	// Title is the form's title; it defaults to the summary.
	Title string
	// Run handles the command.
	Run HandlerFunc
}

// Arg is a positional argument.
type Arg struct {
	// Name is shown in usage, upper-case: NAME, STAGE, @member.
	Name string
	// Required arguments must be given.
	Required bool
	// User arguments take a mention (@name).
	User bool
	// Rest, on the last argument, takes every remaining word, so a name
	// with spaces works without quotes: /community join Test Automation.
	Rest bool
	// Max caps the length in characters; 0 means guild.MaxName.
	Max int
	// Label is the form field's label.
	Label string
}

// Option is a key=value argument.
type Option struct {
	// Key is the lower-case key.
	Key string
	// Value describes the value in usage: NAME, "...", YYYY-MM-DD.
	Value string
	// Required options must be given.
	Required bool
	// Max caps the length in characters; 0 means guild.MaxName.
	Max int
	// Label is the form field's label; Multiline makes it a text area.
	Label     string
	Multiline bool
	// Hint is placeholder text for the form field.
	Hint string
}

// Name returns the top-level command: "community" of "community create".
func (c *Command) Name() string {
	name, _, _ := strings.Cut(c.Path, " ")
	return name
}

// Sub returns the sub-command, or "".
func (c *Command) Sub() string {
	_, sub, _ := strings.Cut(c.Path, " ")
	return sub
}

// Usage returns how the command is typed: /community create NAME [about="..."].
func (c *Command) Usage() string {
	var b strings.Builder
	b.WriteString("/" + c.Path)
	for _, a := range c.Args {
		if a.Required {
			b.WriteString(" " + a.Name)
		} else {
			b.WriteString(" [" + a.Name + "]")
		}
	}
	for _, o := range c.Options {
		v := o.Key + "=" + o.Value
		if o.Required {
			b.WriteString(" " + v)
		} else {
			b.WriteString(" [" + v + "]")
		}
	}
	return b.String()
}

func (c *Command) option(key string) *Option {
	for i := range c.Options {
		if c.Options[i].Key == key {
			return &c.Options[i]
		}
	}
	return nil
}

func (c *Command) optionKeys() string {
	keys := make([]string, len(c.Options))
	for i, o := range c.Options {
		keys[i] = o.Key + "="
	}
	return strings.Join(keys, ", ")
}
