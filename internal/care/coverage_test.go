package care_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

func granted(law string, start, end time.Time) care.CoveragePeriod {
	return care.CoveragePeriod{Law: law, Form: "zin", Status: care.CoverageGranted, Start: start, End: end}
}

func item(periods ...care.CoveragePeriod) care.CoverageItem {
	return care.CoverageItem{Kind: "home_nursing", Applicant: "casemanager", Periods: periods}
}

// TestCoverageStateAtTheEdges: an item that ends today still runs (and is
// ending), one that ended yesterday lapsed; the window counts whole days,
// both ends included.
func TestCoverageStateAtTheEdges(t *testing.T) {
	today := date(2026, 6, 15)
	birth := date(2015, 3, 1)
	cases := []struct {
		name   string
		p      care.CoveragePeriod
		window int
		want   care.CoverageState
	}{
		{"ends today", granted(care.LawWlz, date(2025, 6, 15), today), 8, care.StateEnding},
		{"ended yesterday", granted(care.LawWlz, date(2025, 6, 15), today.AddDate(0, 0, -1)), 8, care.StateLapsed},
		{"ends on the window's last day", granted(care.LawWlz, date(2025, 6, 15), today.AddDate(0, 0, 56)), 8, care.StateEnding},
		{"ends the day after the window", granted(care.LawWlz, date(2025, 6, 15), today.AddDate(0, 0, 57)), 8, care.StateRunning},
		{"a window of one week", granted(care.LawWlz, date(2025, 6, 15), today.AddDate(0, 0, 8)), 1, care.StateRunning},
		{"no end", granted(care.LawZvw, date(2025, 6, 15), time.Time{}), 8, care.StateRunning},
		{"starts tomorrow", granted(care.LawWmo, today.AddDate(0, 0, 1), today.AddDate(1, 0, 0)), 8, care.StateArranging},
		{"starts today", granted(care.LawWmo, today, today.AddDate(1, 0, 0)), 8, care.StateRunning},
		{"applied", care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageApplied}, 8, care.StateArranging},
		{"objection", care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageObjection}, 8, care.StateObjection},
		{"refused", care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageRefused}, 8, care.StateStopped},
		{"ended", care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageEnded, End: today.AddDate(0, 0, 3)}, 8, care.StateStopped},
	}
	for _, c := range cases {
		it := item(c.p)
		if got := it.StateOn(today, birth, c.window); got != c.want {
			t.Errorf("%s: state %q, want %q", c.name, got, c.want)
		}
	}
	// The day is the Dutch day: late on the 14th in UTC is already the 15th.
	it := item(granted(care.LawWlz, date(2025, 6, 15), date(2026, 6, 14)))
	if got := it.StateOn(time.Date(2026, 6, 14, 22, 30, 0, 0, time.UTC), birth, 8); got != care.StateLapsed {
		t.Errorf("at 00:30 in Amsterdam on the 15th: %q, want lapsed", got)
	}
	// Only the current period counts: a renewal replaces a lapsed one.
	renewed := item(granted(care.LawWlz, date(2025, 1, 1), date(2025, 12, 31)), granted(care.LawWlz, date(2026, 1, 1), date(2027, 12, 31)))
	if got := renewed.StateOn(today, birth, 8); got != care.StateRunning {
		t.Errorf("renewed: %q, want running", got)
	}
}

