-- Local life in search on SQLite (search_doc and its index are 0011's):
-- welcome offers while open and not hidden (kind 8), leisure events not
-- cancelled (kind 9, with their association as parent_id and its area),
-- practical pages (kind 10). Versions in other languages are not
-- indexed: a thing is found by its own text.

CREATE TRIGGER offer_search_insert AFTER INSERT ON welcome_offer
	WHEN NEW.status = 'open' AND NEW.hidden_at IS NULL BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	VALUES (8 * 1099511627776 + NEW.id, 'offer', NEW.id, NULL, NEW.area_id, NEW.title, NEW.body, NEW.lang,
		NEW.created_at);
END;
CREATE TRIGGER offer_search_update AFTER UPDATE OF title, body, lang, area_id, status, hidden_at
	ON welcome_offer BEGIN
	DELETE FROM search_doc WHERE kind = 'offer' AND ref_id = OLD.id;
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	SELECT 8 * 1099511627776 + NEW.id, 'offer', NEW.id, NULL, NEW.area_id, NEW.title, NEW.body, NEW.lang,
		NEW.created_at
	WHERE NEW.status = 'open' AND NEW.hidden_at IS NULL;
END;
CREATE TRIGGER offer_search_delete AFTER DELETE ON welcome_offer BEGIN
	DELETE FROM search_doc WHERE kind = 'offer' AND ref_id = OLD.id;
END;

CREATE TRIGGER leisure_search_insert AFTER INSERT ON leisure_event WHEN NEW.cancelled = 0 BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, parent_id, title, body, lang, created_at)
	SELECT 9 * 1099511627776 + NEW.id, 'leisure', NEW.id, NULL, o.area_id, NEW.organisation_id, NEW.title,
		NEW.description || ' ' || NEW.place, NEW.lang, NEW.created_at
	FROM organisation o WHERE o.id = NEW.organisation_id;
END;
CREATE TRIGGER leisure_search_update AFTER UPDATE OF title, description, place, cancelled, lang
	ON leisure_event BEGIN
	DELETE FROM search_doc WHERE kind = 'leisure' AND ref_id = OLD.id;
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, parent_id, title, body, lang, created_at)
	SELECT 9 * 1099511627776 + NEW.id, 'leisure', NEW.id, NULL, o.area_id, NEW.organisation_id, NEW.title,
		NEW.description || ' ' || NEW.place, NEW.lang, NEW.created_at
	FROM organisation o WHERE o.id = NEW.organisation_id AND NEW.cancelled = 0;
END;
CREATE TRIGGER leisure_search_delete AFTER DELETE ON leisure_event BEGIN
	DELETE FROM search_doc WHERE kind = 'leisure' AND ref_id = OLD.id;
END;
-- An association that moves to another area takes its events along.
CREATE TRIGGER leisure_search_area AFTER UPDATE OF area_id ON organisation BEGIN
	UPDATE search_doc SET area_id = NEW.area_id WHERE kind = 'leisure' AND parent_id = NEW.id;
END;

CREATE TRIGGER practical_search_insert AFTER INSERT ON practical_page BEGIN
	INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
	VALUES (10 * 1099511627776 + NEW.id, 'practical', NEW.id, NULL, NEW.area_id, NEW.title, NEW.body, NEW.lang,
		NEW.created_at);
END;
CREATE TRIGGER practical_search_update AFTER UPDATE OF title, body, lang, area_id ON practical_page BEGIN
	UPDATE search_doc SET area_id = NEW.area_id, title = NEW.title, body = NEW.body, lang = NEW.lang
	WHERE kind = 'practical' AND ref_id = NEW.id;
END;
CREATE TRIGGER practical_search_delete AFTER DELETE ON practical_page BEGIN
	DELETE FROM search_doc WHERE kind = 'practical' AND ref_id = OLD.id;
END;
