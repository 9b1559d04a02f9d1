package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func newCoverageItem(t *testing.T, s Store, f accessFixture, p care.CoveragePeriod) *care.CoverageItem {
	t.Helper()
	c := &care.CoverageItem{FamilyID: f.family, Kind: "night_care", NetworkMemberID: f.network, Applicant: "casemanager",
		Goals: []string{"g1", "g2"}, CreatedAt: t0, CreatedBy: care.Person{AccountID: f.caseManager}}
	p.CreatedAt, p.CreatedBy = t0, care.Person{AccountID: f.caseManager}
	if err := s.CreateCoverageItem(context.Background(), c, &p); err != nil {
		t.Fatalf("CreateCoverageItem: %v", err)
	}
	return c
}

func isNotFound(err error) bool {
	var ce *care.Error
	return errors.As(err, &ce) && ce.Code == care.NotFound
}

func testCoverageItems(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	first := care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 14.5,
		AmountCents: 2_450_000_00 / 100, Reference: "CIZ-1", IndicatedBy: "ciz", Start: day(2025, 4, 1), End: day(2026, 3, 31),
		AppliedOn: day(2025, 2, 1), DecidedOn: day(2025, 3, 15), Note: "nachtzorg"}
	c := newCoverageItem(t, s, f, first)
	if c.ID == 0 || c.Periods[0].ID == 0 {
		t.Fatalf("ids not set: %+v", c)
	}
	renewal := &care.CoveragePeriod{ItemID: c.ID, FamilyID: f.family, Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection,
		HoursPerWeek: 10, Start: day(2026, 4, 1), End: day(2027, 3, 31), ObjectionFiledOn: day(2026, 3, 20),
		ObjectionDue: day(2026, 5, 1), CreatedAt: t0.Add(time.Hour), CreatedBy: care.Person{AccountID: f.caseManager}}
	if err := s.AddCoveragePeriod(ctx, renewal); err != nil {
		t.Fatal(err)
	}
	// A renewal of another family's item, through that family's id or ours.
	wrong := *renewal
	wrong.ID, wrong.FamilyID = 0, other.family
	if err := s.AddCoveragePeriod(ctx, &wrong); !isNotFound(err) {
		t.Errorf("renewal through another family = %v, want NotFound", err)
	}
	items, err := s.CoverageItems(ctx, f.family)
	if err != nil || len(items) != 1 {
		t.Fatalf("CoverageItems = %+v, %v", items, err)
	}
	got := items[0]
	if got.ProviderName != "Dr. Smit" || got.CreatedBy.Name == "" || !cmp.Equal(got.Goals, []string{"g1", "g2"}) {
		t.Errorf("item = %+v", got)
	}
	if len(got.Periods) != 2 || got.Periods[0].HoursPerWeek != 14.5 || got.Current().HoursPerWeek != 10 || !got.HoursCut() {
		t.Fatalf("periods = %+v", got.Periods)
	}
	p := got.Periods[0]
	if p.Law != care.LawWlz || p.Form != "pgb" || p.AmountCents != 2_450_000 || p.Reference != "CIZ-1" || p.IndicatedBy != "ciz" ||
		!p.Start.Equal(day(2025, 4, 1)) || !p.End.Equal(day(2026, 3, 31)) || !p.AppliedOn.Equal(day(2025, 2, 1)) ||
		!p.DecidedOn.Equal(day(2025, 3, 15)) || p.Note != "nachtzorg" {
		t.Errorf("first period = %+v", p)
	}
	cur := got.Current()
	if !cur.ObjectionFiledOn.Equal(day(2026, 3, 20)) || !cur.ObjectionDue.Equal(day(2026, 5, 1)) {
		t.Errorf("objection dates = %v %v", cur.ObjectionFiledOn, cur.ObjectionDue)
	}
	if items, err := s.CoverageItems(ctx, other.family); err != nil || len(items) != 0 {
		t.Errorf("other family's items = %+v, %v", items, err)
	}

	// Updating writes the item and its current period only.
	got.Kind, got.NetworkMemberID, got.ProviderName, got.Goals = "personal_care", 0, "Thuiszorg Oost", nil
	upd := *cur
	upd.Status, upd.DecidedOn = care.CoverageGranted, day(2026, 4, 20)
	got.Periods = []care.CoveragePeriod{upd}
	if err := s.UpdateCoverageItem(ctx, &got); err != nil {
		t.Fatal(err)
	}
	items, _ = s.CoverageItems(ctx, f.family)
	if it := items[0]; it.Kind != "personal_care" || it.ProviderName != "Thuiszorg Oost" || it.Goals != nil ||
		it.Periods[0].Status != care.CoverageGranted || it.Current().Status != care.CoverageGranted ||
		!it.Current().DecidedOn.Equal(day(2026, 4, 20)) {
		t.Errorf("after update = %+v", it)
	}
	// The first period is not the current one: it cannot be rewritten.
	old := got
	old.Periods = []care.CoveragePeriod{items[0].Periods[0]}
	if err := s.UpdateCoverageItem(ctx, &old); !isNotFound(err) {
		t.Errorf("updating a past period = %v, want NotFound", err)
	}
	stolen := got
	stolen.FamilyID = other.family
	if err := s.UpdateCoverageItem(ctx, &stolen); !isNotFound(err) {
		t.Errorf("update through another family = %v, want NotFound", err)
	}
	// The database keeps an end before the start out, whatever the caller.
	bad := care.CoveragePeriod{ItemID: c.ID, FamilyID: f.family, Law: care.LawWlz, Form: "zin", Status: care.CoverageApplied,
		Start: day(2026, 4, 1), End: day(2026, 3, 1), CreatedAt: t0, CreatedBy: care.Person{AccountID: f.caseManager}}
	if err := s.AddCoveragePeriod(ctx, &bad); err == nil {
		t.Error("a period ending before it starts was stored")
	}
}