// TestJeugdwetEndsAtEighteen: youth care ends the day before the 18th
// birthday, whatever end date it was given. A child born on 29 February
// turns 18 on 1 March: 18 years after a leap year is never one.
func TestJeugdwetEndsAtEighteen(t *testing.T) {
	cases := []struct {
		birth, eighteenth time.Time
	}{
		{date(2008, 7, 10), date(2026, 7, 10)},
		{date(2008, 2, 29), date(2026, 3, 1)},
		{date(2012, 2, 29), date(2030, 3, 1)},
		{date(2010, 2, 28), date(2028, 2, 28)}, // 2028 is a leap year: the 28th still
		{date(2010, 3, 1), date(2028, 3, 1)},
		{date(2007, 12, 31), date(2025, 12, 31)},
	}
	for _, c := range cases {
		if got := care.Eighteenth(c.birth); !got.Equal(c.eighteenth) {
			t.Errorf("Eighteenth(%s) = %s, want %s", c.birth.Format(time.DateOnly), got.Format(time.DateOnly), c.eighteenth.Format(time.DateOnly))
		}
		if care.AgeOn(c.birth, c.eighteenth) != 18 || care.AgeOn(c.birth, c.eighteenth.AddDate(0, 0, -1)) != 17 {
			t.Errorf("%s: AgeOn disagrees with Eighteenth %s", c.birth.Format(time.DateOnly), c.eighteenth.Format(time.DateOnly))
		}
	}
	birth := date(2008, 2, 29)
	p := granted(care.LawJeugdwet, date(2025, 1, 1), date(2026, 12, 31))
	end, at := p.EffectiveEnd(birth)
	if !end.Equal(date(2026, 2, 28)) || !at {
		t.Errorf("Jeugdwet end for a child born 29 Feb 2008 = %s, %v; want 2026-02-28 at 18", end.Format(time.DateOnly), at)
	}
	// An end before the 18th birthday is kept; under another law nothing changes.
	p.End = date(2025, 12, 31)
	if end, at := p.EffectiveEnd(birth); !end.Equal(date(2025, 12, 31)) || at {
		t.Errorf("earlier end = %s, %v", end.Format(time.DateOnly), at)
	}
	p.Law, p.End = care.LawWlz, time.Time{}
	if end, at := p.EffectiveEnd(birth); !end.IsZero() || at {
		t.Errorf("Wlz end = %s, %v", end, at)
	}
	// No end under the Jeugdwet: the day before the 18th birthday.
	p.Law = care.LawJeugdwet
	if end, at := p.EffectiveEnd(date(2009, 7, 10)); !end.Equal(date(2027, 7, 9)) || !at {
		t.Errorf("open Jeugdwet end = %s, %v", end.Format(time.DateOnly), at)
	}
	// On the last day it still runs; on the birthday it has lapsed.
	it := item(granted(care.LawJeugdwet, date(2025, 1, 1), time.Time{}))
	b := date(2008, 7, 10)
	if s := it.StateOn(date(2026, 7, 9), b, 8); s != care.StateEnding {
		t.Errorf("the day before the 18th birthday: %q, want ending", s)
	}
	if s := it.StateOn(date(2026, 7, 10), b, 8); s != care.StateLapsed {
		t.Errorf("on the 18th birthday: %q, want lapsed", s)
	}
	if !it.EndsAtEighteen(b) {
		t.Error("EndsAtEighteen = false")
	}
	// Renewed under the Wlz: no longer ends at 18.
	it.Periods = append(it.Periods, granted(care.LawWlz, date(2026, 7, 10), time.Time{}))
	if it.EndsAtEighteen(b) {
		t.Error("renewed under the Wlz, still ends at 18")
	}
}

// TestTransitionShownFromSeventeen: the checklist shows from the 17th
// birthday; after the 18th only while not accepted, until the 19th.
func TestTransitionShownFromSeventeen(t *testing.T) {
	birth := date(2009, 2, 28)
	f := &care.Family{BirthDate: birth}
	cases := []struct {
		day      time.Time
		accepted bool
		want     bool
	}{
		{date(2026, 2, 27), false, false}, // the day before the 17th birthday
		{date(2026, 2, 28), false, true},  // the 17th birthday
		{date(2027, 2, 27), true, true},   // the last day at 17, accepted: still shown
		{date(2027, 2, 28), true, false},  // 18 and accepted
		{date(2027, 2, 28), false, true},  // 18 and not accepted
		{date(2028, 2, 28), false, false}, // 19
	}
	for _, c := range cases {
		if got := care.TransitionShown(f, c.accepted, c.day); got != c.want {
			t.Errorf("on %s (accepted %v): %v, want %v", c.day.Format(time.DateOnly), c.accepted, got, c.want)
		}
	}
	// Born on 29 February: 17 on 1 March in a common year.
	leap := &care.Family{BirthDate: date(2008, 2, 29)}
	if care.TransitionShown(leap, false, date(2025, 2, 28)) || !care.TransitionShown(leap, false, date(2025, 3, 1)) {
		t.Error("29 February: the 17th birthday is 1 March in a common year")
	}
	for _, f := range []*care.Family{{BirthDate: birth, Unborn: true}, {BirthDate: birth, Deceased: true}} {
		if care.TransitionShown(f, false, date(2026, 6, 1)) {
			t.Errorf("shown for %+v", f)
		}
	}
	// Due three months before the 18th birthday, or today when that passed.
	if d := care.TransitionDue(birth, date(2026, 3, 1)); !d.Equal(date(2026, 11, 28)) {
		t.Errorf("TransitionDue = %s", d.Format(time.DateOnly))
	}
	if d := care.TransitionDue(birth, date(2027, 1, 10)); !d.Equal(date(2027, 1, 10)) {
		t.Errorf("TransitionDue late = %s", d.Format(time.DateOnly))
	}
}

