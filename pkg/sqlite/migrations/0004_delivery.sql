-- 0004: durable delivery (claims, platforms, lateness), the inbox,
-- reminders, speaker mentoring and confirmation chasing.
-- Landed migrations are never edited: add a new numbered file instead.

-- platform is the recipient's platform, so that a runner claims only what
-- it can send; claim is the token of the runner holding the lease, so a
-- runner that lost its lease cannot record another's outcome; kind names
-- the template the body came from.
ALTER TABLE outbox ADD COLUMN platform TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN claim TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT '';
UPDATE outbox SET platform = coalesce((SELECT platform FROM users WHERE users.id = outbox.user_id), '');
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, platform, next_attempt_at);

-- The inbox: platform events already handled, by the platform's id.
CREATE TABLE inbox (
	platform    TEXT NOT NULL,
	event_id    TEXT NOT NULL,
	received_at TEXT NOT NULL,
	PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;
CREATE INDEX inbox_received ON inbox (received_at);

-- Reminders: one-shot (at) or recurring (a cron spec read in tz). next_due
-- is when it fires next, '' once a one-shot reminder has fired;
-- occurrence is the time the next firing is about (a meeting, a due
-- milestone), lead_s seconds after next_due.
CREATE TABLE reminders (
	id            INTEGER PRIMARY KEY,
	key           TEXT NOT NULL UNIQUE,
	kind          TEXT NOT NULL,
	subject_id    INTEGER NOT NULL,
	detail        TEXT NOT NULL DEFAULT '',
	spec          TEXT NOT NULL DEFAULT '',
	tz            TEXT NOT NULL DEFAULT '',
	lead_s        INTEGER NOT NULL DEFAULT 0,
	next_due      TEXT NOT NULL DEFAULT '',
	occurrence    TEXT NOT NULL DEFAULT '',
	until         TEXT NOT NULL DEFAULT '',
	fired         INTEGER NOT NULL DEFAULT 0,
	last_fired_at TEXT NOT NULL DEFAULT '',
	last_late     INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX reminders_due ON reminders (next_due) WHERE next_due <> '';
CREATE INDEX reminders_subject ON reminders (kind, subject_id);

-- Speaker mentoring: offsets per event (JSON, '' for the defaults), a
-- mentor per talk and the milestones of each accepted talk.
ALTER TABLE events ADD COLUMN mentor_offsets TEXT NOT NULL DEFAULT '';

CREATE TABLE mentorings (
	submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
	mentor_id     INTEGER NOT NULL REFERENCES users (id),
	assigned_by   INTEGER NOT NULL REFERENCES users (id),
	assigned_at   TEXT NOT NULL
);
CREATE INDEX mentorings_mentor ON mentorings (mentor_id);

CREATE TABLE milestones (
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	kind          TEXT NOT NULL,
	due_at        TEXT NOT NULL,
	done_at       TEXT NOT NULL DEFAULT '',
	done_by       INTEGER REFERENCES users (id),
	minutes       INTEGER NOT NULL DEFAULT 0,
	escalated     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (submission_id, kind)
) WITHOUT ROWID;

-- When a decision was told, so confirmation chasing knows where it starts.
ALTER TABLE submissions ADD COLUMN notified_at TEXT NOT NULL DEFAULT '';
