-- The preferred place of death of the current care plan, next to its
-- review date: the signals read it for every family of a caseload, and
-- taking it out of each plan's document cost more than the rest of the
-- family's row. Written with every saved version; "" before any plan
-- names it.

ALTER TABLE care_plans ADD COLUMN place_of_death TEXT NOT NULL DEFAULT '';

UPDATE care_plans SET place_of_death = COALESCE((SELECT v.content::jsonb #>> '{acp,place_of_death,place}'
	FROM care_plan_versions v WHERE v.family_id = care_plans.family_id AND v.version = care_plans.version), '');