// TestAidWaiting: an aid waits from its request to its delivery, or to
// today; more than six weeks is too long; refused or cancelled waits no more.
func TestAidWaiting(t *testing.T) {
	today := date(2026, 6, 15)
	cases := []struct {
		name    string
		a       care.Aid
		days    int
		tooLong bool
	}{
		{"42 days", care.Aid{Status: care.AidRequested, Requested: today.AddDate(0, 0, -42)}, 42, false},
		{"43 days", care.Aid{Status: care.AidOrdered, Requested: today.AddDate(0, 0, -43)}, 43, true},
		{"delivered after 100 days", care.Aid{Status: care.AidDelivered, Requested: date(2026, 1, 1), Delivered: date(2026, 4, 11)}, 100, false},
		{"refused", care.Aid{Status: care.AidRefused, Requested: date(2026, 1, 1)}, 0, false},
		{"cancelled", care.Aid{Status: care.AidCancelled, Requested: date(2026, 1, 1)}, 0, false},
		{"across a leap day", care.Aid{Status: care.AidRequested, Requested: date(2028, 2, 28)}, 2, false},
	}
	for _, c := range cases {
		day := today
		if c.name == "across a leap day" {
			day = date(2028, 3, 1)
		}
		if got := c.a.WaitingDays(day); got != c.days {
			t.Errorf("%s: waiting %d days, want %d", c.name, got, c.days)
		}
		if got := c.a.WaitingTooLong(day); got != c.tooLong {
			t.Errorf("%s: too long %v, want %v", c.name, got, c.tooLong)
		}
	}
}

// TestSummarizeCoverage counts what needs attention.
func TestSummarizeCoverage(t *testing.T) {
	today := date(2026, 6, 15)
	items := []care.CoverageItem{
		item(granted(care.LawWlz, date(2025, 6, 1), today.AddDate(0, 0, 35))), // ending in 5 weeks
		item(granted(care.LawWmo, date(2025, 6, 1), today.AddDate(0, 0, -1))), // lapsed
		item(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection, ObjectionDue: today.AddDate(0, 0, 20)}),
		item(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection, ObjectionDue: today.AddDate(0, 3, 0)}),
		item(granted(care.LawZvw, date(2025, 6, 1), time.Time{})),
	}
	aids := []care.Aid{
		{Status: care.AidAssessed, Requested: today.AddDate(0, -4, 0)},
		{Status: care.AidDelivered, Requested: today.AddDate(0, -4, 0), Delivered: today.AddDate(0, -1, 0)},
	}
	got := care.SummarizeCoverage(items, aids, date(2015, 1, 1), today, 8)
	want := care.CoverageSummary{Ending: 1, Lapsed: 1, ObjectionsDue: 1, AidsWaiting: 1}
	if got != want {
		t.Errorf("summary = %+v, want %+v", got, want)
	}
}

