-- 0007: talks' tags, an event's channel, and the schedule's draft and
-- numbered releases.
-- Landed migrations are never edited: add a new numbered file instead.
ALTER TABLE submissions ADD COLUMN tags TEXT NOT NULL DEFAULT '';

ALTER TABLE events ADD COLUMN channel TEXT NOT NULL DEFAULT '';

-- The draft an organiser is working on: one per event, replaced by each
-- build and changed by each move. placements is JSON
-- [{talk, room, start, minutes}]; report is the solver's figures as JSON.
CREATE TABLE schedule_drafts (
	event_id   INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
	placements TEXT NOT NULL,
	report     TEXT NOT NULL DEFAULT '{}',
	seed       INTEGER NOT NULL DEFAULT 0,
	built_by   INTEGER NOT NULL REFERENCES users (id),
	built_at   TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Releases are immutable: program is the whole schedule as people saw it
-- (titles and speakers included), so a later edit to a talk never rewrites
-- what was published.
CREATE TABLE schedule_releases (
	event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	version      INTEGER NOT NULL,
	program      TEXT NOT NULL,
	published_by INTEGER NOT NULL REFERENCES users (id),
	published_at TEXT NOT NULL,
	PRIMARY KEY (event_id, version)
) WITHOUT ROWID;
