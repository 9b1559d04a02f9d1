package form

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func TestHours(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		err  string
	}{
		{"", 0, ""}, {"12", 12, ""}, {"12,5", 12.5, ""}, {"12.5", 12.5, ""}, {" 0,25 ", 0.25, ""}, {"-3", -3, ""},
		{"12,5,1", 0, "coverage.hours_invalid"}, {"twaalf", 0, "coverage.hours_invalid"}, {"1e3", 0, "coverage.hours_invalid"},
		{"12,555", 0, "coverage.hours_invalid"}, {",5", 0, "coverage.hours_invalid"}, {"NaN", 0, "coverage.hours_invalid"},
		{"99999", 0, "coverage.hours_invalid"},
	} {
		errs := Fields{}
		got := Hours(url.Values{"hours": {tc.in}}, "hours", errs)
		if got != tc.want || errs["hours"] != tc.err {
			t.Errorf("Hours(%q) = %v, %q; want %v, %q", tc.in, got, errs["hours"], tc.want, tc.err)
		}
	}
}

func TestAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"", 0, ""}, {"2450", 245000, ""}, {"2.450,00", 245000, ""}, {"2.450", 245000, ""}, {"2450,5", 245050, ""},
		{"€ 2.450,75", 245075, ""}, {"2450.00", 245000, ""}, {"1.234.567,89", 123456789, ""}, {"-12", -1200, ""},
		{"2.45", 245, ""}, {"0,05", 5, ""},
		{"24.50.00", 0, "coverage.amount_invalid"}, {"2,450.00", 0, "coverage.amount_invalid"}, {"abc", 0, "coverage.amount_invalid"},
		{"12,345", 0, "coverage.amount_invalid"}, {"1.2345", 0, "coverage.amount_invalid"}, {"€", 0, ""},
		{"12345678901", 0, "coverage.amount_too_large"},
	} {
		errs := Fields{}
		got := Amount(url.Values{"amount": {tc.in}}, "amount", errs)
		if got != tc.want || errs["amount"] != tc.err {
			t.Errorf("Amount(%q) = %v, %q; want %v, %q", tc.in, got, errs["amount"], tc.want, tc.err)
		}
	}
}

// TestCoverageRoundTrip checks that what the edit form shows is read back
// as the same item, period and aid.
func TestCoverageRoundTrip(t *testing.T) {
	c := care.CoverageItem{Kind: "night_care", Description: "Drie nachten", NetworkMemberID: 4, Applicant: "casemanager", Goals: []string{"i2", "i7"}}
	p := care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection, HoursPerWeek: 12.5, AmountCents: 1234567,
		Reference: "CIZ-1", IndicatedBy: "ciz", Note: "Bezwaar tegen korting"}
	gc, gp, errs := DecodeNewCoverage(EncodeCoverage(&c, &p))
	if len(errs) > 0 || !slices.Equal(gc.Goals, c.Goals) || gc.Kind != c.Kind || gc.NetworkMemberID != 4 || gp != p {
		t.Errorf("round trip: %+v %+v %v", gc, gp, errs)
	}
	a := care.Aid{Kind: "stair_lift", Via: care.LawWmo, Status: care.AidOrdered, Supplier: "Liftco"}
	if ga, errs := DecodeAid(EncodeAid(&a)); len(errs) > 0 || ga.Kind != a.Kind || ga.Status != a.Status || ga.Supplier != a.Supplier {
		t.Errorf("aid round trip: %+v %v", ga, errs)
	}
}

