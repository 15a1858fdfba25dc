-- 0001: users, organisers and communities of practice.
-- Landed migrations are never edited: add a new numbered file instead.

CREATE TABLE users (
	id          INTEGER PRIMARY KEY,
	platform    TEXT NOT NULL,
	platform_id TEXT NOT NULL,
	name        TEXT NOT NULL,
	name_key    TEXT NOT NULL,
	department  TEXT NOT NULL DEFAULT '',
	team        TEXT NOT NULL DEFAULT '',
	role        TEXT NOT NULL DEFAULT '',
	role_key    TEXT NOT NULL DEFAULT '',
	tz          TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	UNIQUE (platform, platform_id)
);
CREATE INDEX users_name ON users (platform, name_key);

CREATE TABLE organisers (
	entry    TEXT PRIMARY KEY,
	added_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE communities (
	id                 INTEGER PRIMARY KEY,
	name               TEXT NOT NULL,
	name_key           TEXT NOT NULL UNIQUE,
	about              TEXT NOT NULL DEFAULT '',
	coordinator_id     INTEGER NOT NULL REFERENCES users (id),
	stage              TEXT NOT NULL,
	charter_why        TEXT NOT NULL DEFAULT '',
	charter_who        TEXT NOT NULL DEFAULT '',
	charter_vision     TEXT NOT NULL DEFAULT '',
	charter_goals      TEXT NOT NULL DEFAULT '[]',
	charter_principles TEXT NOT NULL DEFAULT '[]',
	charter_updated_at TEXT NOT NULL DEFAULT '',
	cadence            TEXT NOT NULL DEFAULT '',
	cadence_tz         TEXT NOT NULL DEFAULT '',
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
);

CREATE TABLE memberships (
	community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	joined_at    TEXT NOT NULL,
	PRIMARY KEY (community_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE stage_changes (
	id           INTEGER PRIMARY KEY,
	community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
	from_stage   TEXT NOT NULL,
	to_stage     TEXT NOT NULL,
	by_user_id   INTEGER NOT NULL REFERENCES users (id),
	reason       TEXT NOT NULL DEFAULT '',
	at           TEXT NOT NULL
);
CREATE INDEX stage_changes_community ON stage_changes (community_id, id);

CREATE TABLE backlog_items (
	id           INTEGER PRIMARY KEY,
	community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
	title        TEXT NOT NULL,
	title_key    TEXT NOT NULL,
	state        TEXT NOT NULL DEFAULT 'open',
	created_at   TEXT NOT NULL,
	UNIQUE (community_id, title_key)
);
