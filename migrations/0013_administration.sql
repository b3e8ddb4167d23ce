-- The municipality runs the platform itself: staff keep its areas,
-- themes and organisations, give it its own name, colour, logo and home
-- page texts, and put images on arenas, stories and organisations; the
-- audit log names whose data and what each entry is about.

-- Retired (no longer offered for new use, pages kept) rather than
-- deleted while anything refers to them.
ALTER TABLE area ADD COLUMN retired_at INTEGER;
ALTER TABLE theme ADD COLUMN retired_at INTEGER;
ALTER TABLE organisation ADD COLUMN retired_at INTEGER;

-- Uploaded images, decoded and encoded again (no metadata survives) in
-- a few widths for responsive pages; served under the hash of the
-- largest one, so an address never changes what it shows.
CREATE TABLE image (
	id INTEGER PRIMARY KEY,
	hash TEXT NOT NULL UNIQUE,          -- hex SHA-256 of the largest variant, shortened
	format TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
	width INTEGER NOT NULL,             -- of the largest variant
	height INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE image_variant (
	image_id INTEGER NOT NULL REFERENCES image (id) ON DELETE CASCADE,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL,
	bytes BLOB NOT NULL,
	PRIMARY KEY (image_id, width)
);
-- What shows the image says what it shows (alt text), in its own words.
ALTER TABLE arena ADD COLUMN image_id INTEGER REFERENCES image (id) ON DELETE SET NULL;
ALTER TABLE arena ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE story ADD COLUMN image_id INTEGER REFERENCES image (id) ON DELETE SET NULL;
ALTER TABLE story ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN image_id INTEGER REFERENCES image (id) ON DELETE SET NULL;
ALTER TABLE organisation ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';

-- The site's own name, main colour and logo (one row), and its home
-- page's texts per language; '' means the catalogue's default.
CREATE TABLE site_brand (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	name TEXT NOT NULL DEFAULT '',
	colour TEXT NOT NULL DEFAULT '',    -- #rrggbb
	logo_id INTEGER REFERENCES image (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL
);
CREATE TABLE site_text (
	lang TEXT PRIMARY KEY,
	home_title TEXT NOT NULL DEFAULT '',
	home_intro TEXT NOT NULL DEFAULT '',  -- Markdown
	updated_at INTEGER NOT NULL
);

-- Whose personal data or role an entry is about, and the thing it
-- concerns (an arena, an activity, an organisation, ...), so the log
-- reads as sentences with names and links. No foreign keys: entries
-- outlive what they name.
ALTER TABLE audit_log ADD COLUMN person_id INTEGER;
ALTER TABLE audit_log ADD COLUMN object_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN object_id INTEGER;
CREATE INDEX audit_log_person ON audit_log (person_id);
