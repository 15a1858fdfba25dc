-- 0005: the buttons a message offers (JSON, [] for none).
-- Landed migrations are never edited: add a new numbered file instead.
ALTER TABLE outbox ADD COLUMN actions TEXT NOT NULL DEFAULT '';
