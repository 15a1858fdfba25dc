-- 0002: list a community's members newest first without sorting them all.
CREATE INDEX memberships_recent ON memberships (community_id, joined_at DESC, user_id DESC);
