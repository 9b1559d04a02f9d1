-- What each successful verification of the audit trail saw: how many
-- records, and the id and hash of the last one. The hash chain cannot show
-- that its newest records were cut off; a checkpoint can, as long as it
-- survives the cut. Append-only, like audit_events.
CREATE TABLE audit_checkpoints (
	id         INTEGER PRIMARY KEY,
	at         TIMESTAMP NOT NULL,
	records    INTEGER NOT NULL CHECK (records >= 0),
	head_id    INTEGER NOT NULL CHECK (head_id >= 0),
	head_hash  TEXT NOT NULL,
	full_walk  BOOLEAN NOT NULL
);

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
