-- Sign-ups without an account (SQLite; the same as
-- 0014_guest_signups.postgres.sql): a guest gives a name and an e-mail
-- address and confirms by a link that also cancels ('pending' until
-- then, holding no place); staff add sign-ups taken by phone. A guest's
-- sign-up has no account_id but guest_name, and guest_email or
-- guest_phone. SQLite cannot drop a NOT NULL or change a CHECK in place,
-- so the table is made anew; the new columns come last, in the order
-- PostgreSQL adds them, so db-copy finds the same table on both.
CREATE TABLE signup_new (
	id INTEGER PRIMARY KEY,
	activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
	account_id INTEGER REFERENCES account (id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'waiting', 'cancelled')),
	interpreter TEXT NOT NULL DEFAULT '',
	step_free INTEGER NOT NULL DEFAULT 0,
	childcare INTEGER NOT NULL DEFAULT 0,
	other_needs TEXT NOT NULL DEFAULT '',
	queued_at INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	guest_name TEXT NOT NULL DEFAULT '',
	guest_email TEXT NOT NULL DEFAULT '',   -- lower-cased; '' when given by phone only
	guest_phone TEXT NOT NULL DEFAULT '',
	guest_lang TEXT NOT NULL DEFAULT 'da',
	token_hash TEXT UNIQUE,                 -- the guest's link (its SHA-256); NULL for accounts
	added_by INTEGER REFERENCES account (id) ON DELETE SET NULL,  -- staff who took it
	UNIQUE (activity_id, account_id),
	CHECK (account_id IS NOT NULL OR guest_name <> '')
);
INSERT INTO signup_new (id, activity_id, account_id, status, interpreter, step_free, childcare, other_needs,
			queued_at, created_at, updated_at)
	SELECT id, activity_id, account_id, status, interpreter, step_free, childcare, other_needs, queued_at,
	       created_at, updated_at FROM signup;
DROP TABLE signup;
ALTER TABLE signup_new RENAME TO signup;
CREATE INDEX signup_waiting ON signup (activity_id, status, queued_at);
CREATE INDEX signup_account ON signup (account_id);
CREATE INDEX signup_added_by ON signup (added_by);
-- One sign-up per guest address and activity (a second request renews it).
CREATE UNIQUE INDEX signup_guest ON signup (activity_id, guest_email) WHERE account_id IS NULL AND guest_email <> '';
