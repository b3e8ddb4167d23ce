-- Each stored opinion map gets a version, one more every time the map is
-- stored. A node keeps the map it parsed with its version and, to know
-- whether its copy is current, reads this one number (a primary-key
-- lookup) instead of the whole map: on several nodes over one PostgreSQL
-- a map computed by one is seen by the others through it.
ALTER TABLE opinion_map ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
