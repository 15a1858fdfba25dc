package discord_test

import "time"

// now is the pinned time of the tests that need no real clock.
var now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
