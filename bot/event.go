package bot

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// maxChannelArg caps a channel as typed: a mention carries the channel's
// id as well as its name, which alone may have event.MaxChannel characters.
const maxChannelArg = 2 * event.MaxChannel

// eventArg is an event's name when nothing follows it but options.
var eventArg = Arg{Name: "NAME", Required: true, Label: "Event", Rest: true}

func (b *Bot) eventCommands() []*Command {
	return []*Command{{
		Path:    "event create",
		Summary: "create an internal tech conference (organisers)",
		Details: `The day runs from start= to end= in the time zone tz= (yours by default). rooms= lists the rooms with their seats: rooms="Main:120, Lab:30". Words after a room's seats are the only formats it holds: rooms="Main:120, Lab:30 workshop talk". channel= is where the event's news, such as its schedule, is posted; /event channel changes it later.`,
		Args:    []Arg{eventArg},
		Options: []Option{
			{Key: "date", Value: "YYYY-MM-DD", Required: true, Label: "Date", Hint: "2027-03-18"},
			{Key: "start", Value: "HH:MM", Required: true, Label: "Starts at", Hint: "09:00"},
			{Key: "end", Value: "HH:MM", Required: true, Label: "Ends at", Hint: "17:30"},
			{Key: "tz", Value: "Area/City", Label: "Time zone", Hint: "Europe/London"},
			{Key: "rooms", Value: `"Main:120, Lab:30"`, Required: true, Max: guild.MaxText, Label: "Rooms and their seats (then the only formats a room holds, if any)", Hint: "Main:120, Lab:30 workshop"},
			{Key: "channel", Value: "#CHANNEL", Max: maxChannelArg, Label: "Channel for the event's news", Hint: "#devday"},
		},
		Form:  true,
		Title: "Create an event",
		Run:   b.eventCreate,
	}, {
		Path:    "event list",
		Summary: "list the events coming up",
		Run:     b.eventList,
	}, {
		Path:    "event show",
		Summary: "show an event: its day, rooms, call for proposals and the roles still to fill",
		Args:    []Arg{eventArg},
		Run:     b.eventShow,
	}, {
		Path:    "event role",
		Summary: "give someone a role on the day (organisers)",
		Details: "Roles: " + roleList() + ". A prepared asker is ready for one talk: add talk=ID. remove=yes takes a role back.",
		Args: []Arg{{Name: "NAME", Required: true, Label: "Event"}, {Name: "ROLE", Required: true, Label: "Role"},
			{Name: "@user", Required: true, User: true, Label: "Who"}},
		Options: []Option{
			{Key: "talk", Value: "ID", Label: "For talk (prepared askers)"},
			{Key: "remove", Value: "yes", Label: "Take the role back"},
		},
		Run: b.eventRole,
	}, {
		Path:    "event breaks",
		Summary: "show or set the day's breaks, which the schedule keeps free (organisers set)",
		Details: `at="10:30-10:45 coffee, 12:30-13:30 lunch, 15:00-15:15 coffee" sets them (those are the defaults, within the day); at=none means no breaks; at=default restores the defaults.`,
		Args:    []Arg{eventArg},
		Options: []Option{{Key: "at", Value: `"HH:MM-HH:MM name, ..."`, Max: guild.MaxText, Label: "Breaks"}},
		Run:     b.eventBreaks,
	}, {
		Path:    "event channel",
		Summary: "set the channel where the event's news, such as its schedule, is posted (organisers)",
		Details: "Name the channel as #devday, or mention it; none clears it. Put an event's name with spaces in quotes: /event channel \"Dev Day\" #devday.",
		Args:    []Arg{{Name: "NAME", Required: true, Label: "Event"}, {Name: "CHANNEL", Required: true, Max: maxChannelArg, Label: "Channel (#devday, or none)"}},
		Run:     b.eventChannel,
	}}
}

// channel reads a channel as typed for field: "#devday", "devday", a
// platform's channel mention ("<#C0123|devday>", whose id is kept) or
// "none" ("").
func channel(field, v string) (string, error) {
	var ch string
	var err error
	if id, ok := parseChannelMention(v); ok {
		ch, err = id, event.CheckChannel(id)
	} else {
		ch, err = event.ParseChannel(v)
	}
	if err != nil {
		return "", guild.FieldErrorf(field, "%s", guild.ErrorMessage(err))
	}
	return ch, nil
}

