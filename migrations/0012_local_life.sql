-- Local life, area by area: associations (organisations with the facts a
-- newcomer needs: what, when, in which languages, for whom, at what
-- cost), their weekly meetings and their events (the leisure calendar),
-- practical information pages, and welcome offers from local people with
-- the answers and the messages written through the platform until both
-- sides have said yes. Text content records its language (lang) and may
-- carry versions in other languages (*_version; the row itself holds the
-- original). Search finds open offers, leisure events and practical
-- pages through triggers per engine (0012_local_life.sqlite.sql and
-- 0012_local_life.postgres.sql), as search kinds 8, 9 and 10.

-- An organisation that is an association: at most one row per
-- organisation. Contact e-mail and phone are never shown publicly; staff
-- and the association's representatives see them (and the CSV export).
CREATE TABLE association (
	organisation_id INTEGER NOT NULL PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
	category TEXT NOT NULL CHECK (category IN ('sport', 'culture', 'music', 'crafts', 'games',
		'nature', 'scouts', 'faith', 'seniors', 'youth', 'families', 'social', 'language',
		'other')),
	languages TEXT NOT NULL DEFAULT 'da',       -- codes spoken, space-separated
	fee_kr INTEGER CHECK (fee_kr IS NULL OR fee_kr BETWEEN 0 AND 100000), -- NULL: not stated
	fee_per TEXT NOT NULL DEFAULT 'year' CHECK (fee_per IN ('year', 'half_year', 'month', 'time')),
	fritidspas INTEGER NOT NULL DEFAULT 0 CHECK (fritidspas IN (0, 1)), -- takes the leisure pass
	age_min INTEGER CHECK (age_min IS NULL OR age_min BETWEEN 0 AND 120),
	age_max INTEGER CHECK (age_max IS NULL OR age_max BETWEEN 0 AND 120),
	step_free INTEGER NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1)),
	contact_name TEXT NOT NULL DEFAULT '',
	contact_email TEXT NOT NULL DEFAULT '',
	contact_phone TEXT NOT NULL DEFAULT '',
	updated_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL,
	CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max)
);
CREATE INDEX association_category ON association (category);

-- When and where an association meets each week, in Danish local time:
-- weekday 1 (Monday) to 7 (Sunday), minutes after midnight.
CREATE TABLE association_meeting (
	id INTEGER PRIMARY KEY,
	organisation_id INTEGER NOT NULL REFERENCES association (organisation_id) ON DELETE CASCADE,
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	starts_min INTEGER NOT NULL CHECK (starts_min BETWEEN 0 AND 1439),
	ends_min INTEGER NOT NULL CHECK (ends_min BETWEEN 1 AND 1440),
	place TEXT NOT NULL DEFAULT '',
	what TEXT NOT NULL DEFAULT '',              -- "U10 training", in the association's language
	CHECK (ends_min > starts_min)
);
CREATE INDEX association_meeting_org ON association_meeting (organisation_id, weekday, starts_min);
CREATE INDEX association_meeting_time ON association_meeting (weekday, starts_min);

-- An association's description in another language than its own.
CREATE TABLE association_version (
	organisation_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',             -- the name in this language; '' keeps the name
	body TEXT NOT NULL,                         -- Markdown
	updated_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (organisation_id, lang)
);

-- The leisure calendar: what associations invite everyone to.
CREATE TABLE leisure_event (
	id INTEGER PRIMARY KEY,
	organisation_id INTEGER NOT NULL REFERENCES association (organisation_id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('event', 'open_training', 'open_house')),
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',       -- Markdown
	starts_at INTEGER NOT NULL,                 -- UTC seconds
	ends_at INTEGER NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
	lang TEXT NOT NULL DEFAULT 'da',
	revision INTEGER NOT NULL DEFAULT 0,        -- iCalendar SEQUENCE
	created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (ends_at > starts_at)
);
CREATE INDEX leisure_event_org ON leisure_event (organisation_id, starts_at);
CREATE INDEX leisure_event_time ON leisure_event (starts_at);