// TestCoveragePeriodValidation: bad input is refused at its field.
func TestCoveragePeriodValidation(t *testing.T) {
	today := date(2026, 6, 15)
	ok := care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 12.5,
		Start: date(2026, 1, 1), End: date(2026, 12, 31), AppliedOn: date(2025, 11, 1), DecidedOn: date(2025, 12, 1)}
	if err := ok.Validate(today); err != nil {
		t.Fatalf("valid period refused: %v", err)
	}
	cases := []struct {
		name, field, key string
		change           func(p *care.CoveragePeriod)
	}{
		{"end before start", "end", "coverage.end_before_start", func(p *care.CoveragePeriod) { p.End = date(2025, 12, 31) }},
		{"negative hours", "hours", "coverage.hours_negative", func(p *care.CoveragePeriod) { p.HoursPerWeek = -1 }},
		{"more hours than a week", "hours", "coverage.hours_too_many", func(p *care.CoveragePeriod) { p.HoursPerWeek = 168.5 }},
		{"negative amount", "amount", "coverage.amount_negative", func(p *care.CoveragePeriod) { p.AmountCents = -100 }},
		{"unknown law", "law", "field.choose", func(p *care.CoveragePeriod) { p.Law = "awbz" }},
		{"unknown status", "status", "field.choose", func(p *care.CoveragePeriod) { p.Status = "maybe" }},
		{"unknown form", "form", "field.choose", func(p *care.CoveragePeriod) { p.Form = "cash" }},
		{"granted without start", "start", "coverage.start_required", func(p *care.CoveragePeriod) { p.Start = time.Time{} }},
		{"decided before applied", "decided_on", "coverage.decided_before_applied", func(p *care.CoveragePeriod) { p.DecidedOn = date(2025, 10, 1) }},
		{"applied in the future", "applied_on", "date.future", func(p *care.CoveragePeriod) { p.AppliedOn = today.AddDate(0, 0, 1) }},
		{"end eleven years ahead", "end", "date.too_far", func(p *care.CoveragePeriod) { p.End = today.AddDate(11, 0, 0) }},
		{"objection without dates", "objection_due", "field.required", func(p *care.CoveragePeriod) { p.Status = care.CoverageObjection }},
		{"objection due before filed", "objection_due", "coverage.due_before_filed", func(p *care.CoveragePeriod) {
			p.Status, p.ObjectionFiledOn, p.ObjectionDue = care.CoverageObjection, date(2026, 5, 1), date(2026, 4, 1)
		}},
	}
	for _, c := range cases {
		p := ok
		c.change(&p)
		var fe care.FieldErrors
		if err := p.Validate(today); !errors.As(err, &fe) || fe[c.field] != c.key {
			t.Errorf("%s: %v, want %s at %s", c.name, err, c.key, c.field)
		}
	}
	// The last day of a period may be its first.
	p := ok
	p.End = p.Start
	if err := p.Validate(today); err != nil {
		t.Errorf("a one-day period: %v", err)
	}
}

