package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/discord/fakediscord"
)

const fakediscordUsage = `guildhall fakediscord runs a stand-in of Discord on this machine, for demos and tests.

It prints the environment that points guildhall at it; start 'guildhall serve' with it in another
terminal. Then type lines here as a Discord user would, in the server's #general:

  @ann /community create Testers
  @sam /cfp submit DevDay title="Testing in production" format=talk
  @ann press Confirm          (presses that button in the latest message @ann sees offering it)
  @ann form name=Testers      (submits the form guildhall last opened for @ann)

A slash command's words fill the registered command's options in order, one word each (quote
words to keep them together; the last option takes the rest), key=value sets an option by name,
and @name fills a user option. Messages and answers are printed as they arrive.
  --users "ann,sam,olga"   the server's members (default ann, sam, olga)
  --http URL               post interactions, signed, to guildhall's HTTP interactions endpoint
                           (such as http://localhost:3000/discord/interactions) instead of the gateway`

// fakediscordChannel is the id of #general, where typed commands run.
const fakediscordChannel = "1200000000000000001"

// runFakediscord runs fakediscord until the input ends or ctx is done.
func runFakediscord(ctx context.Context, cfg *config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("fakediscord", stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, fakediscordUsage) }
	users := fs.String("users", "ann,sam,olga", "the server's members")
	endpoint := fs.String("http", "", "guildhall's HTTP interactions endpoint")
	if err := fs.Parse(args); err != nil {
		return usagef("fakediscord: %v", err)
	}
	out := &syncWriter{w: stdout}
	d := &discordDemo{out: out, ids: map[string]string{}, names: map[string]string{}, endpoint: *endpoint}
	d.srv = fakediscord.New(fakediscord.Options{Token: "fake", GlobalRate: 50, MessageRate: 1, MessageBurst: 5,
		DMOpenRate: 1, DMOpenBurst: 5, OnMessage: d.printMessage, OnCallback: d.printCallback})
	defer d.srv.Close()
	d.srv.AddChannel(fakediscordChannel, "general")
	for i, n := range strings.Split(*users, ",") {
		if n = strings.TrimSpace(n); n != "" {
			id := fmt.Sprintf("13%017d", i+1)
			d.srv.AddUser(id, n)
			d.srv.AddMember(id)
			d.ids[n], d.names[id] = id, n
		}
	}
	env := fmt.Sprintf("DISCORD_API_URL=%s DISCORD_BOT_TOKEN=fake DISCORD_APP_ID=%s DISCORD_GUILD_ID=%s",
		d.srv.URL(), d.srv.ApplicationID(), d.srv.GuildID())
	if d.endpoint != "" {
		env += " DISCORD_PUBLIC_KEY=" + d.srv.Signer().PublicKey() + " DISCORD_GATEWAY=off"
	}
	fmt.Fprintf(out, "fakediscord is running. In another terminal:\n\n  %s guildhall serve\n\nthen type lines such as: @%s /help\n",
		env, first(strings.Split(*users, ",")))
	wait, stop := context.WithTimeout(ctx, 10*time.Minute)
	defer stop()
	if d.endpoint == "" {
		if err := d.srv.WaitConnected(wait); err != nil {
			return err
		}
		fmt.Fprintln(out, "guildhall connected over the gateway.")
	} else {
		if _, err := d.srv.WaitCalls(wait, "", 1); err != nil {
			return err
		}
		fmt.Fprintln(out, "guildhall is calling the REST API; interactions go to "+d.endpoint+".")
	}
	sc := bufio.NewScanner(stdin)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			d.handle(ctx, line)
		}
	}
	return sc.Err()
}

// discordDemo is the fakediscord command's state.
type discordDemo struct {
	srv      *fakediscord.Server
	out      io.Writer
	ids      map[string]string // name → id
	names    map[string]string // id → name
	endpoint string
}

