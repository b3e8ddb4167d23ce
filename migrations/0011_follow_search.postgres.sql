-- Search on PostgreSQL: the built-in `danish` text search configuration
-- (Snowball Danish stems, Danish stop words), titles weighted above
-- bodies, in a generated column with a GIN index. Triggers keep
-- search_doc in step with the tables it is made from; an update writes
-- the thing's row anew.

ALTER TABLE search_doc ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
	setweight(to_tsvector('danish'::regconfig, title), 'A') ||
	setweight(to_tsvector('danish'::regconfig, body), 'B')) STORED;
CREATE INDEX search_doc_tsv ON search_doc USING GIN (tsv);

CREATE FUNCTION search_doc_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	k text := TG_ARGV[0];
	-- search_doc's id: the kind's number times 2^40 plus the thing's id.
	base bigint := CASE k WHEN 'arena' THEN 1 WHEN 'activity' THEN 2 WHEN 'statement' THEN 3
		WHEN 'story' THEN 4 WHEN 'organisation' THEN 5 WHEN 'comment' THEN 7 ELSE 6 END * 1099511627776;
BEGIN
	-- A proposal is found by its newest revision: every save is one, and
	-- the newest. Its search_doc is written anew with each.
	IF k = 'revision' THEN
		DELETE FROM search_doc WHERE kind = 'proposal' AND ref_id = NEW.proposal_id;
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
		SELECT base + p.id, 'proposal', p.id, p.arena_id, NULL, NEW.title, NEW.text, p.lang, p.created_at
		FROM proposal p WHERE p.id = NEW.proposal_id;
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		DELETE FROM search_doc WHERE kind = k AND ref_id = OLD.id;
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN NULL;
	END IF;
	IF k = 'arena' THEN
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
		VALUES (base + NEW.id, k, NEW.id, NEW.id, NULL, NEW.title, NEW.description, NEW.lang, NEW.created_at);
	ELSIF k = 'activity' THEN
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
		VALUES (base + NEW.id, k, NEW.id, NEW.arena_id, NULL, NEW.title,
			NEW.description || ' ' || NEW.place || ' ' || NEW.summary || ' ' || NEW.minutes,
			NEW.lang, NEW.created_at);
	ELSIF k = 'statement' THEN
		-- Only accepted statements: pending and rejected ones are found by nobody.
		IF NEW.status = 'accepted' THEN
			INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
			VALUES (base + NEW.id, k, NEW.id, NEW.arena_id, NULL, '', NEW.text, NEW.lang, NEW.created_at);
		END IF;
	ELSIF k = 'story' THEN
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
		VALUES (base + NEW.id, k, NEW.id, NEW.arena_id, NEW.area_id, NEW.title, NEW.body, NEW.lang, NEW.created_at);
	ELSIF k = 'organisation' THEN
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, title, body, lang, created_at)
		VALUES (base + NEW.id, k, NEW.id, NULL, NEW.area_id, NEW.name, NEW.description, NEW.lang, NEW.created_at);
	ELSIF k = 'comment' THEN
		-- Only visible comments: a hidden or removed one is found by nobody.
		INSERT INTO search_doc (id, kind, ref_id, arena_id, area_id, parent_id, title, body, lang, created_at)
		SELECT base + NEW.id, k, NEW.id, p.arena_id, NULL, p.id, '', NEW.body, NEW.lang, NEW.created_at
		FROM proposal p WHERE p.id = NEW.proposal_id AND NEW.status = 'visible';
	END IF;
	RETURN NULL;
END;
$$;

CREATE TRIGGER arena_search AFTER INSERT OR DELETE OR UPDATE OF title, description, lang ON arena
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('arena');
CREATE TRIGGER activity_search AFTER INSERT OR DELETE OR
	UPDATE OF title, description, place, summary, minutes, lang ON activity
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('activity');
CREATE TRIGGER statement_search AFTER INSERT OR DELETE OR UPDATE OF status, text, lang ON statement
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('statement');
CREATE TRIGGER story_search AFTER INSERT OR DELETE OR
	UPDATE OF title, body, arena_id, area_id, lang ON story
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('story');
CREATE TRIGGER organisation_search AFTER INSERT OR DELETE OR
	UPDATE OF name, description, area_id, lang ON organisation
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('organisation');
CREATE TRIGGER proposal_revision_search AFTER INSERT ON proposal_revision
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('revision');
CREATE TRIGGER proposal_search AFTER DELETE ON proposal
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('proposal');
CREATE TRIGGER comment_search AFTER INSERT OR DELETE OR UPDATE OF status, body, lang ON proposal_comment
	FOR EACH ROW EXECUTE FUNCTION search_doc_refresh('comment');
