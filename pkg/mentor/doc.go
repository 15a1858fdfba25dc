// Package mentor holds speaker mentoring: the mentor an organiser assigns to
// an accepted talk, and the milestones of the talk's preparation (an
// outline, a slide deck of about one slide per minute, a dry run with the
// mentor a few days before the event to practise the timing, and a final
// check).
//
// The package holds the rules (when each milestone falls due, when a
// reminder goes out and when an unfinished milestone is escalated to the
// organisers, what a dry run's length says about the talk) and the Service
// interface the store implements. It never reads the wall clock: callers
// pass the current time in. It imports no storage, template, SDK or bot
// code.
package mentor
