-- The dialogue of an arena: short statements that participants vote on
-- (agree = 1, disagree = -1, pass = 0, as in Pol.is's openData), every
-- vote kept in the history, and the opinion map computed from them.

ALTER TABLE arena ADD COLUMN moderation TEXT NOT NULL DEFAULT 'after'
	CHECK (moderation IN ('before', 'after'));

-- Optional facts a participant gives for the break-downs of the map.
ALTER TABLE participant ADD COLUMN area_id INTEGER REFERENCES area (id) ON DELETE SET NULL;
ALTER TABLE participant ADD COLUMN sector TEXT
	CHECK (sector IS NULL OR sector IN ('public', 'private', 'voluntary', 'citizen'));

CREATE TABLE statement (
	id INTEGER PRIMARY KEY,
	arena_id INTEGER NOT NULL REFERENCES arena (id) ON DELETE CASCADE,
	participant_id INTEGER REFERENCES participant (id) ON DELETE SET NULL,
	author_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
	text TEXT NOT NULL,
	lang TEXT NOT NULL DEFAULT 'da',
	status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
	seed INTEGER NOT NULL DEFAULT 0,            -- written by a facilitator
	meta INTEGER NOT NULL DEFAULT 0,            -- about the dialogue itself: not in the math
	reject_reason TEXT NOT NULL DEFAULT '',
	moderated_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	moderated_at INTEGER,
	priority REAL NOT NULL DEFAULT 1,           -- Pol.is comment priority from the last map
	external_id INTEGER,                        -- comment-id when imported from Pol.is
	created_at INTEGER NOT NULL
);
CREATE INDEX statement_arena ON statement (arena_id, status, id);

CREATE TABLE vote (
	participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
	statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
	value INTEGER NOT NULL CHECK (value IN (-1, 0, 1)),
	voted_at INTEGER NOT NULL,                  -- milliseconds
	PRIMARY KEY (participant_id, statement_id)
);
CREATE INDEX vote_statement ON vote (statement_id);

CREATE TABLE vote_history (
	id INTEGER PRIMARY KEY,
	participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
	statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
	value INTEGER NOT NULL CHECK (value IN (-1, 0, 1)),
	voted_at INTEGER NOT NULL
);
CREATE INDEX vote_history_statement ON vote_history (statement_id, voted_at);

-- The last map of each arena's dialogue, as the JSON `samskab opinion
-- --json` prints (participant and statement ids are samskab's), and how
-- many votes it saw, so the background job knows when to recompute.
CREATE TABLE opinion_map (
	arena_id INTEGER NOT NULL PRIMARY KEY REFERENCES arena (id) ON DELETE CASCADE,
	computed_at INTEGER NOT NULL,               -- Unix seconds
	last_vote_at INTEGER NOT NULL,              -- milliseconds of the newest vote it saw
	votes INTEGER NOT NULL,
	map TEXT NOT NULL
);

-- Each arena's newest vote, kept with every vote, so finding dialogues
-- whose map is out of date needs no scan of the votes.
CREATE TABLE dialogue_activity (
	arena_id INTEGER NOT NULL PRIMARY KEY REFERENCES arena (id) ON DELETE CASCADE,
	last_vote_at INTEGER NOT NULL
);