// handle runs one typed line.
func (d *discordDemo) handle(ctx context.Context, line string) {
	who, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	id := d.ids[strings.TrimPrefix(who, "@")]
	verb, text, _ := strings.Cut(rest, " ")
	var i *discordgo.Interaction
	var err error
	switch {
	case id != "" && verb == "press":
		i, err = d.press(id, strings.TrimSpace(text))
	case id != "" && verb == "form":
		i, err = d.form(id, text)
	case id != "" && strings.HasPrefix(verb, "/"):
		var name string
		var opts []*discordgo.ApplicationCommandInteractionDataOption
		dir := directory{users: d.ids, channels: map[string]string{"general": fakediscordChannel}}
		name, opts, err = slashOptions(d.srv.Commands(), dir, rest)
		if err == nil {
			i = d.srv.SlashCommand(id, fakediscordChannel, name, opts...)
		}
	default:
		fmt.Fprintf(d.out, "Type @NAME /command ..., @NAME press LABEL or @NAME form key=value ..., NAME one of %s.\n", strings.Join(slices.Sorted(maps.Keys(d.ids)), ", "))
		return
	}
	if err != nil {
		fmt.Fprintf(d.out, "%v\n", err)
		return
	}
	if err := d.send(ctx, i); err != nil {
		fmt.Fprintf(d.out, "fakediscord: %v\n", err)
		return
	}
	wait, stop := context.WithTimeout(ctx, 5*time.Second)
	defer stop()
	if _, err := d.srv.WaitResponse(wait, i.ID); err != nil {
		fmt.Fprintf(d.out, "guildhall did not answer within %v; Discord would show %s \"The application did not respond\".\n",
			fakediscord.ResponseWindow, who)
	}
}