-- Practical information, per area (NULL: the whole municipality) and topic.
CREATE TABLE practical_page (
	id INTEGER PRIMARY KEY,
	area_id INTEGER REFERENCES area (id) ON DELETE CASCADE,
	topic TEXT NOT NULL CHECK (topic IN ('doctor', 'library', 'childcare', 'waste', 'transport',
		'shops', 'citizen_service', 'other')),
	title TEXT NOT NULL,
	body TEXT NOT NULL,                         -- Markdown
	lang TEXT NOT NULL DEFAULT 'da',
	created_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	updated_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX practical_page_area ON practical_page (area_id, topic);

CREATE TABLE practical_version (
	page_id INTEGER NOT NULL REFERENCES practical_page (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	updated_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (page_id, lang)
);

-- A welcome offer: a local person (maybe for an association they
-- represent) invites newcomers in their area. It is open from starts_on
-- to ends_on (local dates, YYYY-MM-DD) and expires after ends_on.
CREATE TABLE welcome_offer (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	organisation_id INTEGER REFERENCES organisation (id) ON DELETE SET NULL,
	area_id INTEGER NOT NULL REFERENCES area (id),
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',              -- Markdown
	lang TEXT NOT NULL DEFAULT 'da',
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	at_time TEXT NOT NULL DEFAULT '',           -- HH:MM local, or '' for none
	languages TEXT NOT NULL,                    -- codes the host speaks
	places INTEGER NOT NULL CHECK (places BETWEEN 1 AND 50),
	taken INTEGER NOT NULL DEFAULT 0,           -- people accepted, kept by the model
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	hidden_at INTEGER,                          -- hidden by a moderator
	hidden_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	hidden_reason TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (ends_on >= starts_on),
	CHECK (taken BETWEEN 0 AND places)
);
CREATE INDEX welcome_offer_area ON welcome_offer (area_id, ends_on);
CREATE INDEX welcome_offer_author ON welcome_offer (author_id);

CREATE TABLE offer_version (
	offer_id INTEGER NOT NULL REFERENCES welcome_offer (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	updated_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (offer_id, lang)
);

-- An answer to an offer: by the newcomer, or by a coordinator on behalf
-- of one (for_name, with the consent they gave and how). Each side's
-- contact details are shown to the other only once the host has
-- accepted (both have said yes); until then they write messages here.
CREATE TABLE offer_answer (
	id INTEGER PRIMARY KEY,
	offer_id INTEGER NOT NULL REFERENCES welcome_offer (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	for_name TEXT NOT NULL DEFAULT '',
	consent_how TEXT NOT NULL DEFAULT 'self' CHECK (consent_how IN ('self', 'in_person', 'phone',
		'written')),
	consent_at INTEGER NOT NULL,
	people INTEGER NOT NULL DEFAULT 1 CHECK (people BETWEEN 1 AND 10),
	status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'accepted', 'declined',
		'withdrawn')),
	answer_contact TEXT NOT NULL DEFAULT '',
	host_contact TEXT NOT NULL DEFAULT '',
	decided_at INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (offer_id, account_id, for_name)
);
CREATE INDEX offer_answer_account ON offer_answer (account_id);

CREATE TABLE offer_message (
	id INTEGER PRIMARY KEY,
	answer_id INTEGER NOT NULL REFERENCES offer_answer (id) ON DELETE CASCADE,
	author_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
	body TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX offer_message_answer ON offer_message (answer_id, id);

-- Anyone may report an offer; moderators handle the reports.
CREATE TABLE offer_report (
	id INTEGER PRIMARY KEY,
	offer_id INTEGER NOT NULL REFERENCES welcome_offer (id) ON DELETE CASCADE,
	account_id INTEGER REFERENCES account (id) ON DELETE SET NULL, -- NULL: a visitor
	reason TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	handled_at INTEGER,
	handled_by INTEGER REFERENCES account (id) ON DELETE SET NULL
);
CREATE INDEX offer_report_open ON offer_report (handled_at, offer_id);
