-- Search on SQLite: an FTS5 index over search_doc (external content: the
-- text is kept once, in search_doc), tokenized by samskab's "danish"
-- tokenizer (core/words.c, registered on every connection by
-- store/sqlite.c: words, lower case, Snowball Danish stems, no stop
-- words). Triggers keep search_doc in step with the tables it is made
-- from, and the index in step with search_doc.

-- Searches rank with samskab_rank (store/sqlite.c). Positions are kept
-- (detail=full): without them, finding which column a word is in would
-- mean reading and tokenizing each hit's text again.
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content = 'search_doc',
	content_rowid = 'id', tokenize = 'danish');
INSERT INTO search_fts (search_fts) VALUES ('rebuild');

CREATE TRIGGER search_doc_insert AFTER INSERT ON search_doc BEGIN
	INSERT INTO search_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
END;
CREATE TRIGGER search_doc_delete AFTER DELETE ON search_doc BEGIN
	INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
END;
CREATE TRIGGER search_doc_update AFTER UPDATE ON search_doc BEGIN
	INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
	INSERT INTO search_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
END;

CREATE TRIGGER arena_search_insert AFTER INSERT ON arena BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	VALUES (1 * 1099511627776 + NEW.id, 'arena', NEW.id, NEW.id, NULL, NEW.title, NEW.description, NEW.lang, NEW.created_at);
END;
CREATE TRIGGER arena_search_update AFTER UPDATE OF title, description, lang ON arena BEGIN
	UPDATE search_doc SET title = NEW.title, body = NEW.description, lang = NEW.lang
	WHERE kind = 'arena' AND ref_id = NEW.id;
END;
CREATE TRIGGER arena_search_delete AFTER DELETE ON arena BEGIN
	DELETE FROM search_doc WHERE kind = 'arena' AND ref_id = OLD.id;
END;

CREATE TRIGGER activity_search_insert AFTER INSERT ON activity BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	VALUES (2 * 1099511627776 + NEW.id, 'activity', NEW.id, NEW.arena_id, NULL, NEW.title,
		NEW.description || ' ' || NEW.place || ' ' || NEW.summary || ' ' || NEW.minutes, NEW.lang,
		NEW.created_at);
END;
CREATE TRIGGER activity_search_update AFTER UPDATE OF title, description, place, summary, minutes, lang
	ON activity BEGIN
	UPDATE search_doc SET title = NEW.title,
		body = NEW.description || ' ' || NEW.place || ' ' || NEW.summary || ' ' || NEW.minutes,
		lang = NEW.lang
	WHERE kind = 'activity' AND ref_id = NEW.id;
END;
CREATE TRIGGER activity_search_delete AFTER DELETE ON activity BEGIN
	DELETE FROM search_doc WHERE kind = 'activity' AND ref_id = OLD.id;
END;

-- Only accepted statements: pending and rejected ones are found by nobody.
CREATE TRIGGER statement_search_insert AFTER INSERT ON statement WHEN NEW.status = 'accepted' BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	VALUES (3 * 1099511627776 + NEW.id, 'statement', NEW.id, NEW.arena_id, NULL, '', NEW.text, NEW.lang, NEW.created_at);
END;
CREATE TRIGGER statement_search_update AFTER UPDATE OF status, text, lang ON statement BEGIN
	DELETE FROM search_doc WHERE kind = 'statement' AND ref_id = OLD.id;
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 3 * 1099511627776 + NEW.id, 'statement', NEW.id, NEW.arena_id, NULL, '', NEW.text, NEW.lang, NEW.created_at
	WHERE NEW.status = 'accepted';
END;
CREATE TRIGGER statement_search_delete AFTER DELETE ON statement BEGIN
	DELETE FROM search_doc WHERE kind = 'statement' AND ref_id = OLD.id;
END;

CREATE TRIGGER story_search_insert AFTER INSERT ON story BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	VALUES (4 * 1099511627776 + NEW.id, 'story', NEW.id, NEW.arena_id, NEW.area_id, NEW.title, NEW.body, NEW.lang, NEW.created_at);
END;
CREATE TRIGGER story_search_update AFTER UPDATE OF title, body, arena_id, area_id, lang ON story BEGIN
	UPDATE search_doc SET arena_id = NEW.arena_id, area_id = NEW.area_id, title = NEW.title,
		body = NEW.body, lang = NEW.lang
	WHERE kind = 'story' AND ref_id = NEW.id;
END;
CREATE TRIGGER story_search_delete AFTER DELETE ON story BEGIN
	DELETE FROM search_doc WHERE kind = 'story' AND ref_id = OLD.id;
END;

CREATE TRIGGER organisation_search_insert AFTER INSERT ON organisation BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	VALUES (5 * 1099511627776 + NEW.id, 'organisation', NEW.id, NULL, NEW.area_id, NEW.name, NEW.description, NEW.lang,
		NEW.created_at);
END;
CREATE TRIGGER organisation_search_update AFTER UPDATE OF name, description, area_id, lang
	ON organisation BEGIN
	UPDATE search_doc SET area_id = NEW.area_id, title = NEW.name, body = NEW.description,
		lang = NEW.lang
	WHERE kind = 'organisation' AND ref_id = NEW.id;
END;
CREATE TRIGGER organisation_search_delete AFTER DELETE ON organisation BEGIN
	DELETE FROM search_doc WHERE kind = 'organisation' AND ref_id = OLD.id;
END;

-- A proposal is found by its newest revision: every save is one, and the
-- newest. Its search_doc is written anew with each.
CREATE TRIGGER proposal_revision_search_insert AFTER INSERT ON proposal_revision BEGIN
	DELETE FROM search_doc WHERE kind = 'proposal' AND ref_id = NEW.proposal_id;
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 6 * 1099511627776 + p.id, 'proposal', p.id, p.arena_id, NULL, NEW.title, NEW.text, p.lang, p.created_at
	FROM proposal p WHERE p.id = NEW.proposal_id;
END;
CREATE TRIGGER proposal_search_delete AFTER DELETE ON proposal BEGIN
	DELETE FROM search_doc WHERE kind = 'proposal' AND ref_id = OLD.id;
END;

-- Only visible comments: a hidden or removed one is found by nobody.
CREATE TRIGGER comment_search_insert AFTER INSERT ON proposal_comment WHEN NEW.status = 'visible' BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, parent_id, title, body, lang, created_at)
	SELECT 7 * 1099511627776 + NEW.id, 'comment', NEW.id, p.arena_id, NULL, p.id, '', NEW.body, NEW.lang,
		NEW.created_at
	FROM proposal p WHERE p.id = NEW.proposal_id;
END;
CREATE TRIGGER comment_search_update AFTER UPDATE OF status, body, lang ON proposal_comment BEGIN
	DELETE FROM search_doc WHERE kind = 'comment' AND ref_id = OLD.id;
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, parent_id, title, body, lang, created_at)
	SELECT 7 * 1099511627776 + NEW.id, 'comment', NEW.id, p.arena_id, NULL, p.id, '', NEW.body, NEW.lang,
		NEW.created_at
	FROM proposal p WHERE p.id = NEW.proposal_id AND NEW.status = 'visible';
END;
CREATE TRIGGER comment_search_delete AFTER DELETE ON proposal_comment BEGIN
	DELETE FROM search_doc WHERE kind = 'comment' AND ref_id = OLD.id;
END;
