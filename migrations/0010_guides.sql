-- The guide programme (vejvisere): programmes, guides, newcomers, the
-- matching rounds' proposals with their reasons, the matches that follow
-- and their follow-ups. Newcomers' data is special-category personal data:
-- the model reads and writes it only through functions that record the
-- access in the audit log, and the retention job deletes it a set time
-- after the newcomer's last match ended or they withdrew.

-- The centre of a local area (millionths of a degree, WGS 84), for the
-- distance between areas; NULL: unknown (then only guides of that area
-- can reach it).
ALTER TABLE area ADD COLUMN lat INTEGER;
ALTER TABLE area ADD COLUMN lon INTEGER;

CREATE TABLE programme (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	name_key TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',      -- Markdown
	-- the coordinators' weights: points per shared interest, per step of
	-- nearness (0..10), per week waited
	weight_interest INTEGER NOT NULL DEFAULT 10 CHECK (weight_interest BETWEEN 0 AND 1000),
	weight_near INTEGER NOT NULL DEFAULT 3 CHECK (weight_near BETWEEN 0 AND 1000),
	weight_wait INTEGER NOT NULL DEFAULT 2 CHECK (weight_wait BETWEEN 0 AND 1000),
	-- bumped by every change to the round being prepared, so two
	-- coordinators never overwrite each other's work unseen
	revision INTEGER NOT NULL DEFAULT 0,
	run_at INTEGER,                            -- the last matching run
	run_by INTEGER,
	run_us INTEGER,
	lang TEXT NOT NULL DEFAULT 'da',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE guide (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	organisation_id INTEGER REFERENCES organisation (id) ON DELETE SET NULL, -- workplace
	phone TEXT NOT NULL DEFAULT '',
	gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'woman', 'man')),
	area_id INTEGER NOT NULL REFERENCES area (id),
	reach_km INTEGER NOT NULL CHECK (reach_km BETWEEN 0 AND 100),
	languages TEXT NOT NULL,                   -- codes, space-separated
	interests TEXT NOT NULL DEFAULT '',        -- codes, space-separated
	availability INTEGER NOT NULL CHECK (availability BETWEEN 1 AND 7),
	capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 3),
	note TEXT NOT NULL DEFAULT '',
	record_checked_at INTEGER,                 -- børneattest seen by a coordinator
	record_checked_by INTEGER,
	status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'withdrawn')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (programme_id, account_id)
);
CREATE INDEX guide_programme ON guide (programme_id, status);
CREATE INDEX guide_organisation ON guide (organisation_id);

CREATE TABLE newcomer (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
	-- NULL when a coordinator registered them without an account
	account_id INTEGER REFERENCES account (id) ON DELETE CASCADE,
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL DEFAULT 'da',           -- for mail to them
	target_group TEXT NOT NULL CHECK (target_group IN ('refugee', 'young', 'sick_leave')),
	born TEXT NOT NULL,                        -- YYYY-MM-DD
	gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'woman', 'man')),
	area_id INTEGER NOT NULL REFERENCES area (id),
	languages TEXT NOT NULL,
	interests TEXT NOT NULL DEFAULT '',
	availability INTEGER NOT NULL CHECK (availability BETWEEN 1 AND 7),
	same_gender INTEGER NOT NULL DEFAULT 0,
	needs TEXT NOT NULL DEFAULT '',
	consent_at INTEGER NOT NULL,
	consent_how TEXT NOT NULL CHECK (consent_how IN ('self', 'in_person', 'phone', 'written')),
	consent_by INTEGER,                        -- the coordinator who recorded it
	status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'matched', 'ended', 'withdrawn')),
	waiting_since INTEGER NOT NULL,
	ended_at INTEGER,                          -- withdrawn, or the last match ended
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (programme_id, account_id)
);
CREATE INDEX newcomer_programme ON newcomer (programme_id, status);
CREATE INDEX newcomer_retention ON newcomer (status, ended_at);

-- A pair: a draft of the round being prepared, then a proposal sent to
-- both, then a match. The facts behind the pair are kept as matched, for
-- its reasons.
CREATE TABLE guide_match (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
	newcomer_id INTEGER NOT NULL REFERENCES newcomer (id) ON DELETE CASCADE,
	guide_id INTEGER NOT NULL REFERENCES guide (id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'accepted', 'active', 'paused', 'ended')),
	locked INTEGER NOT NULL DEFAULT 0,         -- a draft the coordinator fixed
	score INTEGER NOT NULL DEFAULT 0,
	shared_languages TEXT NOT NULL DEFAULT '',
	shared_interests TEXT NOT NULL DEFAULT '',
	shared_times INTEGER NOT NULL DEFAULT 0,
	km INTEGER NOT NULL DEFAULT 0,
	waited_days INTEGER NOT NULL DEFAULT 0,
	guide_token_hash TEXT UNIQUE,              -- the answer links in the mail
	newcomer_token_hash TEXT UNIQUE,
	guide_answer TEXT NOT NULL DEFAULT '' CHECK (guide_answer IN ('', 'yes', 'no')),
	guide_answered_at INTEGER,
	newcomer_answer TEXT NOT NULL DEFAULT '' CHECK (newcomer_answer IN ('', 'yes', 'no')),
	newcomer_answered_at INTEGER,
	newcomer_answered_by INTEGER,              -- a coordinator who recorded it
	proposed_at INTEGER,
	accepted_at INTEGER,
	first_meeting_on TEXT,                     -- YYYY-MM-DD
	paused_at INTEGER,
	ended_at INTEGER,
	end_reason TEXT NOT NULL DEFAULT '',
	end_note TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
-- At most one pair per newcomer that has not ended.
CREATE UNIQUE INDEX guide_match_live ON guide_match (newcomer_id) WHERE status <> 'ended';
CREATE INDEX guide_match_programme ON guide_match (programme_id, status);
CREATE INDEX guide_match_guide ON guide_match (guide_id, status);

-- Why each newcomer the last run left without a guide found none: how
-- many guides each hard rule excluded.
CREATE TABLE match_unmatched (
	programme_id INTEGER NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
	newcomer_id INTEGER NOT NULL REFERENCES newcomer (id) ON DELETE CASCADE,
	reach INTEGER NOT NULL,
	language INTEGER NOT NULL,
	availability INTEGER NOT NULL,
	gender INTEGER NOT NULL,
	record INTEGER NOT NULL,
	rejected INTEGER NOT NULL,
	full_guides INTEGER NOT NULL,
	fit_area_id INTEGER,                       -- the area of all fitting guides, when one
	PRIMARY KEY (programme_id, newcomer_id)
);

-- Pairs a coordinator ruled out, or that one of the two declined.
CREATE TABLE match_rejected (
	newcomer_id INTEGER NOT NULL REFERENCES newcomer (id) ON DELETE CASCADE,
	guide_id INTEGER NOT NULL REFERENCES guide (id) ON DELETE CASCADE,
	at INTEGER NOT NULL,
	PRIMARY KEY (newcomer_id, guide_id)
);

-- Follow-ups of a match: 2 weeks, 2 months and 6 months after the first
-- meeting; the coordinators get a reminder when one falls due.
CREATE TABLE match_followup (
	match_id INTEGER NOT NULL REFERENCES guide_match (id) ON DELETE CASCADE,
	step TEXT NOT NULL CHECK (step IN ('2w', '2m', '6m')),
	due_at INTEGER NOT NULL,
	reminded_at INTEGER,
	done_at INTEGER,
	done_by INTEGER,
	note TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (match_id, step)
);
CREATE INDEX match_followup_due ON match_followup (reminded_at, due_at);
