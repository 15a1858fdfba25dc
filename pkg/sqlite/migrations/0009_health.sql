-- 0009: communities' health checks. A round is a surveys row of kind
-- 'health' with its community_id and round 1, 2, 3…; its recipients are
-- survey_recipients rows, whose bare answered flag names no answer.
-- Landed migrations are never edited: add a new numbered file instead.

-- One round number per community.
CREATE UNIQUE INDEX surveys_health_round ON surveys (community_id, round) WHERE kind = 'health';

-- Answers to health rounds, always anonymous: voter is an HMAC of the
-- round and the member under the round's salt, which is wiped when the
-- round closes. No user, no time.
CREATE TABLE health_answers (
	id         INTEGER PRIMARY KEY,
	survey_id  INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
	voter      TEXT NOT NULL,
	leadership INTEGER NOT NULL CHECK (leadership BETWEEN 1 AND 5),
	engagement INTEGER NOT NULL CHECK (engagement BETWEEN 1 AND 5),
	sharing    INTEGER NOT NULL CHECK (sharing BETWEEN 1 AND 5),
	skills     INTEGER NOT NULL CHECK (skills BETWEEN 1 AND 5),
	support    INTEGER NOT NULL CHECK (support BETWEEN 1 AND 5),
	comment    TEXT NOT NULL DEFAULT '',
	UNIQUE (survey_id, voter)
);
-- A round's answers in the order they were given, for its report.
CREATE INDEX health_answers_round ON health_answers (survey_id, id);

-- When a community's rounds go out by themselves: a cron expression read
-- in tz, and each round's reminder and closing, in seconds after it goes
-- out. The reminder 'health-round:ID' fires them.
CREATE TABLE health_cadences (
	community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
	spec         TEXT NOT NULL,
	tz           TEXT NOT NULL DEFAULT '',
	remind_s     INTEGER NOT NULL,
	close_s      INTEGER NOT NULL,
	set_by       INTEGER REFERENCES users (id),
	set_at       TEXT NOT NULL
);
