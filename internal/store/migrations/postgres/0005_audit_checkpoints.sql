-- What each successful verification of the audit trail saw: how many
-- records, and the id and hash of the last one. The hash chain cannot show
-- that its newest records were cut off; a checkpoint can, as long as it
-- survives the cut. Append-only, like audit_events.
CREATE TABLE audit_checkpoints (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at         TIMESTAMPTZ NOT NULL,
	records    BIGINT NOT NULL CHECK (records >= 0),
	head_id    BIGINT NOT NULL CHECK (head_id >= 0),
	head_hash  TEXT NOT NULL,
	full_walk  BOOLEAN NOT NULL
);

CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_checkpoints is append-only';
END;
$$;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
	FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
	FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();
