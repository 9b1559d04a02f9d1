package care

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// TransferFile is the family's transfers as one reader sees them: for the
// case managers with the people a checklist task can go to.
type TransferFile struct {
	Family    Family // without the BSN; Family.ForProvider(Scope) for a provider
	Viewer    string // ViewerCaseManager, ViewerFamily or ViewerProvider
	Scope     string // for a provider: the consent in force
	Transfers []Transfer
	Today     time.Time
	// For the case managers' form: who a checklist task can go to.
	Owners       []PossibleOwner
	CaseManagers CaseManagers
}

// Planned are the transfers still planned, the nearest first.
func (tf *TransferFile) Planned() []Transfer {
	var out []Transfer
	for _, t := range tf.Transfers {
		if t.Open() {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b Transfer) int { return a.PlannedOn.Compare(b.PlannedOn) })
	return out
}

// transferDoor is an access to the family's transfers through view: the
// case managers' file, the family's own view or a provider's view (every
// consent scope covers the plan, and a transfer is part of planning the
// care). A refusal for its input comes back with the transfers page.
func (s *Service) transferDoor(actor Actor, view View, familyID int64, object string, action Action) (access, error) {
	switch view {
	case ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return access{}, Errorf(Internal, "no door to the transfers: %q", view)
	}
	return access{actor: actor, familyID: familyID, view: view, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error {
			var err error
			in.Transfers, err = s.transferFile(ctx, st, view, familyID, rel)
			return err
		}}, nil
}

// Transfers returns the family's transfers through the door view.
func (s *Service) Transfers(ctx context.Context, actor Actor, view View, familyID int64) (*TransferFile, error) {
	a, err := s.transferDoor(actor, view, familyID, "transfer", ActionRead)
	if err != nil {
		return nil, err
	}
	var tf *TransferFile
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		tf, err = s.transferFile(ctx, st, view, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return tf, nil
}

func (s *Service) transferFile(ctx context.Context, st Store, view View, familyID int64, rel Relationship) (*TransferFile, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	tf := &TransferFile{Family: *f, Viewer: ViewerCaseManager, Today: DateOf(s.now())}
	tf.Family.BSN = ""
	switch view {
	case ViewFamily:
		tf.Viewer = ViewerFamily
	case ViewProvider:
		tf.Viewer, tf.Scope, tf.Family = ViewerProvider, rel.Consent.Scope, f.ForProvider(rel.Consent.Scope)
	}
	if tf.Transfers, err = st.Transfers(ctx, familyID); err != nil {
		return nil, err
	}
	if view == ViewProvider && !ScopeCovers(tf.Scope, PartTasks) {
		for i := range tf.Transfers {
			tf.Transfers[i].Items = nil
		}
	}
	if view != ViewCaseFile {
		return tf, nil
	}
	network, err := st.Network(ctx, familyID)
	if err != nil {
		return nil, err
	}
	network, _ = SplitNetwork(network, tf.Today)
	if tf.CaseManagers, err = st.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	members = slices.DeleteFunc(members, func(m Member) bool { return m.Ended(tf.Today) })
	tf.Owners = (&File{CaseManagers: tf.CaseManagers, Network: network, Members: members}).PossibleOwners()
	return tf, nil
}

// PlanTransfer plans a transfer with its checklist: every step becomes a
// task with an owner from the family's file, and the transfer keeps the
// link to each. All of it is saved in one transaction, or nothing. A
// step's field errors carry the prefix "<item>_".
func (s *Service) PlanTransfer(ctx context.Context, actor Actor, t *Transfer, steps []TransferStep) error {
	a, _ := s.transferDoor(actor, ViewCaseFile, t.FamilyID, "transfer", ActionCreate)
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		t.FromPlace, t.ToPlace, t.Note = strings.TrimSpace(t.FromPlace), strings.TrimSpace(t.ToPlace), strings.TrimSpace(t.Note)
		t.Status, t.Items = TransferPlanned, nil
		fe := FieldErrors{}
		mergeErrors(fe, t.Validate(s.now(), rel.BirthDate), "")
		var chosen []string
		for _, step := range steps {
			if !slices.Contains(TransferChecklist, step.Item) || slices.Contains(chosen, step.Item) {
				fe["items"] = "field.choose"
				continue
			}
			chosen = append(chosen, step.Item)
			due := step.Due
			if due.IsZero() {
				due = TransferDue(t.PlannedOn)
			}
			task := &Task{FamilyID: t.FamilyID, Title: strings.TrimSpace(step.Title), Pick: step.Owner, DueDate: due}
			if step.Owner.IsZero() {
				fe[step.Item+"_owner"] = "field.required"
			}
			err := s.createTask(ctx, st, actor, task, step.Item+"_")
			if err != nil && !errors.As(err, new(FieldErrors)) {
				return err
			}
			mergeErrors(fe, err, "")
			t.Items = append(t.Items, TransferItem{Item: step.Item, Task: *task})
		}
		if err := fe.OrNil(); err != nil {
			return err // the tasks made so far go with the transaction
		}
		t.CreatedAt, t.CreatedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
		if err := st.CreateTransfer(ctx, t); err != nil {
			return err
		}
		*id = t.ID
		return nil
	})
}

// SetTransferStatus marks a planned transfer done or cancelled. The
// checklist's tasks stay as they are: what was arranged for a move that
// was called off may still be needed, and the case manager closes them.
func (s *Service) SetTransferStatus(ctx context.Context, actor Actor, familyID, transferID int64, status string) error {
	a := caseFile(actor, familyID, "transfer", ActionUpdate)
	return s.gate(ctx, a, func(st Store, _ Relationship, id *int64) error {
		*id = transferID
		if status != TransferDone && status != TransferCancelled {
			return FieldErrors{"status": "field.choose"}
		}
		return st.SetTransferStatus(ctx, familyID, transferID, status)
	})
}

// plannedTransfers are the family's transfers still planned, the nearest
// first, for the family pages' links to the handoff summary.
func plannedTransfers(ctx context.Context, st Store, familyID int64) ([]Transfer, error) {
	all, err := st.Transfers(ctx, familyID)
	if err != nil {
		return nil, err
	}
	return (&TransferFile{Transfers: all}).Planned(), nil
}
