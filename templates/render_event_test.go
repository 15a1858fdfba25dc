package templates_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// assign gives u role at the conference's event, as the organiser olga.
func (c *conf) assign(role event.Role, u *guild.User, talk int64) *event.Assignment {
	return &event.Assignment{EventID: c.devday.ID, Role: role, User: u, Talk: talk, AssignedBy: c.org, AssignedAt: now}
}

// everyRole holds every role at DevDay 2027, with a prepared asker for
// each of talks.
func (c *conf) everyRole(talks ...int64) []*event.Assignment {
	as := []*event.Assignment{
		c.assign(event.StageManager, c.alice, 0),
		c.assign(event.Timekeeper, c.gus, 0),
		c.assign(event.Scribe, c.chloe, 0),
		c.assign(event.Scribe, c.dan, 0),
		c.assign(event.MicRunner, c.finn, 0),
		c.assign(event.ChannelWatcher, c.ivan, 0),
	}
	askers := []*guild.User{c.bob, c.hana, c.erin}
	for i, id := range talks {
		as = append(as, c.assign(event.PreparedAsker, askers[i%len(askers)], id))
	}
	return append(as, c.assign(event.WarRoom, c.bob, 0))
}

// show builds the view of /event show as the bot does, with the accepted
// talks of the call.
func (c *conf) show(as []*event.Assignment, talks []int64, organiser bool) templates.EventShow {
	v := templates.EventShow{Event: c.devday, Call: c.call, Now: now, Assignments: as, Organiser: organiser}
	v.Unfilled, v.TalksWithoutAsker = event.Unfilled(as, talks)
	return v
}

// roleAssigned builds the reply to /event role as the bot does, with the
// accepted talks of the call.
func (c *conf) roleAssigned(a *event.Assignment, removed bool, all []*event.Assignment, talks ...int64) templates.RoleAssigned {
	unfilled, _ := event.Unfilled(all, talks)
	return templates.RoleAssigned{Event: c.devday, Assignment: a, Removed: removed, Unfilled: unfilled}
}

