-- Proposals written together in an arena, from a blank page: every save a
-- revision, amendments from those who did not write it, supports by people
-- and organisations, comments two levels deep with moderation, and the
-- proposal's public way through the city council.

-- A question that proposals answer; proposals of one question are
-- alternatives, compared side by side.
CREATE TABLE proposal_question (
	id INTEGER PRIMARY KEY,
	arena_id INTEGER NOT NULL REFERENCES arena (id) ON DELETE CASCADE,
	text TEXT NOT NULL,
	created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX proposal_question_arena ON proposal_question (arena_id, id);

CREATE TABLE proposal (
	id INTEGER PRIMARY KEY,
	arena_id INTEGER NOT NULL REFERENCES arena (id) ON DELETE CASCADE,
	question_id INTEGER REFERENCES proposal_question (id) ON DELETE SET NULL,
	title TEXT NOT NULL,                        -- the newest revision's, for lists
	lang TEXT NOT NULL DEFAULT 'da',
	head INTEGER NOT NULL DEFAULT 1,            -- number of the newest revision
	status TEXT NOT NULL DEFAULT 'drafting' CHECK (status IN
		('drafting', 'submitted', 'considering', 'decided', 'implementing', 'done')),
	outcome TEXT CHECK (outcome IS NULL OR outcome IN ('adopted', 'amended', 'rejected')),
	frozen INTEGER,                             -- the revision sent to the council
	created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
-- An arena's list in order of activity (ties by id, which the index
-- holds last); its count by status and question from an index alone.
CREATE INDEX proposal_arena ON proposal (arena_id, updated_at);
CREATE INDEX proposal_arena_count ON proposal (arena_id, status, question_id);
CREATE INDEX proposal_question_of ON proposal (question_id);

-- Every save. Numbers count from 1 per proposal; the newest is
-- proposal.head. based_on is the revision the writer started from (older
-- than the one before when their save was merged with others').
CREATE TABLE proposal_revision (
	id INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
	number INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('start', 'edit', 'merged', 'restore', 'amendment')),
	title TEXT NOT NULL,
	text TEXT NOT NULL,                         -- Markdown
	note TEXT NOT NULL DEFAULT '',
	author_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
	based_on INTEGER,
	restored_from INTEGER,
	amendment_id INTEGER,
	words_added INTEGER NOT NULL DEFAULT 0,
	words_removed INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	UNIQUE (proposal_id, number)
);
-- Who wrote a proposal, from the index alone: a revision's row carries
-- its whole text, which the authors' list must not read.
CREATE INDEX proposal_revision_writers ON proposal_revision (proposal_id, author_id, number);
CREATE INDEX proposal_revision_author ON proposal_revision (author_id);

-- A change suggested by someone who did not write the proposal: the whole
-- changed text, as written against revision base, and why.
CREATE TABLE proposal_amendment (
	id INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
	base INTEGER NOT NULL,
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	reason TEXT NOT NULL,
	author_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
	decided_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	decided_at INTEGER,
	decision_reason TEXT NOT NULL DEFAULT '',
	revision INTEGER,                           -- accepted: the revision it became
	created_at INTEGER NOT NULL
);
CREATE INDEX proposal_amendment_proposal ON proposal_amendment (proposal_id, id);
CREATE INDEX proposal_amendment_author ON proposal_amendment (author_id);

-- A person's support (organisation_id NULL) or an organisation's, given by
-- its representative; sector and area as they were when given.
CREATE TABLE proposal_support (
	id INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	organisation_id INTEGER REFERENCES organisation (id) ON DELETE CASCADE,
	sector TEXT CHECK (sector IS NULL OR sector IN ('public', 'private', 'voluntary', 'citizen')),
	area_id INTEGER REFERENCES area (id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX proposal_support_person ON proposal_support (proposal_id, account_id)
	WHERE organisation_id IS NULL;
CREATE UNIQUE INDEX proposal_support_organisation ON proposal_support (proposal_id, organisation_id)
	WHERE organisation_id IS NOT NULL;
CREATE INDEX proposal_support_proposal ON proposal_support (proposal_id, sector);
CREATE INDEX proposal_support_account ON proposal_support (account_id);

-- Comments, two levels: a reply's thread is its top-level comment, whose
-- thread is itself. Pages read them in (thread, id) order.
CREATE TABLE proposal_comment (
	id INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
	thread_id INTEGER,
	parent_id INTEGER REFERENCES proposal_comment (id) ON DELETE CASCADE,
	author_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
	body TEXT NOT NULL,
	lang TEXT NOT NULL DEFAULT 'da',
	status TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden', 'removed')),
	hidden_reason TEXT NOT NULL DEFAULT '',
	hidden_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	hidden_at INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX proposal_comment_thread ON proposal_comment (proposal_id, thread_id, id, status);
CREATE INDEX proposal_comment_author ON proposal_comment (author_id);

CREATE TABLE proposal_comment_report (
	comment_id INTEGER NOT NULL REFERENCES proposal_comment (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	reason TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	handled_at INTEGER,                         -- a moderator hid the comment or kept it
	PRIMARY KEY (comment_id, account_id)
);
CREATE INDEX proposal_comment_report_open ON proposal_comment_report (handled_at, comment_id);

-- The way through the council, public and dated: submitted (to whom, the
-- meeting, the agenda item; the revision sent), under consideration,
-- decided (the outcome, who decided, the reasoning, the minutes), being
-- implemented with milestones, done.
CREATE TABLE proposal_step (
	id INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN
		('submitted', 'considering', 'decided', 'implementing', 'milestone', 'done')),
	happened_on TEXT NOT NULL,                  -- YYYY-MM-DD
	council TEXT NOT NULL DEFAULT '',           -- the committee or council
	meeting_on TEXT,                            -- YYYY-MM-DD
	link_url TEXT NOT NULL DEFAULT '',          -- agenda item, or minutes
	outcome TEXT CHECK (outcome IS NULL OR outcome IN ('adopted', 'amended', 'rejected')),
	title TEXT NOT NULL DEFAULT '',             -- a milestone's
	progress INTEGER CHECK (progress IS NULL OR (progress >= 0 AND progress <= 100)),
	body TEXT NOT NULL DEFAULT '',              -- Markdown: reasoning, what happened
	revision INTEGER,                           -- submitted: the revision frozen
	recorded_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	recorded_at INTEGER NOT NULL
);
CREATE INDEX proposal_step_proposal ON proposal_step (proposal_id, id);

-- A number that grows with every change to an arena's proposals (texts,
-- steps, supports, comments, amendments), so a page made from them can be
-- kept and served again while the number is the same.
CREATE TABLE proposal_activity (
	arena_id INTEGER NOT NULL PRIMARY KEY REFERENCES arena (id) ON DELETE CASCADE,
	version INTEGER NOT NULL
);
