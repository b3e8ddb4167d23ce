-- Sign-ups without an account (PostgreSQL; the same as
-- 0014_guest_signups.sqlite.sql): a guest gives a name and an e-mail
-- address and confirms by a link that also cancels ('pending' until
-- then, holding no place); staff add sign-ups taken by phone. A guest's
-- sign-up has no account_id but guest_name, and guest_email or
-- guest_phone.
ALTER TABLE signup ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE signup DROP CONSTRAINT signup_status_check;
ALTER TABLE signup ADD CONSTRAINT signup_status_check
	CHECK (status IN ('pending', 'confirmed', 'waiting', 'cancelled'));
ALTER TABLE signup ADD COLUMN guest_name TEXT NOT NULL DEFAULT '';
ALTER TABLE signup ADD COLUMN guest_email TEXT NOT NULL DEFAULT '';
ALTER TABLE signup ADD COLUMN guest_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE signup ADD COLUMN guest_lang TEXT NOT NULL DEFAULT 'da';
ALTER TABLE signup ADD COLUMN token_hash TEXT UNIQUE;
ALTER TABLE signup ADD COLUMN added_by BIGINT REFERENCES account (id) ON DELETE SET NULL;
ALTER TABLE signup ADD CONSTRAINT signup_who CHECK (account_id IS NOT NULL OR guest_name <> '');
CREATE INDEX signup_added_by ON signup (added_by);
CREATE UNIQUE INDEX signup_guest ON signup (activity_id, guest_email) WHERE account_id IS NULL AND guest_email <> '';
