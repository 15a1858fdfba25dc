// Package community models communities of practice: groups of people who
// share a role or an interest, with a charter, a coordinator, members, a
// maturity stage and a meeting cadence (after Wenger, McDermott and Snyder).
//
// The package holds the rules (validation, who may change what, how stages
// and cadences work) and the Service interface the store implements; it
// knows nothing of storage or chat platforms.
package community
