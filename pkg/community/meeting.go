package community

import (
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxRemind is the longest before a meeting its reminder may go out.
const MaxRemind = 7 * 24 * time.Hour

// DefaultRemind returns how long before each meeting members are reminded
// when the coordinator does not say: a day ahead, or two hours ahead for a
// community that meets more often than every other day.
func (c Cadence) DefaultRemind(after time.Time) time.Duration {
	if c.minGap(after) < 48*time.Hour {
		return 2 * time.Hour
	}
	return 24 * time.Hour
}

// minGap is the shortest gap between the next few meetings.
func (c Cadence) minGap(after time.Time) time.Duration {
	times := c.Next(after, 8)
	gap := time.Duration(1<<63 - 1)
	for i := 1; i < len(times); i++ {
		gap = min(gap, times[i].Sub(times[i-1]))
	}
	return gap
}

// ParseRemind reads how long before each meeting of c members are
// reminded: "24h", "90m", "1d", or "off" for no reminders (returned as a
// negative duration). It must be shorter than the gap between meetings, so
// each reminder is about the next meeting.
func (c Cadence) ParseRemind(s string, after time.Time) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "off" || s == "no" || s == "none" {
		return -1, nil
	}
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 {
		return 0, guild.FieldErrorf("remind", "remind=%s is not a length of time; give hours or days before the meeting, such as remind=24h, remind=2h or remind=1d (or remind=off).", s)
	}
	if d > MaxRemind {
		return 0, guild.FieldErrorf("remind", "remind=%s is more than a week before the meeting; give at most remind=7d.", s)
	}
	if gap := c.minGap(after); d >= gap {
		return 0, guild.FieldErrorf("remind", "remind=%s is as long as the %s between meetings, so a reminder would come before the previous meeting; give less, such as remind=2h.", s, gapText(gap))
	}
	return d, nil
}

// MeetingNotice is the reminder of a meeting sent to one member.
type MeetingNotice struct {
	To        *guild.User
	Community *Community
	// At is the meeting the reminder is about.
	At time.Time
	// Late is true when the reminder was due while guildhall was not
	// running; Past is true when the meeting has started since.
	Late, Past bool
	// Next is the next meeting still ahead.
	Next time.Time
}

// gapText says a gap between meetings as people do: "1 day", "3 days",
// "20 hours".
func gapText(d time.Duration) string {
	if d >= 24*time.Hour {
		days := int((d + 12*time.Hour) / (24 * time.Hour))
		if days == 1 {
			return "1 day"
		}
		return strconv.Itoa(days) + " days"
	}
	return strconv.Itoa(int(d.Round(time.Hour)/time.Hour)) + " hours"
}
