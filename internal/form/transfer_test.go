package form

import (
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func TestDecodeTransfer(t *testing.T) {
	v, _ := formOf("from_kind=academic_hospital&from_place=WKZ&to_kind=home&planned_on=2026-06-22&note=met+zuurstof" +
		"&aids_take=1&aids_title=Tillift&aids_owner=network%3A12&aids_due_date=2026-06-20" +
		"&school_title=School&school_owner=family" +
		"&medication_take=1&medication_title=&medication_owner=nobody")
	tr, steps, rows, errs := DecodeTransfer(v)
	if tr.FromKind != "academic_hospital" || tr.FromPlace != "WKZ" || tr.ToKind != "home" || tr.PlannedOn.Day() != 22 {
		t.Errorf("transfer = %+v", tr)
	}
	if len(rows) != len(care.TransferChecklist) || len(steps) != 2 {
		t.Fatalf("rows %d, steps %+v", len(rows), steps)
	}
	if steps[0].Item != "aids" || steps[0].Owner != (care.TaskOwner{Kind: care.OwnerNetwork, ID: 12}) || steps[0].Due.Day() != 20 {
		t.Errorf("aids step = %+v", steps[0])
	}
	// An item left unticked is no step, and its empty fields are no error.
	if errs["medication_title"] != "field.required" || errs["medication_owner"] != "field.choose" || errs["school_owner"] != "" || len(errs) != 2 {
		t.Errorf("errs = %v", errs)
	}
}

func FuzzDecodeTransfer(f *testing.F) {
	for _, seed := range []string{
		"from_kind=academic_hospital&to_kind=home&planned_on=2026-06-22&home_care_take=1&home_care_title=Thuiszorg&home_care_owner=casemanager%3A3",
		"from_kind=moon&to_kind=&planned_on=2026-02-30&aids_take=1&aids_owner=network%3A-1&aids_due_date=yesterday",
		"note=%ff&from_place=" + strings.Repeat("x", 600) + "&school_take=on&school_owner=parent%3A007",
		"night_contact_take=1&night_contact_owner=family&night_contact_title=%00",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		tr, steps, rows, errs := DecodeTransfer(v)
		checkChoice(t, errs, "from_kind", tr.FromKind, care.PlaceKinds)
		checkChoice(t, errs, "to_kind", tr.ToKind, care.PlaceKinds)
		checkText(t, errs, "from_place", tr.FromPlace, care.MaxShort)
		checkText(t, errs, "note", tr.Note, care.MaxText)
		if len(rows) != len(care.TransferChecklist) || len(steps) > len(rows) {
			t.Fatalf("%d rows, %d steps", len(rows), len(steps))
		}
		for _, s := range steps {
			if errs[s.Item+"_owner"] == "" && s.Owner.IsZero() {
				t.Errorf("step %s kept with no owner and no error", s.Item)
			}
			checkText(t, errs, s.Item+"_title", s.Title, care.MaxShort)
		}
	})
}
