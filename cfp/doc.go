// Package cfp will own calls for proposals: submissions, reviews,
// decisions, backups and the balance report (issue #3). It holds no code
// yet; the folder exists because the layout in DESIGN.md and the README
// reserves it.
package cfp
