-- Accounts, sessions, single-use tokens, the mail outbox, rate limits,
-- roles, consents, pseudonymous participants and the audit log.
-- Secrets (session ids, tokens) are stored only as SHA-256 hashes, so a
-- copy of the database does not let anyone sign in.

CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,       -- lower-cased
	name TEXT NOT NULL,
	password_hash TEXT NOT NULL,      -- Argon2id, libsodium's encoded form
	lang TEXT NOT NULL DEFAULT 'da',
	area_id INTEGER REFERENCES area (id) ON DELETE SET NULL,
	verified_at INTEGER,              -- NULL until the e-mail address is confirmed
	password_changed_at INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE session (
	id_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	csrf TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	seen_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	client TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_account ON session (account_id);
CREATE INDEX session_expires ON session (expires_at);

CREATE TABLE token (
	hash TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('verify', 'reset')),
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER
);
CREATE INDEX token_account ON token (account_id, kind);

CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	account_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
	recipient TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	sent_at INTEGER,
	last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);

CREATE TABLE rate_limit (
	key TEXT PRIMARY KEY,
	window_start INTEGER NOT NULL,
	count INTEGER NOT NULL
);

CREATE TABLE role_grant (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	role TEXT NOT NULL,
	scope_kind TEXT NOT NULL DEFAULT '',  -- '' (global), 'arena', 'organisation', 'area'
	scope_id INTEGER NOT NULL DEFAULT 0,
	granted_by INTEGER,
	granted_at INTEGER NOT NULL,
	UNIQUE (account_id, role, scope_kind, scope_id)
);

CREATE TABLE membership (
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (account_id, organisation_id)
);

CREATE TABLE consent (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	purpose TEXT NOT NULL,            -- 'terms', 'updates', ...
	text_version TEXT NOT NULL,       -- which wording was agreed to
	given_at INTEGER NOT NULL,
	withdrawn_at INTEGER
);
CREATE INDEX consent_account ON consent (account_id, purpose);

-- A participant takes part in dialogues, signed in or not: the random id
-- in a cookie (hashed here) may later be attached to an account.
CREATE TABLE participant (
	id INTEGER PRIMARY KEY,
	token_hash TEXT UNIQUE,           -- NULL once detached (account deleted)
	account_id INTEGER UNIQUE REFERENCES account (id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL
);

-- Append-only (the triggers are per engine, in 0003): who did what to
-- whom, when, from where.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor_id INTEGER,                 -- no foreign key: entries outlive accounts
	action TEXT NOT NULL,
	subject TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
