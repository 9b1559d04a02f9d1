-- A task's owner is a person in the file: one of the family's case
-- managers (an account), a family member (a parent or carer), a provider
-- in the network (network_member_id, since 0003), or the family as a whole.
-- owner_name keeps the name as it was when the task was given. A family
-- member's task has owner_kind 'family': it is the family's to close.
ALTER TABLE tasks ADD COLUMN owner_account_id INTEGER REFERENCES accounts (id);
ALTER TABLE tasks ADD COLUMN owner_member_id INTEGER REFERENCES family_members (id) ON DELETE SET NULL;

-- History, not overwrite: every change of a task's owner or due date, by
-- whom and when, from what to what. For an owner the kind and the name as
-- they were; for a due date the ISO date ('' for none).
CREATE TABLE task_events (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	task_id    INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	at         TIMESTAMP NOT NULL,
	changed_by INTEGER NOT NULL REFERENCES accounts (id),
	field      TEXT NOT NULL CHECK (field IN ('owner', 'due_date')),
	from_kind  TEXT NOT NULL DEFAULT '',
	from_value TEXT NOT NULL DEFAULT '',
	to_kind    TEXT NOT NULL DEFAULT '',
	to_value   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_events_task ON task_events (family_id, task_id, at);
