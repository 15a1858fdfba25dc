-- 0006: what the schedule needs: speakers' availability, interest votes,
-- an event's breaks, and the schedule's drafts and releases.
-- Landed migrations are never edited: add a new numbered file instead.
ALTER TABLE submissions ADD COLUMN available TEXT NOT NULL DEFAULT '';

CREATE TABLE interest (
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	user_id       INTEGER NOT NULL REFERENCES users (id),
	at            TEXT NOT NULL,
	PRIMARY KEY (submission_id, user_id)
) WITHOUT ROWID;

ALTER TABLE events ADD COLUMN breaks TEXT NOT NULL DEFAULT '';
