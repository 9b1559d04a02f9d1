package form

import (
	"net/url"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// TransferRow is one checklist item of the transfer form as it was typed:
// kept or not, the task's title, its owner as the picker sends it and its
// due date.
type TransferRow struct {
	Item  string
	Take  bool
	Title string
	Owner string // "casemanager:3", "network:12", "parent:7" or "family"
	Due   string // YYYY-MM-DD
}

// Field is the name of an item's field, as posted and as errors name it:
// "aids_owner".
func (r TransferRow) Field(name string) string { return r.Item + "_" + name }

// DecodeTransfer reads a planned transfer: from and to (kind and place),
// the planned date, a note, and the checklist (each item "<item>_take",
// "_title", "_owner", "_due_date"). It returns the steps kept as the care
// service takes them and every row as typed, to draw the form again.
// Whether the owners are in the family's file is the service's to check.
func DecodeTransfer(v url.Values) (care.Transfer, []care.TransferStep, []TransferRow, Fields) {
	errs := Fields{}
	t := care.Transfer{
		FromKind:  OneOf(v, "from_kind", care.PlaceKinds, true, errs),
		FromPlace: Field(v, "from_place", care.MaxShort, false, errs),
		ToKind:    OneOf(v, "to_kind", care.PlaceKinds, true, errs),
		ToPlace:   Field(v, "to_place", care.MaxShort, false, errs),
		PlannedOn: Date(v, "planned_on", errs),
		Note:      Field(v, "note", care.MaxText, false, errs),
	}
	var steps []care.TransferStep
	var rows []TransferRow
	for _, item := range care.TransferChecklist {
		r := TransferRow{Item: item, Take: Checked(v, item+"_take"), Owner: strings.TrimSpace(v.Get(item + "_owner")),
			Due: strings.TrimSpace(v.Get(item + "_due_date"))}
		r.Title = Field(v, r.Field("title"), care.MaxShort, r.Take, errs)
		rows = append(rows, r)
		if !r.Take {
			continue
		}
		s := care.TransferStep{Item: item, Title: r.Title, Due: Date(v, r.Field("due_date"), errs)}
		switch o, err := care.ParseTaskOwner(r.Owner); {
		case r.Owner == "":
			errs[r.Field("owner")] = "field.required"
		case err != nil:
			errs[r.Field("owner")] = "field.choose"
		default:
			s.Owner = o
		}
		steps = append(steps, s)
	}
	return t, steps, rows, errs
}
