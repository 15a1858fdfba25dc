package event

import (
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Role is a job on the day of an event.
type Role string

// The roles that keep an event running.
const (
	StageManager   Role = "stage-manager"
	Timekeeper     Role = "timekeeper"
	Scribe         Role = "scribe"
	MicRunner      Role = "mic-runner"
	ChannelWatcher Role = "channel-watcher"
	PreparedAsker  Role = "prepared-asker"
	WarRoom        Role = "war-room"
)

// RoleInfo describes a role.
type RoleInfo struct {
	Role Role
	// Title is the role's name in a sentence.
	Title string
	// About says what the role does.
	About string
	// PerTalk is true for roles filled once per talk (prepared askers).
	PerTalk bool
}

// Roles lists every role in the order they are shown.
var Roles = []RoleInfo{
	{StageManager, "stage manager", "the chief worrier: runs the day, keeps everyone on track", false},
	{Timekeeper, "timekeeper", "signals time left to speakers and keeps the sessions on time", false},
	{Scribe, "scribe", "notes the questions, answers and ideas raised", false},
	{MicRunner, "mic runner", "takes the microphone to people asking questions", false},
	{ChannelWatcher, "channel watcher", "watches the chat channel and relays remote questions", false},
	{PreparedAsker, "prepared asker", "has a first question ready for a talk", true},
	{WarRoom, "war room", "on call so service does not suffer while the others attend", false},
}

// Info returns the description of r.
func (r Role) Info() RoleInfo {
	for _, i := range Roles {
		if i.Role == r {
			return i
		}
	}
	return RoleInfo{Role: r, Title: string(r)}
}

// ParseRole parses a role's name, forgiving case, spaces and hyphens:
// "stage manager", "Stage-Manager" and "stagemanager" are one role; "asker"
// and "watcher" are accepted for short.
func ParseRole(s string) (Role, error) {
	key := strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch key {
	case "asker", "preparedquestion", "firstquestion":
		return PreparedAsker, nil
	case "watcher", "remotequestions":
		return ChannelWatcher, nil
	case "mic", "microphone", "micrunner":
		return MicRunner, nil
	case "oncall":
		return WarRoom, nil
	}
	for _, i := range Roles {
		if strings.ReplaceAll(string(i.Role), "-", "") == key {
			return i.Role, nil
		}
	}
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r.Role)
	}
	return "", guild.FieldErrorf("ROLE", "%q is not a role on the day; the roles are %s.", s, strings.Join(names, ", "))
}

// Assignment gives a user a role at an event.
type Assignment struct {
	EventID int64
	Role    Role
	User    *guild.User
	// Talk is the submission a prepared asker is ready for; 0 otherwise.
	Talk       int64
	AssignedBy *guild.User
	AssignedAt time.Time
}

// Unfilled returns the roles nobody holds among assignments, in the order
// of Roles. Per-talk roles are unfilled when any of talks lacks one (with
// no talks they are not needed yet); the talks missing them are returned
// as well.
func Unfilled(assignments []*Assignment, talks []int64) (roles []RoleInfo, talksWithout []int64) {
	held := map[Role]bool{}
	covered := map[int64]bool{}
	for _, a := range assignments {
		held[a.Role] = true
		if a.Role == PreparedAsker {
			covered[a.Talk] = true
		}
	}
	for _, t := range talks {
		if !covered[t] {
			talksWithout = append(talksWithout, t)
		}
	}
	for _, i := range Roles {
		if i.PerTalk {
			if len(talksWithout) > 0 {
				roles = append(roles, i)
			}
			continue
		}
		if !held[i.Role] {
			roles = append(roles, i)
		}
	}
	return roles, talksWithout
}
