package api

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// apiCheckTransferFields checks that every field error names a member of
// the request, or a checklist item's member as "<item>_<member>".
func apiCheckTransferFields(t *testing.T, err error) {
	t.Helper()
	var fe care.FieldErrors
	if !errors.As(err, &fe) {
		apiCheckRefusal(t, err, apiTransferIn{})
		return
	}
	top := []string{"from_kind", "from_place", "to_kind", "to_place", "planned_on", "note", "checklist"}
	for k := range fe {
		item, member, _ := strings.Cut(k, "_")
		for _, it := range care.TransferChecklist {
			if m, ok := strings.CutPrefix(k, it+"_"); ok {
				item, member = it, m
			}
		}
		if !slices.Contains(top, k) && !(slices.Contains(care.TransferChecklist, item) && slices.Contains([]string{"title", "owner", "due_date"}, member)) {
			t.Fatalf("field error %s names no member", k)
		}
	}
}

func FuzzDecodeTransferJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"from_kind": "academic_hospital", "from_place": "Sophia", "to_kind": "home", "planned_on": "2026-06-22", "note": "Met zuurstof",
		  "checklist": [{"item": "medication", "title": "Recepten", "owner": {"kind": "network", "id": 3}, "due_date": "2026-06-20"},
		  {"item": "night_contact", "title": "Wie belt 's nachts", "owner": {"kind": "family"}}]}`,
		`{"from_kind": "moon", "to_kind": "", "planned_on": "2026-02-30", "checklist": [{"item": "rocket"}, {"item": "aids"}]}`,
		`{"checklist": [{"item": "aids", "owner": {"kind": "network", "id": -1}}, {"item": "aids", "owner": {"kind": "family", "id": 4}}]}`,
		`{"checklist": null, "planned_on": 20260622, "from_kind": ["home"]}`,
		`{"checklist": [{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}]}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		tr, steps, err := decodeTransferJSON(body)
		if err != nil {
			apiCheckTransferFields(t, err)
			return
		}
		if tr.ID != 0 || tr.FamilyID != 0 || len(steps) > apiMaxTransferItems {
			t.Fatalf("ids from the body or too many steps: %+v, %d", tr, len(steps))
		}
		apiCheckDate(t, "planned_on", tr.PlannedOn)
		if tr.Note != strings.TrimSpace(tr.Note) || tr.FromKind != strings.TrimSpace(tr.FromKind) {
			t.Fatalf("not trimmed: %+v", tr)
		}
		for _, s := range steps {
			if !slices.Contains(care.TransferChecklist, s.Item) || s.Owner.IsZero() {
				t.Fatalf("step accepted: %+v", s)
			}
			apiCheckDate(t, "due_date", s.Due)
		}
	})
}
