-- The opinion map reads a dialogue's whole vote history (who voted what
-- on which statement, and when) each time it is recomputed. With the
-- participant and the value in the index the history is read from the
-- index alone instead of one table lookup per vote. It starts with the
-- columns of the index it replaces, so it also serves what that served.
CREATE INDEX vote_history_statement_cover ON vote_history (statement_id, voted_at, participant_id, value);
DROP INDEX vote_history_statement;
