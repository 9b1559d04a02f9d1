package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
)

const transferColumns = `t.id, t.family_id, t.from_kind, t.from_place, t.to_kind, t.to_place, t.planned_on, t.status,
	t.note, t.created_by, a.name, t.created_at`

func scanTransfer(sc interface{ Scan(...any) error }) (care.Transfer, error) {
	var t care.Transfer
	err := sc.Scan(&t.ID, &t.FamilyID, &t.FromKind, &t.FromPlace, &t.ToKind, &t.ToPlace, &t.PlannedOn, &t.Status,
		&t.Note, &t.CreatedBy.AccountID, &t.CreatedBy.Name, &t.CreatedAt)
	t.PlannedOn, t.CreatedAt = t.PlannedOn.UTC(), t.CreatedAt.UTC()
	return t, err
}

// Transfers lists the family's transfers, the latest planned date first,
// each with its checklist tasks.
func (s *Store) Transfers(ctx context.Context, familyID int64) ([]care.Transfer, error) {
	var out []care.Transfer
	err := s.each(ctx, `SELECT `+transferColumns+` FROM transfers t JOIN accounts a ON a.id = t.created_by
		WHERE t.family_id = $1 ORDER BY t.planned_on DESC, t.id DESC /* Store.Transfers */`, familyID,
		func(r *sql.Rows) error {
			t, err := scanTransfer(r)
			out = append(out, t)
			return err
		})
	if err != nil || len(out) == 0 {
		return out, err
	}
	return out, s.transferItems(ctx, familyID, out)
}

// Transfer reads one transfer of the family with its checklist tasks.
func (s *Store) Transfer(ctx context.Context, familyID, id int64) (*care.Transfer, error) {
	t, err := scanTransfer(s.rq.QueryRowContext(ctx, `SELECT `+transferColumns+` FROM transfers t
		JOIN accounts a ON a.id = t.created_by WHERE t.id = $1 AND t.family_id = $2 /* Store.Transfer */`, id, familyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.NotFound, "transfer not found")
	}
	if err != nil {
		return nil, err
	}
	ts := []care.Transfer{t}
	if err := s.transferItems(ctx, familyID, ts); err != nil {
		return nil, err
	}
	return &ts[0], nil
}

// transferItems fills in the checklist tasks of the family's transfers
// ts, in checklist order.
func (s *Store) transferItems(ctx context.Context, familyID int64, ts []care.Transfer) error {
	type link struct {
		transfer, task int64
		item           string
	}
	var links []link
	err := s.each(ctx, `SELECT transfer_id, item, task_id FROM transfer_items WHERE family_id = $1
		ORDER BY transfer_id /* Store.transferItems */`, familyID, func(r *sql.Rows) error {
		var l link
		err := r.Scan(&l.transfer, &l.item, &l.task)
		links = append(links, l)
		return err
	})
	if err != nil || len(links) == 0 {
		return err
	}
	tasks, err := s.Tasks(ctx, familyID, care.TaskQuery{})
	if err != nil {
		return err
	}
	byID := map[int64]care.Task{}
	for _, t := range tasks {
		byID[t.ID] = t
	}
	for i := range ts {
		for _, l := range links {
			if l.transfer == ts[i].ID {
				ts[i].Items = append(ts[i].Items, care.TransferItem{Item: l.item, Task: byID[l.task]})
			}
		}
		slices.SortStableFunc(ts[i].Items, func(a, b care.TransferItem) int {
			return slices.Index(care.TransferChecklist, a.Item) - slices.Index(care.TransferChecklist, b.Item)
		})
	}
	return nil
}

// CreateTransfer inserts t and links its items to their tasks, which must
// be the family's.
func (s *Store) CreateTransfer(ctx context.Context, t *care.Transfer) error {
	err := s.q.QueryRowContext(ctx, `/* Store.CreateTransfer */ INSERT INTO transfers (family_id, from_kind, from_place,
		to_kind, to_place, planned_on, status, note, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		t.FamilyID, t.FromKind, t.FromPlace, t.ToKind, t.ToPlace, t.PlannedOn.UTC(), t.Status, t.Note,
		t.CreatedBy.AccountID, t.CreatedAt.UTC()).Scan(&t.ID)
	if err != nil {
		return err
	}
	for _, it := range t.Items {
		// The task must be this family's: an id of another family's task
		// links nothing.
		res, err := s.q.ExecContext(ctx, `/* Store.CreateTransfer */ INSERT INTO transfer_items (transfer_id, family_id, item, task_id)
			SELECT $1, $2, $3, id FROM tasks WHERE id = $4 AND family_id = $2`, t.ID, t.FamilyID, it.Item, it.Task.ID)
		if err := affectedOne(res, err, "task"); err != nil {
			return err
		}
	}
	return nil
}

// SetTransferStatus changes a planned transfer's status.
func (s *Store) SetTransferStatus(ctx context.Context, familyID, id int64, status string) error {
	res, err := s.q.ExecContext(ctx, `UPDATE transfers SET status = $1 WHERE id = $2 AND family_id = $3
		AND status = 'planned' /* Store.SetTransferStatus */`, status, id, familyID)
	return affectedOne(res, err, "planned transfer")
}
