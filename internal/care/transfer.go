package care

import (
	"context"
	"strings"
	"time"
)

// A change of place (hospital to home, one hospital to another, home to
// a hospice) is where information gets lost: the parents end up carrying
// it. A transfer is planned ahead with a checklist of what must be in
// place before the move, each item a task with an owner, and a handoff
// summary of the file goes with the child.

// The kinds of place a child moves between.
var PlaceKinds = []string{"home", "general_hospital", "academic_hospital", "hospice", "respite",
	"rehabilitation", "day_care", "other"}

// The statuses of a transfer: planned until it happened or was called off.
const (
	TransferPlanned   = "planned"
	TransferDone      = "done"
	TransferCancelled = "cancelled"
)

// TransferStatuses are the statuses, in order.
var TransferStatuses = []string{TransferPlanned, TransferDone, TransferCancelled}

// TransferChecklist are the items of the warm-handoff checklist, in the
// order shown: care at home, aids, medication, night care, who is the
// first to call at night, and school.
var TransferChecklist = []string{"home_care", "aids", "medication", "night_care", "night_contact", "school"}

// TransferMaxDaysPast and TransferMaxYearsAhead bound a planned date: a
// move recorded a little late is fine, one planned long ago or years
// ahead is a typing error.
const (
	TransferMaxDaysPast   = 30
	TransferMaxYearsAhead = 1
)

// Transfer is one planned move of the child from one place to another.
type Transfer struct {
	ID        int64
	FamilyID  int64
	FromKind  string // one of PlaceKinds
	FromPlace string // the place's name: "Wilhelmina Kinderziekenhuis"
	ToKind    string
	ToPlace   string
	PlannedOn time.Time
	Status    string
	Note      string
	CreatedAt time.Time
	CreatedBy Person
	// Items are the checklist items that became tasks, in checklist order.
	Items []TransferItem
}

// TransferItem is one checklist item of a transfer and the task it became.
type TransferItem struct {
	Item string // one of TransferChecklist
	Task Task   // as it stands now: title, owner, due date, status
}

// TransferStep is a checklist item as the case manager plans it: the task
// it becomes.
type TransferStep struct {
	Item  string
	Title string
	Owner TaskOwner
	Due   time.Time // zero: the day before the planned date
}

// Open reports whether the transfer is still planned.
func (t *Transfer) Open() bool { return t.Status == TransferPlanned }

// OpenItems counts the checklist tasks not yet done.
func (t *Transfer) OpenItems() int {
	n := 0
	for _, it := range t.Items {
		if it.Task.Status != "done" {
			n++
		}
	}
	return n
}

// TransferDue is the default due date of the checklist's tasks: the day
// before the move.
func TransferDue(planned time.Time) time.Time {
	if planned.IsZero() {
		return time.Time{}
	}
	return DateOf(planned).AddDate(0, 0, -1)
}

// Validate checks a transfer as planned on today for a child born on
// birth (zero when not known).
func (t *Transfer) Validate(today, birth time.Time) error {
	fe := FieldErrors{}
	oneOf(fe, "from_kind", t.FromKind, PlaceKinds...)
	oneOf(fe, "to_kind", t.ToKind, PlaceKinds...)
	text(fe, "from_place", t.FromPlace, MaxShort, t.FromKind == "other")
	text(fe, "to_place", t.ToPlace, MaxShort, t.ToKind == "other")
	text(fe, "note", t.Note, MaxText, false)
	if fe["from_kind"] == "" && fe["to_kind"] == "" && fe["to_place"] == "" && t.FromKind == t.ToKind &&
		strings.EqualFold(strings.TrimSpace(t.FromPlace), strings.TrimSpace(t.ToPlace)) {
		fe["to_kind"] = "transfer.same_place"
	}
	day := DateOf(today)
	switch {
	case t.PlannedOn.IsZero():
		fe["planned_on"] = "field.required"
	case !birth.IsZero() && t.PlannedOn.Before(birth):
		fe["planned_on"] = "transfer.before_birth"
	case t.PlannedOn.Before(day.AddDate(0, 0, -TransferMaxDaysPast)):
		fe["planned_on"] = "transfer.date_past"
	case t.PlannedOn.After(day.AddDate(TransferMaxYearsAhead, 0, 0)):
		fe["planned_on"] = "transfer.date_far"
	}
	return fe.OrNil()
}

// TransferStore keeps the family's transfers and the link from each
// checklist item to its task. Every method is scoped by the family; an id
// of another family's transfer is NotFound.
type TransferStore interface {
	// Transfers lists the family's transfers, the latest planned date
	// first, each with its checklist tasks.
	Transfers(ctx context.Context, familyID int64) ([]Transfer, error)
	// Transfer reads one transfer of the family with its checklist tasks.
	Transfer(ctx context.Context, familyID, id int64) (*Transfer, error)
	// CreateTransfer inserts t and links its items to their tasks, which
	// must exist already (Items[i].Task.ID).
	CreateTransfer(ctx context.Context, t *Transfer) error
	// SetTransferStatus changes a planned transfer's status; NotFound
	// when the family has no such planned transfer.
	SetTransferStatus(ctx context.Context, familyID, id int64, status string) error
}
