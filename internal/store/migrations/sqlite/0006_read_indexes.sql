-- The family page reads the most recently closed tasks of a family, and a
-- provider reads the tasks that are theirs.
CREATE INDEX tasks_family_done ON tasks (family_id, status, done_at);
CREATE INDEX tasks_network_member ON tasks (network_member_id);