func testAidsAndDocuments(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	a := &care.Aid{FamilyID: f.family, Kind: "stair_lift", Via: care.LawWmo, Supplier: "Liftbedrijf", Status: care.AidRequested,
		Requested: day(2026, 1, 5), ReplaceBy: day(2030, 1, 1), CreatedAt: t0, CreatedBy: care.Person{AccountID: f.caseManager}}
	if err := s.SaveAid(ctx, a); err != nil || a.ID == 0 {
		t.Fatalf("SaveAid = %v, id %d", err, a.ID)
	}
	a.Status, a.Assessed, a.Granted, a.Ordered, a.Delivered = care.AidDelivered, day(2026, 2, 1), day(2026, 3, 1), day(2026, 3, 5), day(2026, 5, 1)
	if err := s.SaveAid(ctx, a); err != nil {
		t.Fatal(err)
	}
	aids, err := s.Aids(ctx, f.family)
	if err != nil || len(aids) != 1 {
		t.Fatalf("Aids = %+v, %v", aids, err)
	}
	if g := aids[0]; g.Status != care.AidDelivered || !g.Delivered.Equal(day(2026, 5, 1)) || !g.Requested.Equal(day(2026, 1, 5)) ||
		!g.ReplaceBy.Equal(day(2030, 1, 1)) || g.Supplier != "Liftbedrijf" || g.CreatedBy.Name == "" {
		t.Errorf("aid = %+v", g)
	}
	stolen := *a
	stolen.FamilyID = other.family
	if err := s.SaveAid(ctx, &stolen); !isNotFound(err) {
		t.Errorf("updating another family's aid = %v, want NotFound", err)
	}

	item := newCoverageItem(t, s, f, care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageApplied})
	pdf := []byte("%PDF-1.4\n%beschikking\n")
	for _, d := range []*care.Document{
		{FamilyID: f.family, CoverageItemID: item.ID, Kind: "decision", FileName: "beschikking.pdf"},
		{FamilyID: f.family, AidID: a.ID, Kind: "other", FileName: "offerte.pdf"},
	} {
		d.UploadedBy, d.UploadedAt, d.ContentType, d.Size, d.Content = care.Person{AccountID: f.caseManager}, t0, "application/pdf", int64(len(pdf)), pdf
		if err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// Attached through another family: refused.
	d := &care.Document{FamilyID: other.family, CoverageItemID: item.ID, Kind: "decision", FileName: "x.pdf",
		UploadedBy: care.Person{AccountID: other.caseManager}, UploadedAt: t0, ContentType: "application/pdf", Size: 3, Content: pdf}
	if err := s.AddDocument(ctx, d); !isNotFound(err) {
		t.Errorf("attaching to another family's item = %v, want NotFound", err)
	}
	items, _ := s.CoverageItems(ctx, f.family)
	aids, _ = s.Aids(ctx, f.family)
	if len(items[0].Documents) != 1 || items[0].Documents[0].Kind != "decision" || items[0].Documents[0].Content != nil ||
		len(aids[0].Documents) != 1 || aids[0].Documents[0].FileName != "offerte.pdf" {
		t.Fatalf("attached documents = %+v / %+v", items[0].Documents, aids[0].Documents)
	}
	full, err := s.Document(ctx, f.family, items[0].Documents[0].ID)
	if err != nil || full.CoverageItemID != item.ID || string(full.Content) != string(pdf) {
		t.Errorf("Document = %+v, %v", full, err)
	}
	if _, err := s.Document(ctx, other.family, items[0].Documents[0].ID); !isNotFound(err) {
		t.Errorf("another family's document = %v, want NotFound", err)
	}
}

