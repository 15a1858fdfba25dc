// Package survey holds what happens after an event: the survey sent to
// everyone who attended as soon as the event ends (delay configurable,
// default none), asking for an overall rating, "What will you do
// differently?", the talk that helped most, an idea to take forward and a
// rating per talk; its single reminder to those who have not answered; its
// closing; the results organisers read and the private feedback each
// speaker gets once an organiser releases it; and the ideas raised, each
// with an owner who is asked two and six weeks later whether they took it
// forward.
//
// An anonymous survey keeps no link from an answer to a person: an answer
// carries only a voter key, a keyed hash (see Voter) that stops the same
// person answering twice, under a random salt that is wiped when the
// survey closes.
//
// A community's health check (five questions, one per element of a
// self-sustaining community, asked of its members) is a Survey of
// KindHealth on the same footing: the same states, sending, reminder and
// closing, with the community in place of the event (health.go).
//
// The package holds the rules (when a survey goes out, is reminded and
// closes, what a valid answer is, how results are computed from plain
// rows) and the Service interface the store implements. It never reads the
// wall clock: callers pass the current time in. It imports no storage,
// template, SDK or bot code.
package survey
