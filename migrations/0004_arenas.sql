-- Co-creation arenas: a theme, local areas, phases, participating
-- organisations; their activities with sign-ups and waiting lists; and the
-- stories written about what was learned.

CREATE TABLE arena (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	title_key TEXT NOT NULL,
	theme_id INTEGER NOT NULL REFERENCES theme (id),
	description TEXT NOT NULL DEFAULT '',      -- Markdown
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	current_phase_id INTEGER,                   -- an arena_phase of this arena, or NULL
	lang TEXT NOT NULL DEFAULT 'da',
	created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX arena_list ON arena (status, title_key);
CREATE INDEX arena_theme ON arena (theme_id);

CREATE TABLE arena_area (
	arena_id INTEGER NOT NULL REFERENCES arena (id) ON DELETE CASCADE,
	area_id INTEGER NOT NULL REFERENCES area (id) ON DELETE CASCADE,
	PRIMARY KEY (arena_id, area_id)
);
CREATE INDEX arena_area_area ON arena_area (area_id);

-- Phases in order (position); kind lets phases be compared across arenas
-- while each arena names its own.
CREATE TABLE arena_phase (
	id INTEGER PRIMARY KEY,
	arena_id INTEGER NOT NULL REFERENCES arena (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('dialogue', 'drafting', 'council', 'followup', 'other')),
	name TEXT NOT NULL,
	starts_on TEXT,                             -- YYYY-MM-DD
	ends_on TEXT
);
CREATE INDEX arena_phase_arena ON arena_phase (arena_id, position);

CREATE TABLE arena_organisation (
	arena_id INTEGER NOT NULL REFERENCES arena (id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
	contact_name TEXT NOT NULL DEFAULT '',
	contact_email TEXT NOT NULL DEFAULT '',
	invited_at INTEGER NOT NULL,
	responded_at INTEGER,
	PRIMARY KEY (arena_id, organisation_id)
);
CREATE INDEX arena_organisation_org ON arena_organisation (organisation_id);

CREATE TABLE activity (
	id INTEGER PRIMARY KEY,
	arena_id INTEGER NOT NULL REFERENCES arena (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('panel', 'workshop', 'interview', 'meeting', 'other')),
	kind_other TEXT NOT NULL DEFAULT '',        -- the facilitator's name for 'other'
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',      -- Markdown
	starts_at INTEGER NOT NULL,                 -- UTC seconds
	ends_at INTEGER NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	online_url TEXT NOT NULL DEFAULT '',
	capacity INTEGER,                           -- NULL: no limit
	confirmed INTEGER NOT NULL DEFAULT 0,       -- places taken, kept by the model
	step_free INTEGER NOT NULL DEFAULT 0,
	accessibility TEXT NOT NULL DEFAULT '',
	interpretation TEXT NOT NULL DEFAULT '',    -- language codes, space-separated
	minutes TEXT NOT NULL DEFAULT '',           -- Markdown, after the activity
	summary TEXT NOT NULL DEFAULT '',           -- "what we heard"
	cancelled INTEGER NOT NULL DEFAULT 0,
	lang TEXT NOT NULL DEFAULT 'da',
	revision INTEGER NOT NULL DEFAULT 0,        -- iCalendar SEQUENCE
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (ends_at > starts_at),
	CHECK (capacity IS NULL OR confirmed <= capacity)
);
CREATE INDEX activity_arena ON activity (arena_id, starts_at);
CREATE INDEX activity_time ON activity (starts_at);

CREATE TABLE signup (
	id INTEGER PRIMARY KEY,
	activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
	interpreter TEXT NOT NULL DEFAULT '',       -- language code asked for, or ''
	step_free INTEGER NOT NULL DEFAULT 0,
	childcare INTEGER NOT NULL DEFAULT 0,
	other_needs TEXT NOT NULL DEFAULT '',
	queued_at INTEGER NOT NULL,                 -- order on the waiting list
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (activity_id, account_id)
);
CREATE INDEX signup_waiting ON signup (activity_id, status, queued_at);
CREATE INDEX signup_account ON signup (account_id);

CREATE TABLE story (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	body TEXT NOT NULL,                         -- Markdown
	arena_id INTEGER REFERENCES arena (id) ON DELETE SET NULL,
	area_id INTEGER REFERENCES area (id) ON DELETE SET NULL,
	author_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
	author_name TEXT NOT NULL,                  -- as published; "deleted user" after deletion
	published_on TEXT NOT NULL,                 -- YYYY-MM-DD
	licence TEXT NOT NULL,
	lang TEXT NOT NULL DEFAULT 'da',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX story_published ON story (published_on, id);
CREATE INDEX story_arena ON story (arena_id);

-- A secret address for a person's own calendar (calendar programs send
-- no cookies); only its hash is kept.
CREATE TABLE calendar_token (
	account_id INTEGER NOT NULL PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
);