// linkProviderWithScope links a provider account to a new network member
// of fx.fam, with the parents' consent of scope.
func linkProviderWithScope(t *testing.T, fx *fixture, scope string) care.Actor {
	t.Helper()
	ctx := context.Background()
	prov := newAccount(t, fx.s, fx.org, care.RoleProvider, "prov-"+scope+"@example.org")
	n := &care.NetworkMember{FamilyID: fx.fam, Name: "Dr. " + scope, Role: "gp", Line: 1}
	if err := fx.svc.SaveNetworkMember(ctx, fx.cm, n); err != nil {
		t.Fatal(err)
	}
	if err := fx.s.CreateLink(ctx, &care.Link{FamilyID: fx.fam, AccountID: prov.AccountID, Kind: care.LinkProvider, NetworkMemberID: n.ID}); err != nil {
		t.Fatal(err)
	}
	if err := fx.s.AddConsent(ctx, &care.ConsentRecord{FamilyID: fx.fam, NetworkMemberID: n.ID, GivenBy: care.Person{AccountID: fx.cm.AccountID},
		GiverKind: care.GiverParent, Granted: true, Scope: scope, At: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return prov
}

// TestCoverageService goes through the coverage plan as the case manager,
// the family and providers: every access has its record, other families'
// ids are not found, bad input saves nothing, and a provider sees the
// plan only under consent for the whole file.
func TestCoverageService(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			wlz := care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 16,
				IndicatedBy: "ciz", Reference: "CIZ-77", Start: date(2025, 7, 21), End: date(2026, 7, 20)}
			c := &care.CoverageItem{FamilyID: fx.fam, Kind: "night_care", NetworkMemberID: fx.network, Applicant: "casemanager"}
			last := lastAuditID(t, fx.s)
			if err := fx.svc.AddCoverageItem(ctx, fx.cm, c, &wlz); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "coverage_item", c.ID, care.ActionCreate))

			last = lastAuditID(t, fx.s)
			cf, err := fx.svc.Coverage(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "coverage", fx.fam, care.ActionRead))
			if len(cf.Items) != 1 || cf.Items[0].ProviderName != "Dr. Bakker" || cf.Summary.Ending != 1 || cf.StateOf(&cf.Items[0]) != care.StateEnding {
				t.Fatalf("coverage = %+v, summary %+v", cf.Items, cf.Summary)
			}

			// The caseload counts it within the organisation's window; a
			// window of 4 weeks leaves it out (it ends in 5).
			items, err := fx.svc.Caseload(ctx, fx.cm, "", "name")
			if err != nil || len(items) != 1 || items[0].Coverage.Ending != 1 {
				t.Fatalf("caseload = %+v, %v", items, err)
			}
			if err := fx.svc.SetCoverageWindow(ctx, fx.cm, 4); err == nil {
				t.Error("a case manager set the organisation's window")
			}
			if err := fx.svc.SetCoverageWindow(ctx, fx.roles[care.RoleAdmin], 0); err == nil {
				t.Error("a window of 0 weeks was accepted")
			}
			if err := fx.svc.SetCoverageWindow(ctx, fx.roles[care.RoleAdmin], 4); err != nil {
				t.Fatal(err)
			}
			if items, _ := fx.svc.Caseload(ctx, fx.cm, "", "name"); items[0].Coverage.Ending != 0 {
				t.Errorf("with a 4-week window: %+v", items[0].Coverage)
			}

			// A cut with an objection: correct the current period.
			cur := *cf.Items[0].Current()
			cur.Status, cur.ObjectionFiledOn, cur.ObjectionDue = care.CoverageObjection, date(2026, 6, 1), date(2026, 7, 13)
			upd := cf.Items[0]
			last = lastAuditID(t, fx.s)
			if err := fx.svc.UpdateCoverageItem(ctx, fx.cm, &upd, &cur); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "coverage_item", c.ID, care.ActionUpdate))
			// A renewal that cuts hours.
			renewal := &care.CoveragePeriod{FamilyID: fx.fam, ItemID: c.ID, Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted,
				HoursPerWeek: 10, Start: date(2026, 7, 21), End: date(2027, 7, 20), DecidedOn: date(2026, 6, 10)}
			if err := fx.svc.RenewCoverage(ctx, fx.cm, renewal); err != nil {
				t.Fatal(err)
			}
			cf, _ = fx.svc.Coverage(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if it := cf.Items[0]; len(it.Periods) != 2 || !it.HoursCut() || it.Periods[0].Status != care.CoverageObjection {
				t.Errorf("after renewal: %+v", it.Periods)
			}
			if cs := cf.CorrectionsOf(care.CorrectCoverageItem, c.ID); len(cs) != 1 || cs[0].Previous["status"] != care.CoverageGranted {
				t.Errorf("corrections = %+v", cs)
			}

			// Bad input saves nothing and comes back with the page.
			before := cf
			bad := []func() error{
				func() error {
					p := wlz
					p.End = date(2025, 1, 1)
					return fx.svc.AddCoverageItem(ctx, fx.cm, &care.CoverageItem{FamilyID: fx.fam, Kind: "respite", Applicant: "parents"}, &p)
				},
				func() error {
					p := wlz
					p.HoursPerWeek = -2
					return fx.svc.AddCoverageItem(ctx, fx.cm, &care.CoverageItem{FamilyID: fx.fam, Kind: "respite", Applicant: "parents"}, &p)
				},
				func() error {
					p := wlz
					p.Law = "awbz"
					return fx.svc.AddCoverageItem(ctx, fx.cm, &care.CoverageItem{FamilyID: fx.fam, Kind: "respite", Applicant: "parents"}, &p)
				},
				func() error {
					return fx.svc.AddCoverageItem(ctx, fx.cm, &care.CoverageItem{FamilyID: fx.fam, Kind: "respite", Applicant: "parents", NetworkMemberID: fx.otherNet}, &wlz)
				},
				func() error {
					return fx.svc.AddCoverageItem(ctx, fx.cm, &care.CoverageItem{FamilyID: fx.fam, Kind: "respite", Applicant: "parents", Goals: []string{"nope"}}, &wlz)
				},
				func() error {
					p := *renewal
					p.ID, p.Start = 0, date(2020, 1, 1)
					return fx.svc.RenewCoverage(ctx, fx.cm, &p)
				},
				func() error {
					return fx.svc.SaveAid(ctx, fx.cm, &care.Aid{FamilyID: fx.fam, Kind: "stair_lift", Via: care.LawWmo, Status: care.AidDelivered, Requested: date(2026, 1, 1)})
				},
			}
			for i, call := range bad {
				last := lastAuditID(t, fx.s)
				err := call()
				var in *care.InvalidInput
				if !errors.As(err, &in) || len(in.Fields) == 0 || in.Coverage == nil {
					t.Errorf("bad input %d: %v, want field errors with the page", i, err)
				}
				noSuccessSince(t, fx.s, last)
			}
			after, _ := fx.svc.Coverage(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if len(after.Items) != len(before.Items) || len(after.Aids) != len(before.Aids) || len(after.Items[0].Periods) != 2 {
				t.Errorf("bad input saved something: %d items, %d aids", len(after.Items), len(after.Aids))
			}

			// Another family's item or aid through this family: not found.
			oc := &care.CoverageItem{FamilyID: fx.other, Kind: "respite", Applicant: "parents"}
			op := care.CoveragePeriod{Law: care.LawWmo, Form: "zin", Status: care.CoverageApplied}
			if err := fx.svc.AddCoverageItem(ctx, fx.cm2, oc, &op); err != nil {
				t.Fatal(err)
			}
			steal := *oc
			steal.FamilyID = fx.fam
			if err := fx.svc.UpdateCoverageItem(ctx, fx.cm, &steal, &op); !isCode(err, care.NotFound) {
				t.Errorf("another family's item = %v, want NotFound", err)
			}
			if err := fx.svc.RenewCoverage(ctx, fx.cm, &care.CoveragePeriod{FamilyID: fx.fam, ItemID: oc.ID, Law: care.LawWmo, Form: "zin", Status: care.CoverageApplied}); !isCode(err, care.NotFound) {
				t.Errorf("renewing another family's item = %v, want NotFound", err)
			}
			// Not their case manager: refused and recorded.
			last = lastAuditID(t, fx.s)
			if _, err := fx.svc.Coverage(ctx, fx.cm2, care.ViewCaseFile, fx.fam); !isCode(err, care.NotFound) {
				t.Errorf("another case manager = %v", err)
			}
			oneAudit(t, fx.s, last, denied(fx.cm2, fx.fam, "coverage", care.ActionRead))

			// A stair lift followed to delivered, with a document.
			aid := &care.Aid{FamilyID: fx.fam, Kind: "stair_lift", Via: care.LawWmo, Status: care.AidRequested, Requested: date(2026, 2, 1),
				Note: "Ouders twijfelen over de trap"}
			if err := fx.svc.SaveAid(ctx, fx.cm, aid); err != nil {
				t.Fatal(err)
			}
			aid.Status, aid.Assessed, aid.Granted, aid.Ordered, aid.Delivered = care.AidDelivered, date(2026, 3, 1), date(2026, 4, 1), date(2026, 4, 5), date(2026, 6, 1)
			if err := fx.svc.SaveAid(ctx, fx.cm, aid); err != nil {
				t.Fatal(err)
			}
			pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 100)...)
			if _, err := fx.svc.AttachCoverageDocument(ctx, fx.cm, fx.fam, 0, aid.ID, "decision", &care.Upload{FileName: "besluit.exe", Content: []byte("MZ\x90\x00")}); !hasField(err, "document") {
				t.Errorf("an executable = %v, want a field error", err)
			}
			if _, err := fx.svc.AttachCoverageDocument(ctx, fx.cm, fx.fam, 0, aid.ID, "decision", &care.Upload{FileName: "groot.pdf", Content: append(pdf, make([]byte, care.MaxDocumentSize)...)}); !hasField(err, "document") {
				t.Errorf("a document too large = %v, want a field error", err)
			}
			if _, err := fx.svc.AttachCoverageDocument(ctx, fx.cm, fx.fam, 0, oc.ID, "decision", &care.Upload{FileName: "a.pdf", Content: pdf}); err == nil {
				t.Error("a document attached to an aid id of another family's item")
			}
			doc, err := fx.svc.AttachCoverageDocument(ctx, fx.cm, fx.fam, 0, aid.ID, "decision", &care.Upload{FileName: "besluit wmo.pdf", Content: pdf})
			if err != nil {
				t.Fatal(err)
			}

			// The family reads the plan and downloads the document.
			parent := linkParent(t, fx)
			last = lastAuditID(t, fx.s)
			fam, err := fx.svc.Coverage(ctx, parent, care.ViewFamily, fx.fam)
			if err != nil || fam.Viewer != care.ViewerFamily || len(fam.Aids) != 1 || len(fam.Aids[0].Documents) != 1 || fam.Network != nil {
				t.Fatalf("family's coverage = %+v, %v", fam, err)
			}
			oneAudit(t, fx.s, last, success(parent, fx.fam, "coverage", fx.fam, care.ActionRead))
			last = lastAuditID(t, fx.s)
			d, err := fx.svc.CoverageDocument(ctx, parent, care.ViewFamily, fx.fam, doc.ID)
			if err != nil || !bytes.Equal(d.Content, pdf) {
				t.Fatalf("download = %v", err)
			}
			oneAudit(t, fx.s, last, success(parent, fx.fam, "document", doc.ID, care.ActionRead))
			if _, err := fx.svc.CoverageDocument(ctx, fx.cm2, care.ViewCaseFile, fx.fam, doc.ID); !isCode(err, care.NotFound) {
				t.Errorf("another case manager downloads = %v", err)
			}

			// A provider under consent for the whole file reads it, without
			// the documents; under the plan-and-network scope not at all.
			full := linkProviderWithScope(t, fx, care.ScopeFile)
			pf, err := fx.svc.Coverage(ctx, full, care.ViewProvider, fx.fam)
			if err != nil || len(pf.Items) != 1 || len(pf.Aids[0].Documents) != 0 || pf.Family.BirthDate.IsZero() {
				t.Fatalf("provider's coverage = %+v, %v", pf, err)
			}
			if pf.Aids[0].Note != "" || fam.Aids[0].Note == "" {
				t.Errorf("aid note: provider %q, family %q; want it for the family only", pf.Aids[0].Note, fam.Aids[0].Note)
			}
			narrow := linkProviderWithScope(t, fx, care.ScopePlanNetwork)
			last = lastAuditID(t, fx.s)
			if _, err := fx.svc.Coverage(ctx, narrow, care.ViewProvider, fx.fam); !isCode(err, care.NotFound) {
				t.Errorf("plan_network provider = %v, want NotFound", err)
			}
			es := auditAfter(t, fx.s, last)
			if len(es) != 1 || es[0].Outcome != care.OutcomeDenied || es[0].ObjectType != "coverage" {
				t.Errorf("refusal recorded as %+v", es)
			}
			if _, err := fx.svc.CoverageDocument(ctx, full, care.ViewProvider, fx.fam, doc.ID); err == nil {
				t.Error("a provider downloaded the family's letter")
			}
			// Writes are for the case managers only.
			if err := fx.svc.SaveAid(ctx, parent, &care.Aid{FamilyID: fx.fam, Kind: "bed", Via: care.LawZvw, Status: care.AidRequested, Requested: date(2026, 6, 1)}); !isCode(err, care.NotFound) {
				t.Errorf("a parent saved an aid: %v", err)
			}
			verifyIntact(t, fx.s)
		})
	}
}

