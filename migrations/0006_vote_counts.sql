-- Counting the votes on each statement by value (agree / disagree / pass,
-- as every list of statements shows) reads this index alone instead of
-- every vote row: on a dialogue of 900 statements and 225,000 votes
-- (Pol.is's bowling-green conversation, imported) 17 ms instead of
-- 500 ms. It starts with statement_id, so it also serves what the index
-- it replaces served.
CREATE INDEX vote_statement_value ON vote (statement_id, value);
DROP INDEX vote_statement;