func FuzzDecodeCoverage(f *testing.F) {
	for _, seed := range []string{
		"kind=night_care&applicant=parents&law=wlz&form=zin&status=granted&hours=12%2C5&amount=2.450%2C00&start=2026-01-01&end=2026-12-31&goal-i3=1",
		"kind=other&description=x&network_member=7&law=jeugdwet&form=pgb&status=objection&objection_filed_on=2026-02-01&objection_due=2026-04-01",
		"kind=astronaut&law=mars&form=x&status=flying&hours=-3&amount=-1",
		"network_member=-1&goal-=1&goal-%00=1&hours=1e308&amount=99999999999999",
		"hours=12,5,5&amount=2,450.00&start=2026-13-40&indicated_by=god",
		"description=" + strings.Repeat("x", 300) + "&period_note=%ff",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		c, p, errs := DecodeNewCoverage(v)
		checkChoice(t, errs, "kind", c.Kind, care.CoverageKinds)
		checkChoice(t, errs, "applicant", c.Applicant, care.Applicants)
		checkChoice(t, errs, "law", p.Law, care.CoverageLaws)
		checkChoice(t, errs, "form", p.Form, care.CoverageForms)
		checkChoice(t, errs, "status", p.Status, care.CoverageStatuses)
		checkChoice(t, errs, "indicated_by", p.IndicatedBy, care.IndicatedBy)
		checkText(t, errs, "description", c.Description, care.MaxShort)
		checkText(t, errs, "provider_name", c.ProviderName, care.MaxName)
		checkText(t, errs, "reference", p.Reference, care.MaxName)
		checkText(t, errs, "period_note", p.Note, care.MaxText)
		for name, d := range map[string]time.Time{"start": p.Start, "end": p.End, "applied_on": p.AppliedOn,
			"decided_on": p.DecidedOn, "objection_filed_on": p.ObjectionFiledOn, "objection_due": p.ObjectionDue} {
			checkDate(t, errs, v, name, d)
		}
		if c.NetworkMemberID < 0 {
			t.Fatalf("network member %d accepted", c.NetworkMemberID)
		}
		for _, g := range c.Goals {
			if g == "" || strings.ContainsFunc(g, notIDRune) {
				t.Fatalf("goal %q accepted", g)
			}
		}
		if errs.Has("hours") && p.HoursPerWeek != 0 || p.HoursPerWeek != p.HoursPerWeek || p.HoursPerWeek > 1e4 || p.HoursPerWeek < -1e4 {
			t.Fatalf("hours %q read as %v (%v)", v.Get("hours"), p.HoursPerWeek, errs["hours"])
		}
		if errs.Has("amount") && p.AmountCents != 0 || p.AmountCents > 1e13 || p.AmountCents < -1e13 {
			t.Fatalf("amount %q read as %v (%v)", v.Get("amount"), p.AmountCents, errs["amount"])
		}
		// What is read is written back the same way.
		if !errs.Has("hours") && p.HoursPerWeek >= 0 {
			e := Fields{}
			if h := Hours(url.Values{"h": {FormatHours(p.HoursPerWeek)}}, "h", e); h != p.HoursPerWeek || len(e) > 0 {
				t.Fatalf("hours %v written as %q, read back as %v", p.HoursPerWeek, FormatHours(p.HoursPerWeek), h)
			}
		}
		if !errs.Has("amount") {
			e := Fields{}
			if n := Amount(url.Values{"a": {FormatAmount(p.AmountCents)}}, "a", e); n != p.AmountCents || len(e) > 0 {
				t.Fatalf("amount %v written as %q, read back as %v", p.AmountCents, FormatAmount(p.AmountCents), n)
			}
		}
	})
}

func FuzzDecodeAid(f *testing.F) {
	for _, seed := range []string{
		"kind=stair_lift&via=wmo&status=requested&requested=2026-01-10&supplier=Liftco",
		"kind=other&description=Douchestoel&via=zvw&status=delivered&requested=2026-01-10&delivered=2026-03-01&replace_by=2028-01-01",
		"kind=rocket&via=nasa&status=launched&requested=yesterday",
		"note=%ff&supplier=" + strings.Repeat("y", 300),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		a, errs := DecodeAid(v)
		checkChoice(t, errs, "kind", a.Kind, care.AidKinds)
		checkChoice(t, errs, "via", a.Via, care.AidVia)
		checkChoice(t, errs, "status", a.Status, care.AidStatuses)
		checkText(t, errs, "description", a.Description, care.MaxShort)
		checkText(t, errs, "supplier", a.Supplier, care.MaxName)
		checkText(t, errs, "note", a.Note, care.MaxText)
		for name, d := range map[string]time.Time{"requested": a.Requested, "assessed": a.Assessed, "granted": a.Granted,
			"ordered": a.Ordered, "delivered": a.Delivered, "replace_by": a.ReplaceBy} {
			checkDate(t, errs, v, name, d)
		}
	})
}
