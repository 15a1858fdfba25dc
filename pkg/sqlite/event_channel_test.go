package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// storedChannel reads events.channel of the event called name straight
// from the file.
func (f *cfpFixture) storedChannel(t *testing.T, name string) string {
	t.Helper()
	var raw string
	if err := rawDB(t, f.path).QueryRow(`SELECT channel FROM events WHERE name = ?`, name).Scan(&raw); err != nil {
		t.Fatalf("read channel of %s: %v", name, err)
	}
	return raw
}

func TestEventChannel(t *testing.T) {
	f := newCFPFixture(t)
	octx := as(context.Background(), f.olga)
	e := &event.Event{Name: "DevDay", Day: eventDay(t, "2026-04-15"), Start: 9 * 60, End: 17 * 60,
		Rooms: []event.Room{{Name: "Main", Capacity: 120}}, Channel: "devday"}
	if err := f.events.CreateEvent(octx, e); err != nil {
		t.Fatal(err)
	}
	if got := f.storedChannel(t, "DevDay"); got != "devday" {
		t.Errorf("events.channel after CreateEvent = %q, want devday", got)
	}
	got, err := f.events.FindEvent(context.Background(), "devday")
	if err != nil || got.Channel != "devday" {
		t.Fatalf("FindEvent = %+v, %v, want channel devday", got, err)
	}
	plain := f.event(t, "OpsDay", "2026-04-16", "")
	if plain.Channel != "" || f.storedChannel(t, "OpsDay") != "" {
		t.Errorf("an event created without a channel has %q, stored %q, want \"\"", plain.Channel, f.storedChannel(t, "OpsDay"))
	}

	for _, ch := range []string{"C0123ABC", "devday-2027", ""} {
		set, err := f.events.SetChannel(octx, "DEVDAY", ch)
		if err != nil {
			t.Fatalf("SetChannel(%q): %v", ch, err)
		}
		if set.Channel != ch || set.Name != "DevDay" || f.storedChannel(t, "DevDay") != ch {
			t.Errorf("SetChannel(%q) = %q on %s, stored %q, want %q on DevDay", ch, set.Channel, set.Name, f.storedChannel(t, "DevDay"), ch)
		}
		all, err := f.events.FindEvents(context.Background(), t0)
		if err != nil || len(all) != 2 || all[0].Channel != ch || all[1].Channel != "" {
			t.Errorf("FindEvents after SetChannel(%q) = %d events, %v; want DevDay with %q and OpsDay with none", ch, len(all), err, ch)
		}
	}

	if _, err := f.events.SetChannel(octx, "DevDay", "devday"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		as      *guild.User
		event   string
		channel string
		code    string
	}{
		{"not an organiser", f.ann, "DevDay", "general", guild.EFORBIDDEN},
		{"no acting user", nil, "DevDay", "general", guild.EFORBIDDEN},
		{"unknown event", f.olga, "Nope", "general", guild.ENOTFOUND},
		{"a space", f.olga, "DevDay", "dev day", guild.EINVALID},
		{"its #", f.olga, "DevDay", "#devday", guild.EINVALID},
		{"a mention", f.olga, "DevDay", "<#C0123>", guild.EINVALID},
		{"81 characters", f.olga, "DevDay", strings.Repeat("a", 81), guild.EINVALID},
	}
	for _, tt := range tests {
		ctx := context.Background()
		if tt.as != nil {
			ctx = as(ctx, tt.as)
		}
		_, err := f.events.SetChannel(ctx, tt.event, tt.channel)
		wantCode(t, "SetChannel("+tt.name+")", err, tt.code)
		if tt.code == guild.EINVALID && guild.ErrorField(err) != "channel" {
			t.Errorf("SetChannel(%s) field = %q, want channel", tt.name, guild.ErrorField(err))
		}
	}
	if got := f.storedChannel(t, "DevDay"); got != "devday" {
		t.Errorf("events.channel after refused changes = %q, want devday", got)
	}

	bad := &event.Event{Name: "BadDay", Day: eventDay(t, "2026-04-17"), Start: 9 * 60, End: 17 * 60,
		Rooms: []event.Room{{Name: "Main", Capacity: 120}}, Channel: "bad day"}
	err = f.events.CreateEvent(octx, bad)
	wantCode(t, "CreateEvent(channel with a space)", err, guild.EINVALID)
	if _, err := f.events.FindEvent(context.Background(), "BadDay"); guild.ErrorCode(err) != guild.ENOTFOUND {
		t.Errorf("FindEvent(BadDay) after a refused create = %v, want not found", err)
	}
}

// Rooms are stored as JSON in events.rooms: rooms saved before rooms had
// formats load as rooms that take any format, and formats round-trip.
func TestEventRoomFormats(t *testing.T) {
	f := newCFPFixture(t)
	octx := as(context.Background(), f.olga)
	rooms, err := event.ParseRooms("Main:120, Lab:30 workshop talk")
	if err != nil {
		t.Fatal(err)
	}
	e := &event.Event{Name: "DevDay", Day: eventDay(t, "2026-04-15"), Start: 9 * 60, End: 17 * 60, Rooms: rooms}
	if err := f.events.CreateEvent(octx, e); err != nil {
		t.Fatal(err)
	}
	got, err := f.events.FindEvent(context.Background(), "DevDay")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Rooms, rooms) || got.Rooms[1].Allows("lightning") || !got.Rooms[1].Allows("workshop") {
		t.Errorf("FindEvent rooms = %+v, want %+v", got.Rooms, rooms)
	}

	raw := rawDB(t, f.path)
	if _, err := raw.Exec(`UPDATE events SET rooms = ? WHERE id = ?`, `[{"Name":"Main","Capacity":120}]`, e.ID); err != nil {
		t.Fatal(err)
	}
	got, err = f.events.FindEvent(context.Background(), "DevDay")
	if err != nil {
		t.Fatalf("FindEvent with rooms stored before formats: %v", err)
	}
	if want := []event.Room{{Name: "Main", Capacity: 120}}; !reflect.DeepEqual(got.Rooms, want) || !got.Rooms[0].Allows("workshop") {
		t.Errorf("FindEvent rooms stored before formats = %+v, want %+v taking any format", got.Rooms, want)
	}
}