// send dispatches i over the gateway, or posts it signed in HTTP mode.
func (d *discordDemo) send(ctx context.Context, i *discordgo.Interaction) error {
	if d.endpoint == "" {
		return d.srv.Interact(i)
	}
	resp, body, err := d.srv.Signer().Post(ctx, d.endpoint, i, time.Now())
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("guildhall answered %s: %s", resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}

// press presses the button labelled label in the latest message user
// sees that offers it.
func (d *discordDemo) press(user, label string) (*discordgo.Interaction, error) {
	ms := d.srv.Visible(user)
	for k := len(ms) - 1; k >= 0; k-- {
		if slices.Contains(discordButtons(ms[k]), label) {
			return d.srv.Press(user, ms[k], label)
		}
	}
	return nil, fmt.Errorf("no message @%s sees offers a %q button", d.names[user], label)
}

// form submits the form guildhall last opened for user, with the
// key=value pairs of text.
func (d *discordDemo) form(user, text string) (*discordgo.Interaction, error) {
	var form *fakediscord.Callback
	for _, cb := range d.srv.Callbacks() {
		if cb.User == user && cb.Type == discordgo.InteractionResponseModal {
			form = &cb
		}
	}
	if form == nil {
		return nil, fmt.Errorf("guildhall has opened no form for @%s", d.names[user])
	}
	l, err := bot.Parse("/form " + text)
	if err != nil {
		return nil, err
	}
	if len(l.Words) > 0 {
		return nil, fmt.Errorf("a form takes key=value pairs, such as name=Testers; %q is not one", l.Words[0].Text)
	}
	// Keys are typed in any case; the form's fields have theirs.
	values := map[string]string{}
	for k, v := range l.Options {
		id := k
		for _, f := range formFields(form.Components) {
			if strings.EqualFold(f.CustomID, k) {
				id = f.CustomID
			}
		}
		values[id] = v
	}
	return d.srv.ModalSubmit(user, form.CustomID, values)
}

// formField is a text input of a form.
type formField struct {
	CustomID string `json:"custom_id"`
	Label    string `json:"label"`
	Value    string `json:"value"`
}

// formFields lists a form's text inputs.
func formFields(components json.RawMessage) []formField {
	var rows []struct {
		Components []formField `json:"components"`
	}
	json.Unmarshal(components, &rows)
	var out []formField
	for _, r := range rows {
		out = append(out, r.Components...)
	}
	return out
}

// printMessage prints a message as it arrives or is edited.
func (d *discordDemo) printMessage(m fakediscord.Message) {
	to := "→ #general (Discord)"
	switch {
	case m.Ephemeral():
		to = "@" + d.names[m.InteractionUser] + " (only you can see this)"
	case m.ChannelID != fakediscordChannel:
		to = "→ channel " + m.ChannelID + " (Discord)"
		for id, name := range d.names {
			if d.srv.DMChannel(id) == m.ChannelID {
				to = "→ @" + name + " (Discord direct message)"
			}
		}
	}
	if m.Flags&128 != 0 {
		fmt.Fprintf(d.out, "%s: guildhall is thinking…\n", to)
		return
	}
	if m.Edited {
		to += ", edited"
	}
	buttons := ""
	for _, l := range discordButtons(m) {
		buttons += " [" + l + "]"
	}
	if buttons != "" {
		buttons = "\n    buttons:" + buttons
	}
	fmt.Fprintf(d.out, "%s:\n    %s%s\n", to, strings.ReplaceAll(m.Content, "\n", "\n    "), buttons)
}

// printCallback prints the answers that are not messages: a form.
func (d *discordDemo) printCallback(cb fakediscord.Callback) {
	if cb.Type != discordgo.InteractionResponseModal {
		return
	}
	var fields []string
	for _, c := range formFields(cb.Components) {
		f := strings.ToLower(c.CustomID) + "= (" + c.Label + ")"
		if c.Value != "" {
			f = strings.ToLower(c.CustomID) + "=" + strconv.Quote(c.Value)
		}
		fields = append(fields, f)
	}
	fmt.Fprintf(d.out, "@%s sees the form %q:\n    %s\n    fill it in with: @%s form KEY=VALUE ...\n",
		d.names[cb.User], cb.Title, strings.Join(fields, "\n    "), d.names[cb.User])
}

// discordButtons lists the labels of a message's buttons.
func discordButtons(m fakediscord.Message) []string {
	var rows []struct {
		Components []struct {
			Type  int    `json:"type"`
			Label string `json:"label"`
		} `json:"components"`
	}
	json.Unmarshal(m.Components, &rows)
	var out []string
	for _, r := range rows {
		for _, c := range r.Components {
			if c.Type == int(discordgo.ButtonComponent) {
				out = append(out, c.Label)
			}
		}
	}
	return out
}

// directory names the fake's members and channels: name → id.
type directory struct {
	users, channels map[string]string
}

// slashOptions turns a typed command line, "/cfp submit DevDay
// title=Testing", into the command's name and the options Discord would
// send, reading the registered commands: the first word is the command,
// the next the sub-command (and the one after it, for a group) when the
// command has sub-commands; key=value sets the option of that name;
// @name fills the next user option and #name a channel one; the other words fill the options not
// yet set, in the order registered, one word each (an option with choices
// only takes one of them), the last taking every word left.
func slashOptions(cmds []*discordgo.ApplicationCommand, dir directory, line string) (string, []*discordgo.ApplicationCommandInteractionDataOption, error) {
	l, err := bot.Parse(line)
	if err != nil {
		return "", nil, err
	}
	var cmd *discordgo.ApplicationCommand
	var names []string
	for _, c := range cmds {
		if c.Type == discordgo.ChatApplicationCommand || c.Type == 0 {
			names = append(names, "/"+c.Name)
			if c.Name == l.Name {
				cmd = c
			}
		}
	}
	if cmd == nil {
		if len(names) == 0 {
			return "", nil, fmt.Errorf("guildhall has not registered its commands yet")
		}
		return "", nil, fmt.Errorf("/%s is not a registered command; they are %s", l.Name, strings.Join(names, " "))
	}
	words := l.Words
	opts := cmd.Options
	path := "/" + cmd.Name
	var wrap []*discordgo.ApplicationCommandInteractionDataOption // the sub-command (group) options, outermost first
	for len(opts) > 0 && isSub(opts[0].Type) {
		var subs []string
		var pick *discordgo.ApplicationCommandOption
		for _, o := range opts {
			subs = append(subs, o.Name)
			if len(words) > 0 && !words[0].Quoted && strings.EqualFold(words[0].Text, o.Name) {
				pick = o
			}
		}
		if pick == nil {
			return "", nil, fmt.Errorf("%s needs one of: %s", path, strings.Join(subs, ", "))
		}
		words = words[1:]
		path += " " + pick.Name
		wrap = append(wrap, &discordgo.ApplicationCommandInteractionDataOption{Name: pick.Name, Type: pick.Type})
		opts = pick.Options
	}
	set := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, k := range l.Keys {
		o := findOption(opts, k)
		if o == nil {
			return "", nil, fmt.Errorf("%s has no option %s=; it takes %s", path, k, optionNames(opts))
		}
		v, err := optionValue(o, l.Options[k], dir)
		if err != nil {
			return "", nil, err
		}
		set[o.Name] = v
	}
	// Mentions fill user options, #name channel ones.
	var rest []bot.Word
	for _, w := range words {
		var typ discordgo.ApplicationCommandOptionType
		switch {
		case w.Mention != nil:
			typ = discordgo.ApplicationCommandOptionUser
		case !w.Quoted && strings.HasPrefix(w.Text, "#"):
			typ = discordgo.ApplicationCommandOptionChannel
		default:
			rest = append(rest, w)
			continue
		}
		o := nextUnset(opts, set, func(o *discordgo.ApplicationCommandOption) bool { return o.Type == typ })
		if o == nil {
			rest = append(rest, bot.Word{Text: w.Text})
			continue
		}
		v, err := optionValue(o, w.Text, dir)
		if err != nil {
			return "", nil, err
		}
		set[o.Name] = v
	}
	// The other words fill the other options in order.
	for len(rest) > 0 {
		o := nextUnset(opts, set, func(o *discordgo.ApplicationCommandOption) bool {
			if o.Type == discordgo.ApplicationCommandOptionUser || o.Type == discordgo.ApplicationCommandOptionChannel {
				return false
			}
			return len(o.Choices) == 0 || slices.ContainsFunc(o.Choices, func(c *discordgo.ApplicationCommandOptionChoice) bool {
				return fmt.Sprint(c.Value) == rest[0].Text
			})
		})
		if o == nil {
			return "", nil, fmt.Errorf("%s takes no more words; %q is left over (it takes %s)", path, rest[0].Text, optionNames(opts))
		}
		text := rest[0].Text
		rest = rest[1:]
		if nextUnset(opts, set, func(p *discordgo.ApplicationCommandOption) bool {
			return p != o && p.Type != discordgo.ApplicationCommandOptionUser && p.Type != discordgo.ApplicationCommandOptionChannel
		}) == nil {
			for _, w := range rest {
				text += " " + w.Text
			}
			rest = nil
		}
		v, err := optionValue(o, text, dir)
		if err != nil {
			return "", nil, err
		}
		set[o.Name] = v
	}
	var out []*discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		if v, ok := set[o.Name]; ok {
			out = append(out, v)
		} else if o.Required {
			return "", nil, fmt.Errorf("%s needs %s", path, o.Name)
		}
	}
	for k := len(wrap) - 1; k >= 0; k-- {
		wrap[k].Options = out
		out = []*discordgo.ApplicationCommandInteractionDataOption{wrap[k]}
	}
	return cmd.Name, out, nil
}

