-- 0010: whether a person agreed to direct messages (/profile dms=yes).
-- Discord quarantines bots that message people who never asked, so on
-- Discord guildhall sends direct messages only to those who agreed.
-- Landed migrations are never edited: add a new numbered file instead.

ALTER TABLE users ADD COLUMN dms INTEGER NOT NULL DEFAULT 0;
