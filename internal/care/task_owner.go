package care

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// The kinds of owner a task can have, as a picker offers them: one of the
// family's case managers, a provider in the care network, a parent or
// carer (a family member), or the family as a whole. A parent's task is
// stored with owner_kind "family" and the member's id: it is the family's
// to close.
const (
	OwnerCaseManager = "casemanager"
	OwnerNetwork     = "network"
	OwnerParent      = "parent"
	OwnerFamily      = "family"
)

// OwnerKinds are the kinds of owner, in the order a picker shows them.
var OwnerKinds = []string{OwnerCaseManager, OwnerNetwork, OwnerParent, OwnerFamily}

// TaskOwner is a person (or the family) picked as a task's owner: the kind
// and the id of the account, network member or family member; ID is 0 for
// the family as a whole.
type TaskOwner struct {
	Kind string
	ID   int64
}

// IsZero reports whether no owner was picked.
func (o TaskOwner) IsZero() bool { return o.Kind == "" }

// String is the owner as a picker sends it: "network:12", or "family".
func (o TaskOwner) String() string {
	if o.Kind == OwnerFamily || o.Kind == "" {
		return o.Kind
	}
	return o.Kind + ":" + strconv.FormatInt(o.ID, 10)
}

// ParseTaskOwner reads an owner as a picker sends it ("casemanager:3",
// "network:12", "parent:7" or "family"). Anything else is field.choose;
// whether the person is in the family's file is the service's to check.
func ParseTaskOwner(s string) (TaskOwner, error) {
	s = strings.TrimSpace(s)
	if s == OwnerFamily {
		return TaskOwner{Kind: OwnerFamily}, nil
	}
	kind, id, ok := strings.Cut(s, ":")
	if !ok {
		return TaskOwner{}, Errorf(Invalid, "field.choose")
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
		return TaskOwner{}, Errorf(Invalid, "field.choose")
	}
	switch kind {
	case OwnerCaseManager, OwnerNetwork, OwnerParent:
		return TaskOwner{Kind: kind, ID: n}, nil
	}
	return TaskOwner{}, Errorf(Invalid, "field.choose")
}

// Owner is who the task is for, as a picker shows it: the zero TaskOwner
// for a task given before owners were picked (a kind and a typed name).
func (t *Task) Owner() TaskOwner {
	switch {
	case t.OwnerAccountID != 0:
		return TaskOwner{Kind: OwnerCaseManager, ID: t.OwnerAccountID}
	case t.NetworkMemberID != 0:
		return TaskOwner{Kind: OwnerNetwork, ID: t.NetworkMemberID}
	case t.OwnerMemberID != 0:
		return TaskOwner{Kind: OwnerParent, ID: t.OwnerMemberID}
	case t.OwnerKind == OwnerFamily:
		return TaskOwner{Kind: OwnerFamily}
	}
	return TaskOwner{}
}

// OwnerKindShown is the kind of owner as the lists show and filter it:
// "parent" for a family member's task, else the stored kind.
func (t *Task) OwnerKindShown() string {
	if t.OwnerKind == OwnerFamily && t.OwnerMemberID != 0 {
		return OwnerParent
	}
	return t.OwnerKind
}

// PossibleOwner is one person a task can be given to.
type PossibleOwner struct {
	Owner TaskOwner
	Name  string
	Role  string // network role (gp, ...) or member relation, for the picker
}

// PossibleOwners lists who in the file a task can be given to, by kind:
// the family's case managers, the network, the parents and carers, and
// the family as a whole.
func (f *File) PossibleOwners() []PossibleOwner {
	var out []PossibleOwner
	seen := map[int64]bool{}
	for _, p := range []Person{f.CaseManagers.KCT, f.CaseManagers.Thuis} {
		if p.AccountID != 0 && !seen[p.AccountID] {
			seen[p.AccountID] = true
			out = append(out, PossibleOwner{Owner: TaskOwner{Kind: OwnerCaseManager, ID: p.AccountID}, Name: p.Name})
		}
	}
	for _, n := range f.Network {
		out = append(out, PossibleOwner{Owner: TaskOwner{Kind: OwnerNetwork, ID: n.ID}, Name: n.Name, Role: n.Role})
	}
	for _, m := range f.Members {
		if m.Kind == "parent" || m.Kind == "carer" {
			out = append(out, PossibleOwner{Owner: TaskOwner{Kind: OwnerParent, ID: m.ID}, Name: m.Name, Role: m.Relation})
		}
	}
	return append(out, PossibleOwner{Owner: TaskOwner{Kind: OwnerFamily}})
}

// ownerNotInFile is the message for an owner picked who is not in this
// family's file: an id of another family's member, or one that does not
// exist. Nothing is saved.
const ownerNotInFile = "task.owner_not_in_file"

// giveTo sets t's owner to o, read from this family's file in st: one of
// its case managers, a member of its network, a parent or carer, or the
// family. The name is kept as it is now. Anyone not in this file, or no
// longer involved on day, is refused as a field error of field, so
// nothing is saved.
func giveTo(ctx context.Context, st Store, familyID int64, t *Task, o TaskOwner, field string, day time.Time) error {
	refuse := FieldErrors{field: ownerNotInFile}
	t.OwnerAccountID, t.NetworkMemberID, t.OwnerMemberID = 0, 0, 0
	switch o.Kind {
	case OwnerFamily:
		t.OwnerKind, t.OwnerName = OwnerFamily, ""
		return nil
	case OwnerCaseManager:
		cms, err := st.FamilyCaseManagers(ctx, familyID)
		if err != nil {
			return err
		}
		for _, p := range []Person{cms.KCT, cms.Thuis} {
			if p.AccountID != 0 && p.AccountID == o.ID {
				t.OwnerKind, t.OwnerName, t.OwnerAccountID = OwnerCaseManager, p.Name, p.AccountID
				return nil
			}
		}
	case OwnerNetwork:
		network, err := st.Network(ctx, familyID)
		if err != nil {
			return err
		}
		for _, n := range network {
			if n.ID == o.ID && !n.Ended(day) {
				t.OwnerKind, t.OwnerName, t.NetworkMemberID = OwnerNetwork, n.Name, n.ID
				return nil
			}
		}
	case OwnerParent:
		members, err := st.Members(ctx, familyID)
		if err != nil {
			return err
		}
		for _, m := range members {
			if m.ID == o.ID && (m.Kind == "parent" || m.Kind == "carer") && !m.Ended(day) {
				t.OwnerKind, t.OwnerName, t.OwnerMemberID = OwnerFamily, m.Name, m.ID
				return nil
			}
		}
	default:
		return FieldErrors{field: "field.choose"}
	}
	return refuse
}

// TaskEvent is one change of a task: its owner or its due date, from what
// to what, by whom and when. Kinds are OwnerKinds ("" for a due date);
// values are owner names or ISO dates ("" for none).
type TaskEvent struct {
	ID       int64
	FamilyID int64
	TaskID   int64
	At       time.Time
	By       Person
	Field    string // owner or due_date
	FromKind string
	From     string
	ToKind   string
	To       string
}
