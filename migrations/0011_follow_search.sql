-- Following, notifications and their mail (model/follow.c,
-- model/notify.c), and the documents search finds (model/search.c).
-- The search index itself and the triggers that keep search_doc in step
-- with what it is made from are per engine, in 0011_follow_search.sqlite.sql
-- and 0011_follow_search.postgres.sql.

-- Who follows what: an arena, an activity, a local area, a proposal.
-- Taking part follows by itself (by_taking_part); someone who unfollows
-- keeps the row with following = 0, so taking part again does not follow
-- them once more.
CREATE TABLE follow (
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	subject_kind TEXT NOT NULL CHECK (subject_kind IN ('arena', 'activity', 'area', 'proposal')),
	subject_id INTEGER NOT NULL,
	following INTEGER NOT NULL DEFAULT 1,
	by_taking_part INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (account_id, subject_kind, subject_id)
);
CREATE INDEX follow_subject ON follow (subject_kind, subject_id, following);

-- Something that happened, once, whoever is told about it. title and
-- detail are plain text as they were then (an activity's title, the new
-- phase's name, a reason); variant says which of its kind's lines tells
-- of it, in each reader's language (a proposal's step: 'submitted',
-- 'adopted', ...; '' the kind's own); at is a time the event names (an
-- activity's new start), or NULL; link is the path on this site it is
-- about. Who caused it is not kept: it only decides who is not told.
CREATE TABLE event (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	variant TEXT NOT NULL DEFAULT '',
	arena_id INTEGER REFERENCES arena (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	at INTEGER,
	link TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX event_arena ON event (arena_id);
CREATE INDEX event_created ON event (created_at);

-- One person told of one event. mail is how it goes out by mail, as the
-- person chose for its kind when it was made ('none': on the site only);
-- mail_due is when (now, the next daily or weekly digest), NULL once it
-- went out (in the outbox mail outbox_id, at mailed_at) or when it never
-- will.
CREATE TABLE notification (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	read_at INTEGER,
	mail TEXT NOT NULL CHECK (mail IN ('none', 'now', 'daily', 'weekly')),
	mail_due INTEGER,
	mailed_at INTEGER,
	outbox_id INTEGER,
	UNIQUE (account_id, event_id)
);
CREATE INDEX notification_inbox ON notification (account_id, read_at, id);
CREATE INDEX notification_due ON notification (account_id, mail_due) WHERE mail_due IS NOT NULL;
CREATE INDEX notification_event ON notification (event_id);

-- How a person wants each kind of event by mail; no row: a daily digest.
CREATE TABLE notify_pref (
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	mail TEXT NOT NULL CHECK (mail IN ('none', 'now', 'daily', 'weekly')),
	PRIMARY KEY (account_id, kind)
);

-- Secrets this installation keeps in its database, so every node has the
-- same: the key that signs unsubscribe links in mail.
CREATE TABLE site_secret (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	created_at INTEGER NOT NULL
);

-- The one-click unsubscribe address of a mail (RFC 8058), or NULL.
ALTER TABLE outbox ADD COLUMN unsubscribe TEXT;

-- What search finds, one row per thing, kept by triggers on the tables
-- it comes from (per engine): only what everyone may see (statements
-- once accepted, comments while they are not hidden). Its id is the
-- kind's number (arena 1, activity 2, statement 3, story 4, organisation
-- 5, proposal 6, comment 7) times 2^40 plus the thing's own id, so each
-- kind is one range of ids: the search index counts and filters a kind
-- by range, without reading the rows. arena_id is the arena it belongs
-- to (an arena's own id for the arena itself); area_id an area of its
-- own (a story's, an organisation's); parent_id what it is part of (a
-- comment's proposal). A proposal is found by its newest revision's
-- title and text.
CREATE TABLE search_doc (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	ref_id INTEGER NOT NULL,
	arena_id INTEGER,
	area_id INTEGER,
	parent_id INTEGER,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	lang TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	UNIQUE (kind, ref_id)
);
CREATE INDEX search_doc_arena ON search_doc (arena_id);
CREATE INDEX search_doc_area ON search_doc (area_id);

INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 1 * 1099511627776 + id, 'arena', id, id, NULL, title, description, lang, created_at FROM arena;
INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 2 * 1099511627776 + id, 'activity', id, arena_id, NULL, title,
	       description || ' ' || place || ' ' || summary || ' ' || minutes, lang, created_at
	FROM activity;
INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 3 * 1099511627776 + id, 'statement', id, arena_id, NULL, '', text, lang, created_at FROM statement
	WHERE status = 'accepted';
INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 4 * 1099511627776 + id, 'story', id, arena_id, area_id, title, body, lang, created_at FROM story;
INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 5 * 1099511627776 + id, 'organisation', id, NULL, area_id, name, description, lang, created_at FROM organisation;
INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 6 * 1099511627776 + p.id, 'proposal', p.id, p.arena_id, NULL, r.title, r.text, p.lang, p.created_at
	FROM proposal p JOIN proposal_revision r ON r.proposal_id = p.id AND r.number = p.head;
INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, parent_id, title, body, lang, created_at)
	SELECT 7 * 1099511627776 + c.id, 'comment', c.id, p.arena_id, NULL, p.id, '', c.body, c.lang, c.created_at
	FROM proposal_comment c JOIN proposal p ON p.id = c.proposal_id WHERE c.status = 'visible';
