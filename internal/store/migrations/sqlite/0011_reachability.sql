-- How a case manager is reached at work (bereikbaarheid): a work phone,
-- the days and hours, and who stands in when they are away. Kept by the
-- case manager on their own account; shown to their families and to
-- providers with consent. Empty for every other account.
ALTER TABLE accounts ADD COLUMN work_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN work_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN stand_in TEXT NOT NULL DEFAULT '';
