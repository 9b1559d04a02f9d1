-- The individual care plan (IZP): the current version of each family's
-- plan, every version ever saved, proposals from the family, and the
-- organisation's templates. Tasks can be actions of the plan.

-- One row per family with a plan: the current version, which a save must
-- name to succeed, and its review dates for the caseload and the family
-- page (a copy of the version's own, so neither reads the JSON).
CREATE TABLE care_plans (
	family_id  BIGINT PRIMARY KEY REFERENCES families (id) ON DELETE CASCADE,
	version    INTEGER NOT NULL CHECK (version > 0),
	review_due DATE NOT NULL,
	discussed_on DATE,
	updated_at TIMESTAMPTZ NOT NULL
);

-- Every saved version, whole, as JSON. A version is history: the trigger
-- refuses changes; only deleting the family removes it.
CREATE TABLE care_plan_versions (
	family_id BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	version   INTEGER NOT NULL CHECK (version > 0),
	content   TEXT NOT NULL,
	saved_at  TIMESTAMPTZ NOT NULL,
	saved_by  BIGINT NOT NULL REFERENCES accounts (id),
	changes   TEXT NOT NULL,
	PRIMARY KEY (family_id, version)
);

CREATE FUNCTION care_plan_versions_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'care_plan_versions are history and never change';
END;
$$;
CREATE TRIGGER care_plan_versions_no_update BEFORE UPDATE ON care_plan_versions
	FOR EACH ROW EXECUTE FUNCTION care_plan_versions_no_update();

CREATE TABLE care_plan_proposals (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id   BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	section     TEXT NOT NULL CHECK (section IN ('wishes', 'physical', 'psychological', 'social', 'pedagogical', 'spiritual')),
	body        TEXT NOT NULL,
	proposed_by BIGINT NOT NULL REFERENCES accounts (id),
	proposed_at TIMESTAMPTZ NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined')),
	answer      TEXT NOT NULL DEFAULT '',
	answered_by BIGINT REFERENCES accounts (id),
	answered_at TIMESTAMPTZ,
	version     INTEGER
);
CREATE INDEX care_plan_proposals_family ON care_plan_proposals (family_id, proposed_at);

-- Templates hold no personal data: review interval, starting goals and
-- agreements per dimension, and scenario topics, as JSON.
CREATE TABLE care_plan_templates (
	id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	organisation_id BIGINT NOT NULL REFERENCES organisations (id),
	name            TEXT NOT NULL,
	content         TEXT NOT NULL,
	updated_at      TIMESTAMPTZ NOT NULL,
	updated_by      BIGINT NOT NULL REFERENCES accounts (id)
);
CREATE INDEX care_plan_templates_organisation ON care_plan_templates (organisation_id, name);

-- A task can be an action of the plan: its dimension and the goal it serves.
ALTER TABLE tasks ADD COLUMN plan_dimension TEXT
	CHECK (plan_dimension IN ('physical', 'psychological', 'social', 'pedagogical', 'spiritual'));
ALTER TABLE tasks ADD COLUMN plan_goal TEXT NOT NULL DEFAULT '';
