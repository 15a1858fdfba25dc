package bot

import "github.com/guildhall/guildhall/pkg/guild"

// Form is a command's arguments laid out as fields for a platform to show
// (a Slack or Discord modal). A form that failed validation comes back with
// the values typed and an error on the field at fault, so nothing is lost.
type Form struct {
	// Command is the command's path; Bot.Submit takes it back.
	Command string
	Title   string
	Fields  []Field
	// Error is a message about the form as a whole.
	Error string
}

// Field is one form field.
type Field struct {
	// Key is an option key or a positional argument's name.
	Key       string
	Label     string
	Hint      string
	Value     string
	Required  bool
	Multiline bool
	// User fields take a user (a user picker where the platform has one).
	User bool
	// Max is the length cap in characters.
	Max int
	// Error is this field's validation message.
	Error string
}

// FormFor returns c's form filled with the given values (by field key).
func FormFor(c *Command, values map[string]string) *Form {
	title := c.Title
	if title == "" {
		title = c.Summary
	}
	f := &Form{Command: c.Path, Title: title}
	for _, a := range c.Args {
		label := a.Label
		if label == "" {
			label = a.Name
		}
		f.Fields = append(f.Fields, Field{Key: a.Name, Label: label, Value: values[a.Name], Required: a.Required, User: a.User, Max: maxOr(a.Max)})
	}
	for _, o := range c.Options {
		label := o.Label
		if label == "" {
			label = o.Key
		}
		f.Fields = append(f.Fields, Field{Key: o.Key, Label: label, Hint: o.Hint, Value: values[o.Key], Required: o.Required, Multiline: o.Multiline, Max: maxOr(o.Max)})
	}
	return f
}

func maxOr(n int) int {
	if n == 0 {
		return guild.MaxName
	}
	return n
}

// setError puts err's message on the field it blames, or on the form.
func (f *Form) setError(err error) {
	field, msg := guild.ErrorField(err), guild.ErrorMessage(err)
	for i := range f.Fields {
		if f.Fields[i].Key == field {
			f.Fields[i].Error = msg
			return
		}
	}
	f.Error = msg
}
