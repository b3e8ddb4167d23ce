-- Local life in search on PostgreSQL (search_doc and its index are
-- 0011's): welcome offers while open and not hidden (kind 8), leisure
-- events not cancelled (kind 9, with their association as parent_id and
-- its area), practical pages (kind 10). An update writes the thing's row
-- anew. Versions in other languages are not indexed: a thing is found by
-- its own text.

CREATE FUNCTION local_life_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	k text := TG_ARGV[0];
	-- search_doc's id: the kind's number times 2^40 plus the thing's id.
	base bigint := CASE k WHEN 'offer' THEN 8 WHEN 'leisure' THEN 9 ELSE 10 END * 1099511627776;
BEGIN
	IF k = 'organisation' THEN
		-- An association that moves to another area takes its events along.
		UPDATE search_doc SET area_id = NEW.area_id WHERE kind = 'leisure' AND parent_id = NEW.id;
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		DELETE FROM search_doc WHERE kind = k AND ref_id = OLD.id;
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN NULL;
	END IF;
	IF k = 'offer' THEN
		IF NEW.status = 'open' AND NEW.hidden_at IS NULL THEN
			INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
			VALUES (base + NEW.id, k, NEW.id, NULL, NEW.area_id, NEW.title, NEW.body, NEW.lang, NEW.created_at);
		END IF;
	ELSIF k = 'leisure' THEN
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, parent_id, title, body, lang, created_at)
		SELECT base + NEW.id, k, NEW.id, NULL, o.area_id, NEW.organisation_id, NEW.title,
			NEW.description || ' ' || NEW.place, NEW.lang, NEW.created_at
		FROM organisation o WHERE o.id = NEW.organisation_id AND NEW.cancelled = 0;
	ELSE
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
		VALUES (base + NEW.id, k, NEW.id, NULL, NEW.area_id, NEW.title, NEW.body, NEW.lang, NEW.created_at);
	END IF;
	RETURN NULL;
END;
$$;

CREATE TRIGGER offer_search AFTER INSERT OR DELETE OR
	UPDATE OF title, body, lang, area_id, status, hidden_at ON welcome_offer
	FOR EACH ROW EXECUTE FUNCTION local_life_search_refresh('offer');
CREATE TRIGGER leisure_search AFTER INSERT OR DELETE OR
	UPDATE OF title, description, place, cancelled, lang ON leisure_event
	FOR EACH ROW EXECUTE FUNCTION local_life_search_refresh('leisure');
CREATE TRIGGER leisure_search_area AFTER UPDATE OF area_id ON organisation
	FOR EACH ROW EXECUTE FUNCTION local_life_search_refresh('organisation');
CREATE TRIGGER practical_search AFTER INSERT OR DELETE OR UPDATE OF title, body, lang, area_id ON practical_page
	FOR EACH ROW EXECUTE FUNCTION local_life_search_refresh('practical');
