-- What an attacker found (issue 10): a row /healthz writes to learn
-- whether the database takes writes, a keyed fingerprint of where a
-- pseudonymous participant first came from (under the site key, kept in
-- site_secret as "site", see model/sitekey.h), and an arena's choice that
-- only verified participants vote.

-- One row, written by /healthz now and then (model/health.c).
CREATE TABLE health_check (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	checked_at INTEGER NOT NULL
);

-- HMAC of the network address a pseudonymous participant was made from,
-- under the site key (not the address: it cannot be read back or looked
-- up without the key). Facilitators see how many of a dialogue's
-- participants share one; NULL for participants of accounts, imports,
-- and those made before this column.
ALTER TABLE participant ADD COLUMN origin TEXT;
CREATE INDEX participant_origin ON participant (origin);

-- 1: only participants with an account whose address is confirmed vote
-- and add statements in this arena's dialogue.
ALTER TABLE arena ADD COLUMN verified_votes INTEGER NOT NULL DEFAULT 0 CHECK (verified_votes IN (0, 1));
