package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
)

// saveTransfers stores the family's planned transfers through st, as the
// case manager planned them: each checklist item a task for its owner,
// due the day before the move, then the transfer with the link to each
// task. Each is checked first as the care service checks a new one.
func saveTransfers(ctx context.Context, st care.Store, familyID int64, birth time.Time, f *demo.Family,
	members, network map[string]int64, team map[string]care.Person) error {
	now := time.Now()
	for _, dt := range f.Transfers {
		t := dt.Transfer
		t.FamilyID, t.CreatedBy, t.CreatedAt = familyID, team[dt.By], t.CreatedAt.UTC()
		if err := t.Validate(now, birth); err != nil {
			return fmt.Errorf("transfer to %s: %w", t.ToKind, err)
		}
		t.Items = nil
		for _, it := range dt.Items {
			task := care.Task{FamilyID: familyID, Title: it.Title, DueDate: care.TransferDue(t.PlannedOn), Status: "open",
				CreatedAt: t.CreatedAt, CreatedBy: team[dt.By]}
			switch it.OwnerKind {
			case care.OwnerCaseManager:
				p := team[it.Owner]
				task.OwnerKind, task.OwnerName, task.OwnerAccountID = care.OwnerCaseManager, p.Name, p.AccountID
			case care.OwnerNetwork:
				task.OwnerKind, task.OwnerName, task.NetworkMemberID = care.OwnerNetwork, it.Owner, network[it.Owner]
			case care.OwnerParent:
				task.OwnerKind, task.OwnerName, task.OwnerMemberID = care.OwnerFamily, it.Owner, members[it.Owner]
			}
			if task.OwnerAccountID == 0 && task.NetworkMemberID == 0 && task.OwnerMemberID == 0 {
				return fmt.Errorf("transfer checklist %q: %q is not in the file", it.Item, it.Owner)
			}
			if err := task.Validate(now); err != nil {
				return fmt.Errorf("transfer checklist %q: %w", it.Item, err)
			}
			if err := st.CreateTask(ctx, &task); err != nil {
				return fmt.Errorf("transfer checklist %q: %w", it.Item, err)
			}
			if it.Done {
				at := t.CreatedAt.Add(20 * time.Hour)
				if err := st.CompleteTask(ctx, familyID, task.ID, "Geleverd en uitgelegd.", at, team[dt.By].AccountID); err != nil {
					return fmt.Errorf("transfer checklist %q: %w", it.Item, err)
				}
			}
			t.Items = append(t.Items, care.TransferItem{Item: it.Item, Task: task})
		}
		if err := st.CreateTransfer(ctx, &t); err != nil {
			return fmt.Errorf("transfer to %s: %w", t.ToKind, err)
		}
	}
	return nil
}