func eventCases() []renderCase {
	return []renderCase{
		// event_created
		{"event_created", "event_created", func(t *testing.T) any {
			return templates.EventCreated{Event: newConf(t).devday}
		}},
		{"event_created_utc_one_room", "event_created", func(t *testing.T) any {
			c := newConf(t)
			e := &event.Event{ID: 4, Name: "Data Summit", Day: time.Date(2027, 6, 3, 0, 0, 0, 0, time.UTC),
				Start: 10 * 60, End: 16 * 60, Rooms: []event.Room{{Name: "Auditorium", Capacity: 300}}, CreatedBy: c.org, CreatedAt: now}
			return templates.EventCreated{Event: e}
		}},
		{"event_created_channel_room_formats", "event_created", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Rooms[1].Formats = []string{"workshop", "talk"}
			c.devday.Rooms[2].Formats = []string{"lightning"}
			c.devday.Channel = "devday"
			return templates.EventCreated{Event: c.devday}
		}},

		// event_list
		{"event_list", "event_list", func(t *testing.T) any {
			c := newConf(t)
			summit := &event.Event{ID: 4, Name: "Data Summit", Day: time.Date(2027, 6, 3, 0, 0, 0, 0, time.UTC),
				Start: 10 * 60, End: 16 * 60, Rooms: []event.Room{{Name: "Auditorium", Capacity: 300}}, CreatedBy: c.org, CreatedAt: now}
			lyon := &event.Event{ID: 5, Name: "Journée Qualité", Day: time.Date(2027, 9, 21, 0, 0, 0, 0, time.UTC), TZ: "Europe/Paris",
				Start: 8*60 + 30, End: 18 * 60, Rooms: []event.Room{{Name: "Salle Rhône", Capacity: 80}, {Name: "Atelier", Capacity: 20}},
				CreatedBy: c.org, CreatedAt: now}
			return templates.EventList{Events: []*event.Event{c.devday, summit, lyon}}
		}},
		{"event_list_empty", "event_list", func(t *testing.T) any {
			return templates.EventList{}
		}},

		// event_show
		{"event_show_no_call_organiser", "event_show", func(t *testing.T) any {
			c := newConf(t)
			v := c.show(nil, nil, true)
			v.Call = nil
			return v
		}},
		{"event_show_no_call_reader", "event_show", func(t *testing.T) any {
			c := newConf(t)
			v := c.show([]*event.Assignment{c.assign(event.StageManager, c.alice, 0), c.assign(event.Timekeeper, c.gus, 0)}, nil, false)
			v.Call = nil
			return v
		}},
		{"event_show_open_call", "event_show", func(t *testing.T) any {
			c := newConf(t)
			return c.show([]*event.Assignment{
				c.assign(event.StageManager, c.alice, 0),
				c.assign(event.Scribe, c.chloe, 0),
				c.assign(event.PreparedAsker, c.hana, 12),
			}, []int64{12, 14, 17}, true)
		}},
		{"event_show_closed_call_all_filled", "event_show", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.AddDate(0, 0, -2)
			return c.show(c.everyRole(12, 14, 17), []int64{12, 14, 17}, false)
		}},
		{"event_show_talks_without_asker", "event_show", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.AddDate(0, 0, -2)
			return c.show(c.everyRole(12), []int64{12, 14, 17, 19}, true)
		}},
		{"event_show_past_deadline", "event_show", func(t *testing.T) any {
			c := newConf(t)
			v := c.show(c.everyRole(), nil, false)
			v.Now = c.call.ClosesAt.Add(time.Minute)
			return v
		}},
		{"event_show_room_formats_channel", "event_show", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Rooms[1].Formats = []string{"workshop", "talk"}
			c.devday.Rooms[2].Formats = []string{"keynote", "panel"}
			c.devday.Channel = "devday"
			v := c.show(nil, nil, true)
			v.RoomsOffLimits = []templates.RoomFormats{{Room: "Studio", Formats: []string{"keynote", "panel"}, None: true}}
			return v
		}},
		{"event_show_room_format_misspelt", "event_show", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Rooms[1].Formats = []string{"workshop", "worshop"}
			v := c.show(nil, nil, false)
			v.RoomsOffLimits = []templates.RoomFormats{{Room: "Lab", Formats: []string{"worshop"}}}
			return v
		}},
		{"event_show_channel_id", "event_show", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Channel = "C0123ABC"
			v := c.show(nil, nil, false)
			v.Call = nil
			return v
		}},

		// event_channel
		{"event_channel_set", "event_channel", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Channel = "devday"
			return templates.EventChannel{Event: c.devday}
		}},
		{"event_channel_changed", "event_channel", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Channel = "devday-2027"
			return templates.EventChannel{Event: c.devday, Previous: "devday"}
		}},
		{"event_channel_mention", "event_channel", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Channel = "C0123ABC"
			return templates.EventChannel{Event: c.devday}
		}},
		{"event_channel_same", "event_channel", func(t *testing.T) any {
			c := newConf(t)
			c.devday.Channel = "devday"
			return templates.EventChannel{Event: c.devday, Previous: "devday"}
		}},
		{"event_channel_cleared", "event_channel", func(t *testing.T) any {
			return templates.EventChannel{Event: newConf(t).devday, Previous: "devday"}
		}},
		{"event_channel_cleared_none_before", "event_channel", func(t *testing.T) any {
			return templates.EventChannel{Event: newConf(t).devday}
		}},

		// event_role
		{"event_role", "event_role", func(t *testing.T) any {
			c := newConf(t)
			a := c.assign(event.StageManager, c.alice, 0)
			return c.roleAssigned(a, false, []*event.Assignment{a})
		}},
		{"event_role_asker", "event_role", func(t *testing.T) any {
			c := newConf(t)
			a := c.assign(event.PreparedAsker, c.hana, 12)
			return c.roleAssigned(a, false, []*event.Assignment{c.assign(event.StageManager, c.alice, 0), a}, 12, 14)
		}},
		{"event_role_war_room", "event_role", func(t *testing.T) any {
			c := newConf(t)
			a := c.assign(event.WarRoom, c.bob, 0)
			return c.roleAssigned(a, false, []*event.Assignment{c.assign(event.StageManager, c.alice, 0), a}, 12)
		}},
		{"event_role_removed", "event_role", func(t *testing.T) any {
			c := newConf(t)
			a := c.assign(event.Timekeeper, c.gus, 0)
			return c.roleAssigned(a, true, []*event.Assignment{c.assign(event.StageManager, c.alice, 0)})
		}},
		{"event_role_last", "event_role", func(t *testing.T) any {
			c := newConf(t)
			all := c.everyRole(12, 14)
			return c.roleAssigned(all[len(all)-1], false, all, 12, 14)
		}},

		// event_role_notice
		{"event_role_notice", "event_role_notice", func(t *testing.T) any {
			c := newConf(t)
			return templates.RoleNotice{Event: c.devday, Assignment: c.assign(event.StageManager, c.alice, 0), By: c.org}
		}},
		{"event_role_notice_asker", "event_role_notice", func(t *testing.T) any {
			c := newConf(t)
			return templates.RoleNotice{Event: c.devday, Assignment: c.assign(event.PreparedAsker, c.hana, 12), By: c.org}
		}},
		{"event_role_notice_war_room", "event_role_notice", func(t *testing.T) any {
			c := newConf(t)
			return templates.RoleNotice{Event: c.devday, Assignment: c.assign(event.WarRoom, c.bob, 0), By: c.org}
		}},
	}
}
