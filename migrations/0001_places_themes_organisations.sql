-- Local areas (lokalområder), themes and organisations: the first things a
-- municipality describes. Written once for SQLite and PostgreSQL; the
-- PostgreSQL backend widens INTEGER to BIGINT and makes
-- "INTEGER PRIMARY KEY" an identity column. name_key is the name
-- case-folded in C (model/text.c), so both engines sort alike.

CREATE TABLE area (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	name_key TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL DEFAULT 'da',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE theme (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	name_key TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL DEFAULT 'da',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE organisation (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	name_key TEXT NOT NULL,
	sector TEXT NOT NULL CHECK (sector IN ('public', 'private', 'voluntary', 'citizen')),
	website TEXT,
	description TEXT NOT NULL DEFAULT '',
	area_id INTEGER REFERENCES area (id) ON DELETE SET NULL,
	lang TEXT NOT NULL DEFAULT 'da',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE INDEX organisation_name ON organisation (name_key, id);
CREATE INDEX organisation_sector ON organisation (sector, name_key);
CREATE INDEX organisation_area ON organisation (area_id, name_key);
