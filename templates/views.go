package templates

import (
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Refusal is the reply to a command that was refused.
type Refusal struct {
	// Code is the guild error code.
	Code    string
	Message string
	// Usage is the form of the command that would work; Usages lists a
	// group's commands when the sub-command was wrong.
	Usage  string
	Usages []string
	// HelpTopic is what to ask /help about.
	HelpTopic string
	// Typed is the command as typed, echoed back so nothing is lost.
	Typed string
	// Ref is the reference of an internal error, to quote to an admin.
	Ref string
}

// Help is the reply to /help.
type Help struct {
	// Topic is what help was asked about: "" for the index, a command
	// name ("community") or a path ("community create").
	Topic  string
	Groups []HelpGroup
	// Command is set when help was asked about one command.
	Command *HelpCommand
}

// HelpGroup is a top-level command and its sub-commands.
type HelpGroup struct {
	Name     string
	Summary  string
	Commands []HelpCommand
}

// HelpCommand is one command's help.
type HelpCommand struct {
	Path    string
	Sub     string
	Usage   string
	Summary string
	Details string
	Options []HelpOption
}

// HelpOption describes one argument.
type HelpOption struct {
	Name     string
	Label    string
	Required bool
}

// Welcome greets someone on the console.
type Welcome struct {
	User     *guild.User
	Database string
}

// Profile shows a user's profile.
type Profile struct {
	User    *guild.User
	Updated bool
}

// CommunityCreated confirms a new community.
type CommunityCreated struct {
	Community *community.Community
}

// CommunityList lists a page of communities.
type CommunityList struct {
	Communities []*community.Community
	// Mine holds the ids of the reader's communities.
	Mine map[int64]bool
	// Search is what names were searched for, if anything.
	Search string
	// Total counts the communities found; Page (from 1) of Pages is shown.
	Total, Page, Pages int
}

// CommunityShow shows one community to a reader.
type CommunityShow struct {
	Community *community.Community
	Reader    *guild.User
	// Loc is the reader's time zone.
	Loc *time.Location
	// Members are the newest members; Community.MemberCount is how many
	// there are in all.
	Members []*community.Member
	// IsMember and CanManage describe the reader.
	IsMember  bool
	CanManage bool
	// SameRole are other members with the reader's role ("who else does
	// what I do"); SameRoleCount counts them all.
	SameRole      []*community.Member
	SameRoleCount int
	Backlog       []*community.BacklogItem
	History       []*community.StageChange
	// NextMeetings are the next meetings, shown in Loc.
	NextMeetings []time.Time
}

// CommunityJoined confirms a join or a leave.
type CommunityJoined struct {
	Community *community.Community
	User      *guild.User
	Loc       *time.Location
	// NextMeeting is the next meeting, if there is a cadence.
	NextMeeting time.Time
}

// CharterUpdated confirms a charter change.
type CharterUpdated struct {
	Community *community.Community
	// Added are the backlog items the new goals started.
	Added []*community.BacklogItem
}

// StageChanged confirms a stage change.
type StageChanged struct {
	Community *community.Community
	Change    *community.StageChange
}

// CadenceSet confirms a meeting cadence.
type CadenceSet struct {
	Community *community.Community
	Loc       *time.Location
	Next      []time.Time
	// LessThanWeekly is true when a young community would meet less than
	// weekly.
	LessThanWeekly bool
	// Remind is how long before each meeting members are reminded; zero
	// when they are not.
	Remind time.Duration
}

// HandedOver confirms a change of coordinator.
type HandedOver struct {
	Community *community.Community
	From      *guild.User
	By        *guild.User
}

// ConsoleAs answers the console's /as command.
type ConsoleAs struct {
	Current string
	Error   string
}
