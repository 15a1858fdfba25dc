// Package cfp runs calls for proposals: the formats a call offers, the
// submissions speakers make, reviews, decisions and backups, and the
// balance report that shows who is missing from a line-up. It imports no
// storage, SDK or bot code.
package cfp
