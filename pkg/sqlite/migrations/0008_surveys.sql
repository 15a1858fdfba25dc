-- 0008: who attends an event, and the survey sent after it: its
-- recipients, answers, talk ratings and comments, the feedback released to
-- speakers, and the ideas raised.
-- Landed migrations are never edited: add a new numbered file instead.

CREATE TABLE attendees (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	user_id  INTEGER NOT NULL REFERENCES users (id),
	at       TEXT NOT NULL,
	PRIMARY KEY (event_id, user_id)
) WITHOUT ROWID;
CREATE INDEX attendees_user ON attendees (user_id);

-- One survey per event (kind 'event'). A community's health checks will
-- be kind 'health', one row per round, with community_id their
-- community; for an event, community_id names a community whose members
-- are asked as well as the attendees. salt keys the voter hashes that stop
-- double answers; it is wiped when the survey closes.
CREATE TABLE surveys (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL DEFAULT 'event',
	event_id     INTEGER UNIQUE REFERENCES events (id) ON DELETE CASCADE,
	community_id INTEGER REFERENCES communities (id) ON DELETE SET NULL,
	round        INTEGER NOT NULL DEFAULT 0,
	state        TEXT NOT NULL DEFAULT 'scheduled',
	anonymous    INTEGER NOT NULL DEFAULT 0,
	delay_s      INTEGER NOT NULL DEFAULT 0,
	remind_s     INTEGER NOT NULL,
	close_s      INTEGER NOT NULL,
	send_at      TEXT NOT NULL DEFAULT '',
	sent_at      TEXT NOT NULL DEFAULT '',
	sent_by      INTEGER REFERENCES users (id),
	remind_at    TEXT NOT NULL DEFAULT '',
	closes_at    TEXT NOT NULL DEFAULT '',
	closed_at    TEXT NOT NULL DEFAULT '',
	recipients   INTEGER NOT NULL DEFAULT 0,
	answers      INTEGER NOT NULL DEFAULT 0, -- kept up to date with survey_answers
	salt         BLOB,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	CHECK (kind <> 'event' OR event_id IS NOT NULL)
);
CREATE INDEX surveys_community ON surveys (community_id, round);

-- Who a survey was sent to. answered is a bare flag, with no time and no
-- link to the answer, so the reminder reaches only those yet to answer
-- without tying an anonymous answer to anyone.
CREATE TABLE survey_recipients (
	survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	user_id   INTEGER NOT NULL REFERENCES users (id),
	answered  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (survey_id, user_id)
) WITHOUT ROWID;
CREATE INDEX survey_recipients_user ON survey_recipients (user_id);

-- One answer per person per survey: voter is an HMAC of the survey and
-- the user under the survey's salt. An anonymous answer has no user_id
-- and no answered_at.
CREATE TABLE survey_answers (
	id          INTEGER PRIMARY KEY,
	survey_id   INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	voter       TEXT NOT NULL,
	user_id     INTEGER REFERENCES users (id),
	rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
	different   TEXT NOT NULL,
	helped      INTEGER NOT NULL DEFAULT 0,
	answered_at TEXT NOT NULL DEFAULT '',
	UNIQUE (survey_id, voter)
);
CREATE INDEX survey_answers_survey ON survey_answers (survey_id);

-- An answer's rating of a talk (0: commented on, not rated) and its
-- comment for the speakers, which organisers may hide. Its id numbers the
-- comment (#c7), so an id is never used twice, even after a delete.
CREATE TABLE survey_talk_ratings (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	answer_id INTEGER NOT NULL REFERENCES survey_answers (id) ON DELETE CASCADE,
	talk_id   INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	rating    INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 5),
	comment   TEXT NOT NULL DEFAULT '',
	hidden    INTEGER NOT NULL DEFAULT 0,
	UNIQUE (answer_id, talk_id)
);
-- Covers the count of each talk's ratings, so results add them up in the
-- index alone.
CREATE INDEX survey_talk_ratings_talk ON survey_talk_ratings (survey_id, talk_id, rating);
-- The comments alone, which results read without the bare ratings.
CREATE INDEX survey_talk_comments ON survey_talk_ratings (survey_id, id) WHERE comment <> '';

-- A talk's feedback, released to its speakers by an organiser.
CREATE TABLE survey_releases (
	survey_id   INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	talk_id     INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	released_by INTEGER NOT NULL REFERENCES users (id),
	released_at TEXT NOT NULL,
	PRIMARY KEY (survey_id, talk_id)
) WITHOUT ROWID;

-- Ideas raised in answers, one per answer at most; owner_id is NULL when
-- the answer was anonymous.
CREATE TABLE ideas (
	id         INTEGER PRIMARY KEY,
	survey_id  INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	answer_id  INTEGER UNIQUE REFERENCES survey_answers (id) ON DELETE SET NULL,
	text       TEXT NOT NULL,
	owner_id   INTEGER REFERENCES users (id),
	state      TEXT NOT NULL DEFAULT 'open',
	raised_at  TEXT NOT NULL,
	updated_at TEXT NOT NULL DEFAULT '',
	updated_by INTEGER REFERENCES users (id)
);
CREATE INDEX ideas_survey ON ideas (survey_id);
CREATE INDEX ideas_owner ON ideas (owner_id);

-- Keys the process signs with, such as the one in the links to the
-- organisers' feedback pages; made once, on first use.
CREATE TABLE secrets (
	name       TEXT PRIMARY KEY,
	value      BLOB NOT NULL,
	created_at TEXT NOT NULL
) WITHOUT ROWID;
