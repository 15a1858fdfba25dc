package main_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestCallForProposalsThroughChat drives a whole call for proposals through
// guildhall chat, one process per command, as issue #3 asks: an event, a
// dozen submissions from several departments, reviews and a refused
// self-review, a balance naming a missing department, decisions, notify,
// and a decline that promotes a backup.
func TestCallForProposalsThroughChat(t *testing.T) {
	c := newCLI(t, "GUILDHALL_ORGANISERS=olga")
	c.chat("olga", "/profile department=Engineering tz=Europe/London", 0)
	c.chat("olga", `/event create "Dev Day" date=2027-03-18 start=09:00 end=17:30 tz=Europe/London rooms="Main:120, Lab:30"`, 0,
		"Dev Day is on Thursday 18 March 2027, 09:00–17:30 (Europe/London)", "Main (120 seats)")
	c.chat("sam", `/event create Other date=2027-03-18 start=09:00 end=17:30 rooms="Main:120"`, 1, "Only organisers")
	c.chat("olga", `/cfp open "Dev Day" closes=2027-02-01 formats="lightning:5, talk:30, workshop:90"`, 0,
		"open until Mon 1 Feb 2027, 23:59 GMT", "lightning (5 min), talk (30 min), workshop (90 min)")

	// Twelve speakers from five departments; Legal has members but no talk.
	speakers := []struct{ name, dept, format string }{
		{"ana", "Platform", "talk"}, {"ben", "Platform", "lightning"}, {"cai", "Platform", "workshop"},
		{"dee", "Data", "talk"}, {"eli", "Data", "lightning"}, {"fay", "Data", "talk"},
		{"gus", "Sales", "lightning"}, {"hal", "Sales", "talk"},
		{"ivy", "Finance", "talk"}, {"jon", "Finance", "lightning"},
		{"kim", "People", "talk"}, {"lou", "People", "workshop"},
	}
	for i, s := range speakers {
		c.chat(s.name, fmt.Sprintf("/profile department=%s team=Team%d", s.dept, i%3), 0)
		first := "no"
		if i%4 == 0 {
			first = "yes"
		}
		c.chat(s.name, fmt.Sprintf(`/cfp submit "Dev Day" title="Talk by %s" format=%s abstract="What %s learned." first=%s`, s.name, s.format, s.name, first), 0,
			fmt.Sprintf("Submitted as #%d", i+1))
	}
	c.chat("lee", "/profile department=Legal", 0)
	c.chat("mo", "/profile department=Legal", 0)
	c.chat("ana", `/cfp submit "Dev Day" title="A keynote" format=keynote abstract="x"`, 1,
		`does not offer "keynote"; it offers lightning (5 min), talk (30 min), workshop (90 min)`, "You typed:")
	c.chat("ana", `/cfp submit "Dev Day" title="`+strings.Repeat("x", 121)+`" format=talk abstract="x"`, 1, "121 characters long; the limit is 120")
	c.chat("ana", "/cfp mine", 0, "Your talks (1)", "#1 Talk by ana")

	// Reviews: a named reviewer, and a refused self-review.
	c.chat("olga", `/cfp reviewers add "Dev Day" @dee`, 0, "@dee now reviews Dev Day", "→ @dee (direct message):", "asked you to review")
	c.chat("dee", "/cfp review #4 score=5", 1, "You speak in #4, so you cannot review it.")
	c.chat("dee", "/cfp review 1 score=9", 1, "from 1 (weak) to 5 (outstanding)")
	c.chat("ana", "/cfp review 2 score=5", 1, "There is no submission #2 that you can see")
	scores := []int{5, 4, 3, 2, 4, 3, 2, 5, 5, 1, 3, 4}
	for i, s := range scores {
		c.chat("olga", fmt.Sprintf("/cfp review %d score=%d", i+1, s), 0)
		if i+1 != 4 {
			c.chat("dee", fmt.Sprintf(`/cfp review %d score=%d comment="clear"`, i+1, s), 0)
		}
	}
	c.chat("dee", "/cfp review 1 score=4", 0, "Updated your review of #1")
	list := c.chat("olga", `/cfp list "Dev Day"`, 0, "Submissions to Dev Day, best first (12)")
	if i, j := strings.Index(list, "#8 Talk by hal"), strings.Index(list, "#10 Talk by jon"); i < 0 || j < 0 || i > j {
		t.Errorf("/cfp list does not rank #8 (mean 5) above #10 (mean 1):\n%s", list)
	}
	c.chat("ben", `/cfp list "Dev Day"`, 0, "You see your own submissions", "#2 Talk by ben")

	// Decisions: three in, two backups, the rest out for now.
	c.chat("olga", `/cfp notify "Dev Day"`, 1, "Nothing is decided on Dev Day yet")
	c.chat("ana", "/cfp decide 1 accept", 1, "Only organisers decide")
	for _, d := range []string{"1 accept", "8 accept", "2 accept", "5 backup", "9 backup", "10 reject"} {
		c.chat("olga", "/cfp decide "+d, 0)
	}
	c.chat("olga", "/cfp decide 1 accept", 1, "It is already accepted")
	bal := c.chat("olga", `/cfp balance "Dev Day"`, 0, "5 talks accepted or on standby (2 backup)", "Who is missing:", "Legal", "People")
	if !strings.Contains(bal, "#11 Talk by kim") {
		t.Errorf("/cfp balance does not suggest #11 (People, mean 3) to fill the People gap:\n%s", bal)
	}
	c.chat("ana", "/cfp mine", 0, "submitted") // not told yet

	out := c.chat("olga", `/cfp notify "Dev Day"`, 0, "Queued 6 messages", "3 accepted, 2 backup, 1 rejected",
		"→ @ana (direct message):", "is accepted for Dev Day", "→ @eli (direct message):", "is a backup for Dev Day",
		"→ @jon (direct message):", "could not fit it in")
	if n := strings.Count(out, "(direct message)"); n != 6 {
		t.Errorf("/cfp notify printed %d messages, want 6:\n%s", n, out)
	}
	c.chat("olga", `/cfp notify "Dev Day"`, 1, "has been sent already")
	c.chat("olga", "/cfp decide 10 accept", 1, "now that its speaker has been told")

	// Speakers answer; a decline offers the slot to the best-scored backup.
	c.chat("ben", "/cfp confirm 1", 1, "There is no submission #1 that you can see")
	c.chat("ana", "/cfp confirm 1", 0, "Confirmed: #1")
	c.chat("hal", "/cfp confirm 8", 0)
	c.chat("ben", "/cfp decline 2", 0, "Declined #2",
		"The slot goes to backup #9", "→ @ivy (direct message):", "A slot opened at Dev Day",
		"→ @olga (direct message):", "@ben declined #2")
	c.chat("ivy", "/cfp confirm 9", 0, "Confirmed: #9")
	c.chat("olga", `/cfp list "Dev Day" state=confirmed`, 0, "(3)", "#1 Talk by ana", "#8 Talk by hal", "#9 Talk by ivy")
	c.chat("olga", `/cfp list "Dev Day" state=backup`, 0, "(1)", "#5 Talk by eli")

	// The day's roles.
	c.chat("olga", `/event role "Dev Day" "stage manager" @lee`, 0, "@lee is stage manager", "→ @lee (direct message):")
	c.chat("olga", `/event show "Dev Day"`, 0, "stage manager: @lee", "Still to fill:", "timekeeper", "Talks without a prepared asker: #1, #8, #9")

	// The call closes; late submissions are refused, saying when it closed.
	c.chat("olga", `/cfp close "Dev Day"`, 0, "is closed")
	c.chat("mo", `/cfp submit "Dev Day" title="Late" format=talk abstract="x"`, 1, "closed on Tuesday 24 November 2026 at 09:00 (Europe/London)")
}
