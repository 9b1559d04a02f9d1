package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/spil-zorg/spil/internal/care"
)

// ReassignTask sets an open task's owner and due date.
func (s *Store) ReassignTask(ctx context.Context, familyID int64, t *care.Task) error {
	res, err := s.q.ExecContext(ctx, `UPDATE tasks SET owner_kind = $1, owner_name = $2, network_member_id = $3,
		owner_account_id = $4, owner_member_id = $5, due_date = $6
		WHERE id = $7 AND family_id = $8 AND status = 'open' /* Store.ReassignTask */`,
		t.OwnerKind, t.OwnerName, nullID(t.NetworkMemberID), nullID(t.OwnerAccountID), nullID(t.OwnerMemberID),
		nullDate(t.DueDate), t.ID, familyID)
	return affectedOne(res, err, "open task")
}

// AddTaskEvent records one change of a task of the family; the task must
// be the family's.
func (s *Store) AddTaskEvent(ctx context.Context, e *care.TaskEvent) error {
	var one int
	err := s.q.QueryRowContext(ctx, `SELECT 1 FROM tasks WHERE id = $1 AND family_id = $2 /* Store.AddTaskEvent */`,
		e.TaskID, e.FamilyID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return care.Errorf(care.NotFound, "task not found")
	}
	if err != nil {
		return err
	}
	return s.q.QueryRowContext(ctx, `/* Store.AddTaskEvent */ INSERT INTO task_events
		(family_id, task_id, at, changed_by, field, from_kind, from_value, to_kind, to_value)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.FamilyID, e.TaskID, e.At.UTC(), e.By.AccountID, e.Field, e.FromKind, e.From, e.ToKind, e.To).Scan(&e.ID)
}

// TaskEvents lists the changes of one task of the family (taskID 0: all
// its tasks), oldest first.
func (s *Store) TaskEvents(ctx context.Context, familyID, taskID int64) ([]care.TaskEvent, error) {
	var out []care.TaskEvent
	where, args := "", []any{}
	if taskID != 0 {
		where, args = " AND e.task_id = $2", []any{taskID}
	}
	err := s.each(ctx, `SELECT e.id, e.family_id, e.task_id, e.at, a.id, a.name, e.field, e.from_kind, e.from_value, e.to_kind, e.to_value
		FROM task_events e JOIN accounts a ON a.id = e.changed_by
		WHERE e.family_id = $1`+where+` ORDER BY e.task_id, e.at, e.id /* Store.TaskEvents */`,
		familyID, func(r *sql.Rows) error {
			var e care.TaskEvent
			err := r.Scan(&e.ID, &e.FamilyID, &e.TaskID, &e.At, &e.By.AccountID, &e.By.Name, &e.Field,
				&e.FromKind, &e.From, &e.ToKind, &e.To)
			e.At = e.At.UTC()
			out = append(out, e)
			return err
		}, args...)
	return out, err
}

// worklistOwner is the condition on tasks t for each kind of owner of the
// worklist's filter: the allowlist, nothing from outside goes in the query.
var worklistOwner = map[string]string{
	care.OwnerCaseManager: "t.owner_kind = 'casemanager'",
	care.OwnerNetwork:     "t.owner_kind = 'network'",
	care.OwnerParent:      "t.owner_kind = 'family' AND t.owner_member_id IS NOT NULL",
	care.OwnerFamily:      "t.owner_kind = 'family' AND t.owner_member_id IS NULL",
}

// Worklist lists, in one query, the open tasks of the families the account
// is a case manager of, by due date (none last), then child and task.
func (s *Store) Worklist(ctx context.Context, accountID int64, q care.WorklistQuery) ([]care.WorklistItem, error) {
	where, args := "", []any{accountID}
	if q.OwnerKind != "" {
		cond, ok := worklistOwner[q.OwnerKind]
		if !ok {
			return nil, care.Errorf(care.Invalid, "worklist: no owner kind %q", q.OwnerKind)
		}
		where += " AND " + cond
	}
	if !q.OverdueOn.IsZero() {
		args = append(args, care.DateOf(q.OverdueOn))
		// A task of a child who died is not overdue any more.
		where += " AND t.due_date < $" + argN(len(args)) + " AND f.deceased = FALSE"
	}
	limit := q.Limit
	if limit <= 0 {
		limit = care.MaxWorklist
	}
	args = append(args, limit)
	rows, err := s.rq.QueryContext(ctx, `SELECT t.id, t.family_id, f.child_name, t.title, t.owner_kind, t.owner_name,
			COALESCE(t.network_member_id, 0), COALESCE(t.owner_account_id, 0), COALESCE(t.owner_member_id, 0),
			t.due_date, t.status, COALESCE(t.plan_dimension, ''), COALESCE(n.role, ''), f.deceased
		FROM tasks t JOIN families f ON f.id = t.family_id
		LEFT JOIN network_members n ON n.id = t.network_member_id AND n.family_id = t.family_id
		WHERE `+s.dialect.inCaseload("t.family_id", "$1")+` AND t.status = 'open'`+where+`
		ORDER BY CASE WHEN t.due_date IS NULL THEN 1 ELSE 0 END, t.due_date, f.child_name, t.id
		LIMIT $`+argN(len(args))+` /* Store.Worklist */`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.WorklistItem
	for rows.Next() {
		var it care.WorklistItem
		var due sql.NullTime
		if err := rows.Scan(&it.ID, &it.FamilyID, &it.ChildName, &it.Title, &it.OwnerKind, &it.OwnerName,
			&it.NetworkMemberID, &it.OwnerAccountID, &it.OwnerMemberID, &due, &it.Status, &it.PlanDimension, &it.OwnerRole, &it.Deceased); err != nil {
			return nil, err
		}
		it.DueDate = fromNull(due)
		out = append(out, it)
	}
	return out, rows.Err()
}