func (b *Bot) eventChannel(ctx context.Context, r *Request) (*Response, error) {
	ch, err := channel("CHANNEL", r.Arg("CHANNEL"))
	if err != nil {
		return nil, err
	}
	e, err := b.Events.FindEvent(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	previous := e.Channel
	if e, err = b.Events.SetChannel(ctx, e.Name, ch); err != nil {
		return nil, err
	}
	return b.reply("event_channel", templates.EventChannel{Event: e, Previous: previous})
}

func (b *Bot) eventBreaks(ctx context.Context, r *Request) (*Response, error) {
	e, err := b.Events.FindEvent(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	at, set := r.Opt("at")
	if set {
		var breaks []event.Break
		if !strings.EqualFold(strings.TrimSpace(at), "default") {
			if breaks, err = event.ParseBreaks(e, at); err != nil {
				return nil, err
			}
		}
		if e, err = b.Events.SetBreaks(ctx, e.Name, breaks); err != nil {
			return nil, err
		}
	}
	bs := e.DayBreaks()
	return b.reply("event_breaks", templates.EventBreaks{Event: e, Breaks: bs, Sessions: event.Sessions(e, bs), Set: set, Default: e.Breaks == nil})
}

func roleList() string {
	names := make([]string, len(event.Roles))
	for i, r := range event.Roles {
		names[i] = string(r.Role) + " (" + r.About + ")"
	}
	return strings.Join(names, "; ")
}

func (b *Bot) eventCreate(ctx context.Context, r *Request) (*Response, error) {
	e := &event.Event{Name: r.Arg("NAME"), TZ: r.User.TZ}
	if tz, ok := r.Opt("tz"); ok {
		e.TZ = strings.TrimSpace(tz)
	}
	date, _ := r.Opt("date")
	var err error
	if e.Day, err = event.ParseDate("date", date); err != nil {
		return nil, err
	}
	start, _ := r.Opt("start")
	if e.Start, err = event.ParseClock("start", start); err != nil {
		return nil, err
	}
	end, _ := r.Opt("end")
	if e.End, err = event.ParseClock("end", end); err != nil {
		return nil, err
	}
	rooms, _ := r.Opt("rooms")
	if e.Rooms, err = event.ParseRooms(rooms); err != nil {
		return nil, err
	}
	if v, ok := r.Opt("channel"); ok {
		if e.Channel, err = channel("channel", v); err != nil {
			return nil, err
		}
	}
	if err := b.Events.CreateEvent(ctx, e); err != nil {
		return nil, err
	}
	return b.reply("event_created", templates.EventCreated{Event: e})
}

func (b *Bot) eventList(ctx context.Context, r *Request) (*Response, error) {
	// From yesterday's date in UTC, so an event today anywhere on Earth is listed.
	es, err := b.Events.FindEvents(ctx, event.Date(b.Now().Add(-24*time.Hour)))
	if err != nil {
		return nil, err
	}
	return b.reply("event_list", templates.EventList{Events: es})
}

func (b *Bot) eventShow(ctx context.Context, r *Request) (*Response, error) {
	e, err := b.Events.FindEvent(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	v := templates.EventShow{Event: e, Now: b.Now(), Organiser: r.User.Organiser}
	var talks []int64
	if v.Call, talks, err = b.lineUp(ctx, e); err != nil {
		return nil, err
	}
	if v.Assignments, err = b.Events.FindAssignments(ctx, e.ID); err != nil {
		return nil, err
	}
	slices.Sort(talks)
	v.Unfilled, v.TalksWithoutAsker = event.Unfilled(v.Assignments, talks)
	v.RoomsOffLimits = roomsOffLimits(e, v.Call)
	return b.reply("event_show", v)
}

// roomsOffLimits lists the formats rooms allow that the event's call does
// not offer, by room: a misspelt format leaves a room no talk can use.
func roomsOffLimits(e *event.Event, c *cfp.Call) []templates.RoomFormats {
	if c == nil {
		return nil
	}
	var out []templates.RoomFormats
	for _, room := range e.Rooms {
		var unknown []string
		for _, f := range room.Formats {
			if _, err := c.Format(f); err != nil {
				unknown = append(unknown, f)
			}
		}
		if len(unknown) > 0 {
			out = append(out, templates.RoomFormats{Room: room.Name, Formats: unknown, None: len(unknown) == len(room.Formats)})
		}
	}
	return out
}

// lineUp returns an event's call for proposals, nil when it has none, and
// the talks in its line-up (accepted, offered or confirmed) that the acting
// user may see, which each want a prepared asker.
func (b *Bot) lineUp(ctx context.Context, e *event.Event) (*cfp.Call, []int64, error) {
	c, err := b.Calls.FindCall(ctx, e.Name)
	if err != nil && guild.ErrorCode(err) != guild.ENOTFOUND {
		return nil, nil, err
	} else if c == nil || c.Event == nil {
		return nil, nil, nil // none, or a community's standing call that shares the name
	}
	talks, err := b.Calls.LineUp(ctx, e.Name)
	if err != nil {
		return nil, nil, err
	}
	return c, talks, nil
}

func (b *Bot) eventRole(ctx context.Context, r *Request) (*Response, error) {
	role, err := event.ParseRole(r.Arg("ROLE"))
	if err != nil {
		return nil, err
	}
	u, err := r.UserArg(ctx, "@user")
	if err != nil {
		return nil, err
	}
	a := &event.Assignment{Role: role, User: u}
	if t, ok := r.Opt("talk"); ok {
		if a.Talk, err = cfp.ParseID(t); err != nil {
			return nil, guild.FieldErrorf("talk", "%s", guild.ErrorMessage(err))
		}
	}
	remove, err := yesNo(r, "remove")
	if err != nil {
		return nil, err
	}
	var e *event.Event
	if remove {
		e, err = b.Events.UnassignRole(ctx, r.Arg("NAME"), a)
	} else {
		e, err = b.Events.AssignRole(ctx, r.Arg("NAME"), a)
	}
	if err != nil {
		return nil, err
	}
	all, err := b.Events.FindAssignments(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	_, talks, err := b.lineUp(ctx, e)
	if err != nil {
		return nil, err
	}
	unfilled, _ := event.Unfilled(all, talks)
	v := templates.RoleAssigned{Event: e, Assignment: a, Removed: remove, Unfilled: unfilled}
	var notices []Notice
	if !remove && u.ID != r.User.ID {
		n, err := b.notice(u, "event_role_notice", templates.RoleNotice{Event: e, Assignment: a, By: r.User})
		if err != nil {
			return nil, err
		}
		notices = append(notices, n)
	}
	return b.reply("event_role", v, notices...)
}

// yesNo reads a yes/no option; absent is no.
func yesNo(r *Request, key string) (bool, error) {
	v, ok := r.Opt(key)
	if !ok {
		return false, nil
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "y", "true", "on", "1":
		return true, nil
	case "no", "n", "false", "off", "0", "":
		return false, nil
	}
	return false, guild.FieldErrorf(key, "%s= takes yes or no, not %q.", key, v)
}