func testCaseloadCoverageAndSettings(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	c := newCoverageItem(t, s, f, care.CoveragePeriod{Law: care.LawJeugdwet, Form: "zin", Status: care.CoverageGranted,
		Start: day(2025, 1, 1), End: day(2025, 12, 31), Note: "not on the caseload"})
	renewal := &care.CoveragePeriod{ItemID: c.ID, FamilyID: f.family, Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted,
		Start: day(2026, 1, 1), End: day(2026, 6, 30), CreatedAt: t0, CreatedBy: care.Person{AccountID: f.caseManager}}
	if err := s.AddCoveragePeriod(ctx, renewal); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAid(ctx, &care.Aid{FamilyID: f.family, Kind: "wheelchair", Via: care.LawZvw, Status: care.AidOrdered,
		Requested: day(2026, 1, 5), CreatedAt: t0, CreatedBy: care.Person{AccountID: f.caseManager}}); err != nil {
		t.Fatal(err)
	}
	other := newAccessFixture(t, s)
	newCoverageItem(t, s, other, care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageApplied})

	items, aids, err := s.CaseloadCoverage(ctx, f.caseManager)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || len(items[f.family]) != 1 || len(items[f.family][0].Periods) != 1 ||
		items[f.family][0].Current().Law != care.LawWlz || !items[f.family][0].Current().End.Equal(day(2026, 6, 30)) {
		t.Errorf("caseload coverage items = %+v", items)
	}
	if len(aids) != 1 || len(aids[f.family]) != 1 || aids[f.family][0].Status != care.AidOrdered {
		t.Errorf("caseload aids = %+v", aids)
	}

	if w, err := s.CoverageWindowWeeks(ctx, f.org); err != nil || w != care.DefaultCoverageWindowWeeks {
		t.Errorf("default window = %d, %v", w, err)
	}
	if err := s.SetCoverageWindowWeeks(ctx, f.org, 12); err != nil {
		t.Fatal(err)
	}
	if w, _ := s.CoverageWindowWeeks(ctx, f.org); w != 12 {
		t.Errorf("window = %d, want 12", w)
	}
	if w, _ := s.CoverageWindowWeeks(ctx, other.org); w != care.DefaultCoverageWindowWeeks {
		t.Errorf("another organisation's window = %d", w)
	}
	if err := s.SetCoverageWindowWeeks(ctx, f.org, 0); err == nil {
		t.Error("a window of 0 weeks was stored")
	}

	if tr, err := s.Transition(ctx, f.family); err != nil || tr != nil {
		t.Fatalf("Transition before = %+v, %v", tr, err)
	}
	acc := &care.TransitionAcceptance{FamilyID: f.family, AcceptedAt: t0, AcceptedBy: care.Person{AccountID: f.caseManager},
		Steps: []string{"coverage", "doctor"}}
	if err := s.AcceptTransition(ctx, acc); err != nil {
		t.Fatal(err)
	}
	tr, err := s.Transition(ctx, f.family)
	if err != nil || tr == nil || !cmp.Equal(tr.Steps, []string{"coverage", "doctor"}) || tr.AcceptedBy.Name == "" || !tr.AcceptedAt.Equal(t0.Truncate(time.Microsecond)) {
		t.Errorf("Transition = %+v, %v", tr, err)
	}
	var ce *care.Error
	if err := s.AcceptTransition(ctx, acc); !errors.As(err, &ce) || ce.Code != care.Conflict {
		t.Errorf("second acceptance = %v, want Conflict", err)
	}
	if tr, _ := s.Transition(ctx, other.family); tr != nil {
		t.Errorf("another family's transition = %+v", tr)
	}

	// Corrections of items and aids are kept like any other.
	if err := s.AddCorrection(ctx, &care.Correction{FamilyID: f.family, ObjectType: care.CorrectCoverageItem, ObjectID: c.ID,
		ChangedAt: t0, ChangedBy: care.Person{AccountID: f.caseManager}, Previous: map[string]string{"status": "applied"}}); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Corrections(ctx, f.family, care.CorrectCoverageItem)
	if err != nil || len(cs) != 1 || cs[0].Previous["status"] != "applied" {
		t.Errorf("Corrections = %+v, %v", cs, err)
	}
}
