// Package schedule will own the conference day: the solver, schedule
// versions and the iCalendar and JSON exports (issue #6). It holds no code
// yet; the folder exists because the layout in DESIGN.md and the README
// reserves it.
package schedule