func isSub(t discordgo.ApplicationCommandOptionType) bool {
	return t == discordgo.ApplicationCommandOptionSubCommand || t == discordgo.ApplicationCommandOptionSubCommandGroup
}

func findOption(opts []*discordgo.ApplicationCommandOption, name string) *discordgo.ApplicationCommandOption {
	for _, o := range opts {
		if strings.EqualFold(o.Name, name) {
			return o
		}
	}
	return nil
}

func nextUnset(opts []*discordgo.ApplicationCommandOption, set map[string]*discordgo.ApplicationCommandInteractionDataOption,
	fits func(*discordgo.ApplicationCommandOption) bool) *discordgo.ApplicationCommandOption {
	for _, o := range opts {
		if _, done := set[o.Name]; !done && fits(o) {
			return o
		}
	}
	return nil
}

func optionNames(opts []*discordgo.ApplicationCommandOption) string {
	if len(opts) == 0 {
		return "nothing"
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	return strings.Join(names, ", ")
}

// optionValue is text as the value of option o: a number, a boolean, or
// for a user option the id of the user @name names.
func optionValue(o *discordgo.ApplicationCommandOption, text string, dir directory) (*discordgo.ApplicationCommandInteractionDataOption, error) {
	v := &discordgo.ApplicationCommandInteractionDataOption{Name: o.Name, Type: o.Type, Value: text}
	switch o.Type {
	case discordgo.ApplicationCommandOptionUser:
		id, ok := dir.users[strings.TrimPrefix(text, "@")]
		if !ok {
			return nil, fmt.Errorf("%s= takes a member, such as @%s; %q is not one", o.Name, first(slices.Sorted(maps.Keys(dir.users))), text)
		}
		v.Value = id
	case discordgo.ApplicationCommandOptionInteger:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s= takes a whole number, not %q", o.Name, text)
		}
		v.Value = n
	case discordgo.ApplicationCommandOptionNumber:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("%s= takes a number, not %q", o.Name, text)
		}
		v.Value = f
	case discordgo.ApplicationCommandOptionBoolean:
		switch strings.ToLower(text) {
		case "yes", "true":
			v.Value = true
		case "no", "false":
			v.Value = false
		default:
			return nil, fmt.Errorf("%s= takes yes or no, not %q", o.Name, text)
		}
	case discordgo.ApplicationCommandOptionChannel:
		id, ok := dir.channels[strings.TrimPrefix(text, "#")]
		if !ok {
			return nil, fmt.Errorf("%s= takes a channel, such as #general; %q is not one", o.Name, text)
		}
		v.Value = id
	}
	if len(o.Choices) > 0 && !slices.ContainsFunc(o.Choices, func(c *discordgo.ApplicationCommandOptionChoice) bool { return fmt.Sprint(c.Value) == text }) {
		var cs []string
		for _, c := range o.Choices {
			cs = append(cs, fmt.Sprint(c.Value))
		}
		return nil, fmt.Errorf("%s= is one of %s, not %q", o.Name, strings.Join(cs, ", "), text)
	}
	return v, nil
}