// TestAcceptTransition: the checklist becomes tasks in one go, once, and
// only from the 17th birthday.
func TestAcceptTransition(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			young := []care.TransitionStep{{Step: "coverage", Title: "Wlz aanvragen", Owner: care.TaskOwner{Kind: care.OwnerCaseManager, ID: fx.cm.AccountID}, Due: date(2026, 9, 1)}}
			var ce *care.Error
			if err := fx.svc.AcceptTransition(ctx, fx.cm, fx.fam, young); !errors.As(err, &ce) || ce.Code != care.Forbidden {
				t.Errorf("a child of 7: %v, want the rule", err)
			}
			teen := mustCreate(t, fx, fx.cm, intake("Thijs", date(2008, 10, 1)))
			before := len(file(t, fx.s, teen).Tasks)
			steps := []care.TransitionStep{
				{Step: "coverage", Title: "Wlz-indicatie aanvragen", Owner: care.TaskOwner{Kind: care.OwnerCaseManager, ID: fx.cm.AccountID}, Due: date(2026, 7, 1)},
				{Step: "doctor", Title: "", Owner: care.TaskOwner{Kind: care.OwnerFamily}, Due: date(2026, 7, 1)},
			}
			if err := fx.svc.AcceptTransition(ctx, fx.cm, teen, steps); !hasField(err, "doctor_title") {
				t.Errorf("a step without a title: %v, want doctor_title", err)
			}
			if n := len(file(t, fx.s, teen).Tasks); n != before {
				t.Errorf("a refused checklist made %d tasks", n-before)
			}
			steps[1].Title = "Overdracht naar de neuroloog voor volwassenen"
			last := lastAuditID(t, fx.s)
			if err := fx.svc.AcceptTransition(ctx, fx.cm, teen, steps); err != nil {
				t.Fatal(err)
			}
			es := auditAfter(t, fx.s, last)
			if len(es) != 1 || es[0].ObjectType != "transition" || es[0].Action != care.ActionCreate {
				t.Errorf("audit = %+v", es)
			}
			if n := len(file(t, fx.s, teen).Tasks); n != before+2 {
				t.Errorf("%d tasks made, want 2", n-before)
			}
			cf, err := fx.svc.Coverage(ctx, fx.cm, care.ViewCaseFile, teen)
			if err != nil || cf.Transition == nil || cf.Transition.Accepted == nil || len(cf.Transition.Accepted.Steps) != 2 {
				t.Fatalf("transition = %+v, %v", cf.Transition, err)
			}
			if err := fx.svc.AcceptTransition(ctx, fx.cm, teen, steps); !isCode(err, care.Conflict) {
				t.Errorf("accepted twice: %v", err)
			}
		})
	}
}

func isCode(err error, code care.Code) bool {
	var ce *care.Error
	return errors.As(err, &ce) && ce.Code == code
}

// linkParent makes a family account for a parent of fx.fam.
func linkParent(t *testing.T, fx *fixture) care.Actor {
	t.Helper()
	ctx := context.Background()
	m := &care.Member{FamilyID: fx.fam, Kind: "parent", Name: "Ouder de Vries", Relation: "moeder", Custody: true}
	if err := fx.svc.AddMember(ctx, fx.cm, m); err != nil {
		t.Fatal(err)
	}
	a := newAccount(t, fx.s, fx.org, care.RoleFamily, "ouder-cov@example.org")
	if err := fx.s.CreateLink(ctx, &care.Link{FamilyID: fx.fam, AccountID: a.AccountID, Kind: care.LinkParent, MemberID: m.ID}); err != nil {
		t.Fatal(err)
	}
	return a
}
