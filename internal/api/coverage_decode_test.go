package api

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// apiCheckServiceFields checks that the field errors the service gives for
// a decoded request, renamed for the API, each name a member of req.
func apiCheckServiceFields(t *testing.T, err error, req any) {
	t.Helper()
	if err == nil {
		return
	}
	apiCheckRefusal(t, apiCoverageFields(err), req)
}

func checkPeriod(t *testing.T, p *care.CoveragePeriod) {
	t.Helper()
	apiCheckDate(t, "start", p.Start)
	apiCheckDate(t, "end", p.End)
	apiCheckDate(t, "applied_on", p.AppliedOn)
	apiCheckDate(t, "decided_on", p.DecidedOn)
	apiCheckDate(t, "objection_filed_on", p.ObjectionFiledOn)
	apiCheckDate(t, "objection_due", p.ObjectionDue)
	if p.ID != 0 || p.ItemID != 0 || p.FamilyID != 0 {
		t.Fatalf("ids from the body: %d, %d, %d", p.ID, p.ItemID, p.FamilyID)
	}
	if p.Validate(apiFuzzToday) != nil {
		return
	}
	// What the service would accept stays within every limit.
	apiCheckOneOf(t, "law", p.Law, care.CoverageLaws)
	apiCheckOneOf(t, "form", p.Form, care.CoverageForms)
	apiCheckOneOf(t, "status", p.Status, care.CoverageStatuses)
	if p.IndicatedBy != "" {
		apiCheckOneOf(t, "indicated_by", p.IndicatedBy, care.IndicatedBy)
	}
	if h := p.HoursPerWeek; math.IsNaN(h) || h < 0 || h > care.MaxHoursPerWeek {
		t.Fatalf("hours %v accepted", h)
	}
	if p.AmountCents < 0 || p.AmountCents > care.MaxAmountCents {
		t.Fatalf("amount %d accepted", p.AmountCents)
	}
	if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		t.Fatalf("end %v before start %v accepted", p.End, p.Start)
	}
	if p.Status == care.CoverageGranted && p.Start.IsZero() {
		t.Fatal("a granted period without a start accepted")
	}
	apiCheckText(t, "reference", p.Reference, care.MaxName, false)
	apiCheckText(t, "note", p.Note, care.MaxText, false)
}

func FuzzDecodeCoverageJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"kind": "home_nursing", "description": "Verpleging thuis", "network_member_id": 3, "applicant": "casemanager",
		  "goals": ["g1"], "law": "zvw", "form": "zin", "status": "granted", "hours_per_week": 12.5, "amount_cents": 0,
		  "reference": "IND-1", "indicated_by": "nurse", "start": "2026-01-01", "end": "2026-12-31", "applied_on": "2025-12-01",
		  "decided_on": "2025-12-20", "note": "Herindicatie in november"}`,
		`{"kind": "other", "description": " ", "provider_name": "Zorgboerderij", "applicant": "parents", "law": "jeugdwet",
		  "form": "pgb", "status": "objection", "objection_filed_on": "2026-06-01", "objection_due": "2026-05-01", "hours_per_week": -1}`,
		`{"kind": "respite", "applicant": "provider", "law": "wlz", "form": "zin", "status": "granted", "end": "2026-02-30",
		  "hours_per_week": 169, "amount_cents": -5, "network_member_id": -2, "goals": null}`,
		`{"goals": ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u","v","w","x","y","z",
		  "a1","b1","c1","d1","e1","f1","g1","h1","i1","j1","k1","l1","m1","n1","o1","p1","q1","r1","s1","t1","u1","v1","w1","x1","y1"]}`,
		`{"hours_per_week": "12", "amount_cents": 1.5, "law": "ZVW", "Law": "zvw"}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		c, p, err := decodeCoverageJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiCoverageIn{})
			return
		}
		if c.ID != 0 || c.FamilyID != 0 || c.NetworkMemberID < 0 {
			t.Fatalf("ids from the body: %d, %d, %d", c.ID, c.FamilyID, c.NetworkMemberID)
		}
		if len(c.Goals) > apiMaxGoals {
			t.Fatalf("%d goals", len(c.Goals))
		}
		apiCheckServiceFields(t, c.Validate(), apiCoverageIn{})
		apiCheckServiceFields(t, p.Validate(apiFuzzToday), apiCoverageIn{})
		checkPeriod(t, &p)
		if c.Validate() != nil {
			return
		}
		apiCheckOneOf(t, "kind", c.Kind, care.CoverageKinds)
		apiCheckOneOf(t, "applicant", c.Applicant, care.Applicants)
		apiCheckText(t, "description", c.Description, care.MaxShort, c.Kind == "other")
		apiCheckText(t, "provider_name", c.ProviderName, care.MaxName, false)
	})
}

func FuzzDecodePeriodJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"law": "wlz", "form": "pgb", "status": "granted", "hours_per_week": 10, "amount_cents": 2500000,
		  "start": "2026-07-01", "end": "2027-06-30", "indicated_by": "ciz"}`,
		`{"law": "wmo", "form": "zin", "status": "applied", "applied_on": "2026-06-16", "decided_on": "2026-06-01"}`,
		`{"law": "zvw", "form": "zin", "status": "to_apply", "kind": "home_nursing"}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodePeriodJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiPeriodIn{})
			return
		}
		apiCheckServiceFields(t, p.Validate(apiFuzzToday), apiPeriodIn{})
		checkPeriod(t, &p)
	})
}

func FuzzDecodeAidJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"kind": "wheelchair", "description": "Elektrische rolstoel", "via": "wmo", "supplier": "Welzorg", "status": "ordered",
		  "requested": "2026-03-01", "assessed": "2026-03-20", "granted": "2026-04-01", "ordered": "2026-04-15",
		  "replace_by": "2029-01-01", "note": "Past over twee jaar niet meer"}`,
		`{"kind": "bed", "via": "zvw", "status": "delivered", "requested": "2026-05-01", "assessed": "2026-04-01"}`,
		`{"kind": "lift", "via": "gemeente", "status": "requested", "requested": "2026-07-01", "replace_by": "2026-01-01"}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := decodeAidJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiAidIn{})
			return
		}
		if a.ID != 0 || a.FamilyID != 0 {
			t.Fatalf("ids from the body: %d, %d", a.ID, a.FamilyID)
		}
		apiCheckDate(t, "requested", a.Requested)
		apiCheckDate(t, "assessed", a.Assessed)
		apiCheckDate(t, "granted", a.Granted)
		apiCheckDate(t, "ordered", a.Ordered)
		apiCheckDate(t, "delivered", a.Delivered)
		apiCheckDate(t, "replace_by", a.ReplaceBy)
		err = a.Validate(apiFuzzToday)
		apiCheckServiceFields(t, err, apiAidIn{})
		if err != nil {
			return
		}
		apiCheckOneOf(t, "kind", a.Kind, care.AidKinds)
		apiCheckOneOf(t, "via", a.Via, care.AidVia)
		apiCheckOneOf(t, "status", a.Status, care.AidStatuses)
		if a.Requested.IsZero() || a.Requested.After(apiFuzzToday) {
			t.Fatalf("requested %v accepted", a.Requested)
		}
		for _, d := range []time.Time{a.Assessed, a.Granted, a.Ordered, a.Delivered} {
			if !d.IsZero() && (d.Before(a.Requested) || d.After(apiFuzzToday)) {
				t.Fatalf("a step on %v accepted (requested %v)", d, a.Requested)
			}
		}
		if a.Status == care.AidDelivered && a.Delivered.IsZero() {
			t.Fatal("delivered without a delivery date accepted")
		}
		apiCheckText(t, "supplier", a.Supplier, care.MaxName, false)
		apiCheckText(t, "note", a.Note, care.MaxText, false)
	})
}

// TestCoverageFieldNames: the service's keys for hours, amount, the
// period's note and the network member name members of the request.
func TestCoverageFieldNames(t *testing.T) {
	err := apiCoverageFields(care.FieldErrors{"hours": "coverage.hours_negative", "amount": "coverage.amount_negative",
		"period_note": "field.too_long", "network_member": "field.choose", "end": "coverage.end_before_start"})
	fe, ok := err.(care.FieldErrors)
	if !ok {
		t.Fatalf("%T", err)
	}
	want := []string{"amount_cents", "end", "hours_per_week", "network_member_id", "note"}
	var got []string
	for k := range fe {
		got = append(got, k)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	if apiCoverageFields(nil) != nil {
		t.Error("no error became one")
	}
}
