-- 0003: events, calls for proposals, submissions, reviews and the outbox.
-- Landed migrations are never edited: add a new numbered file instead.

CREATE TABLE events (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	name_key   TEXT NOT NULL UNIQUE,
	day        TEXT NOT NULL,
	start_min  INTEGER NOT NULL,
	end_min    INTEGER NOT NULL,
	tz         TEXT NOT NULL DEFAULT '',
	rooms      TEXT NOT NULL DEFAULT '[]',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX events_day ON events (day);

CREATE TABLE event_roles (
	event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	role          TEXT NOT NULL,
	user_id       INTEGER NOT NULL REFERENCES users (id),
	submission_id INTEGER NOT NULL DEFAULT 0,
	assigned_by   INTEGER NOT NULL REFERENCES users (id),
	assigned_at   TEXT NOT NULL,
	PRIMARY KEY (event_id, role, user_id, submission_id)
) WITHOUT ROWID;

CREATE TABLE calls (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	name_key     TEXT NOT NULL UNIQUE,
	event_id     INTEGER UNIQUE REFERENCES events (id) ON DELETE CASCADE,
	community_id INTEGER UNIQUE REFERENCES communities (id) ON DELETE CASCADE,
	formats      TEXT NOT NULL,
	closes_at    TEXT NOT NULL DEFAULT '',
	closed_at    TEXT NOT NULL DEFAULT '',
	anonymous    INTEGER NOT NULL DEFAULT 0,
	opened_by    INTEGER NOT NULL REFERENCES users (id),
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	CHECK ((event_id IS NULL) <> (community_id IS NULL))
);

CREATE TABLE call_reviewers (
	call_id  INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
	user_id  INTEGER NOT NULL REFERENCES users (id),
	added_by INTEGER NOT NULL REFERENCES users (id),
	added_at TEXT NOT NULL,
	PRIMARY KEY (call_id, user_id)
) WITHOUT ROWID;

-- score_sum and review_count mirror the reviews, so that ranking two
-- thousand submissions needs no aggregate over ten thousand reviews.
CREATE TABLE submissions (
	id             INTEGER PRIMARY KEY,
	call_id        INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
	title          TEXT NOT NULL,
	abstract       TEXT NOT NULL,
	format         TEXT NOT NULL,
	minutes        INTEGER NOT NULL,
	speaker_id     INTEGER NOT NULL REFERENCES users (id),
	first_time     INTEGER NOT NULL DEFAULT 0,
	state          TEXT NOT NULL,
	notified       INTEGER NOT NULL DEFAULT 0,
	score_sum      INTEGER NOT NULL DEFAULT 0,
	review_count   INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX submissions_call ON submissions (call_id, state);

CREATE TABLE submission_speakers (
	submission_id  INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	user_id        INTEGER NOT NULL REFERENCES users (id),
	position       INTEGER NOT NULL,
	department     TEXT NOT NULL DEFAULT '',
	team           TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (submission_id, user_id)
) WITHOUT ROWID;
CREATE INDEX submission_speakers_user ON submission_speakers (user_id);

CREATE TABLE submission_changes (
	id            INTEGER PRIMARY KEY,
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	from_state    TEXT NOT NULL,
	action        TEXT NOT NULL,
	to_state      TEXT NOT NULL,
	by_user_id    INTEGER NOT NULL REFERENCES users (id),
	at            TEXT NOT NULL
);
CREATE INDEX submission_changes_submission ON submission_changes (submission_id, id);

CREATE TABLE reviews (
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	reviewer_id   INTEGER NOT NULL REFERENCES users (id),
	score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment       TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	PRIMARY KEY (submission_id, reviewer_id)
) WITHOUT ROWID;
CREATE INDEX reviews_reviewer ON reviews (reviewer_id);

-- The outbox: every message guildhall must send, written in the same
-- transaction as the change that causes it. key makes queuing idempotent.
CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	key             TEXT NOT NULL UNIQUE,
	user_id         INTEGER REFERENCES users (id),
	channel         TEXT NOT NULL DEFAULT '',
	body            TEXT NOT NULL,
	due_at          TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'pending',
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	lease_until     TEXT NOT NULL DEFAULT '',
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	sent_at         TEXT NOT NULL DEFAULT '',
	CHECK ((user_id IS NULL) <> (channel = ''))
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
