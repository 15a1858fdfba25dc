// Package schedule builds the conference day: it places talks in rooms and
// time slots so that no hard rule is broken (every talk once, one talk per
// slot, long enough slots, no speaker in two places, no talk in a slot it
// may not use, no clash between talks that must not overlap) and as few
// people as possible stand in the corridor, then improves the soft goals
// (topics and departments spread, lightning talks early, games and socials
// late, first-time speakers not last).
//
// The pieces:
//
//   - Instance, ReadInstance and Validate: the problem, as JSON
//     (docs/schedule-instance.md);
//   - Solve: a greedy construction and a local search, deterministic for a
//     seed, bounded by an iteration budget or a caller's Stop callback;
//   - Check and Evaluate: an independent checker of hard rules and an
//     independent scorer, sharing no code with the solver;
//   - LowerBound and AssignmentBound: bounds on total room overflow, quick
//     and tight;
//   - Exact: branch and bound for small instances;
//   - Resolve: a re-solve after a change that moves as few talks as it can;
//   - Generate: realistic random instances for tests and benchmarks.
//
// The package reads no clock: time limits are iteration budgets or the
// caller's Stop function.
package schedule
