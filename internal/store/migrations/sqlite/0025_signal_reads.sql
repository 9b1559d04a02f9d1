-- What the signals read of a caseload, laid out so that it is read
-- quickly: the dashboard of a case manager with fifty families reads it
-- on every visit.

-- The open tasks of a family, with everything the signals, the dashboard
-- and the worklist read of them, in one index: reading a caseload's open
-- tasks walks this index alone instead of fetching each task's row from
-- wherever the table keeps it. Only open tasks are in it, a tenth of them;
-- it takes the place of the index on family, status and due date.

CREATE INDEX tasks_family_open ON tasks (family_id, due_date, id, title, owner_kind, owner_name,
	network_member_id, owner_account_id, owner_member_id) WHERE status = 'open';

DROP INDEX tasks_family;

-- The preferred place of death of the current care plan, next to its
-- review date: the signals read it for every family of a caseload, and
-- taking it out of each plan's document cost more than the rest of the
-- family's row. Written with every saved version; "" before any plan
-- names it.

ALTER TABLE care_plans ADD COLUMN place_of_death TEXT NOT NULL DEFAULT '';

UPDATE care_plans SET place_of_death = COALESCE((SELECT json_extract(v.content, '$.acp.place_of_death.place')
	FROM care_plan_versions v WHERE v.family_id = care_plans.family_id AND v.version = care_plans.version), '');

-- When each plan was first made, read by the signals for every family of
-- a caseload: in SQLite a version's row holds its whole document before
-- the time it was saved, so the time is kept in an index as well.

CREATE INDEX care_plan_versions_saved ON care_plan_versions (family_id, version, saved_at);
