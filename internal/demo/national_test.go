package demo

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func TestNewNationalShape(t *testing.T) {
	tests := []struct {
		scale                        float64
		regions, orgs, cms, families int
		contacts, audit              int
	}{
		{1, 7, 25, 1000, 10000, 3_000_000, 20_000_000},
		{0.1, 7, 25, 100, 1000, 300_000, 2_000_000},
		{0.03, 7, 7, 30, 300, 90_000, 600_000},
		{0.02, 5, 5, 20, 200, 60_000, 400_000},
		{0.01, 2, 2, 10, 100, 30_000, 200_000},
		{0.001, 1, 1, 2, 10, 3_000, 20_000},
	}
	for _, tt := range tests {
		got, err := NewNationalShape(tt.scale)
		if err != nil {
			t.Fatal(err)
		}
		want := NationalShape{Scale: tt.scale, Regions: tt.regions, Organisations: tt.orgs, CaseManagers: tt.cms,
			Families: tt.families, Days: 5*365 + 1, Contacts: tt.contacts, AuditRecords: tt.audit}
		if got != want {
			t.Errorf("NewNationalShape(%g) = %+v, want %+v", tt.scale, got, want)
		}
	}
	for _, bad := range []float64{0, -1, 11} {
		if _, err := NewNationalShape(bad); err == nil {
			t.Errorf("NewNationalShape(%g): no error", bad)
		}
	}
}

func TestRegionOf(t *testing.T) {
	for _, r := range NationalRegions {
		name := OrganisationName(r.Towns[0], r.Name)
		if got := RegionOf(name); got != r.Code {
			t.Errorf("RegionOf(%q) = %q, want %q", name, got, r.Code)
		}
	}
	if got := RegionOf("Demo Kinder Comfort Team"); got != "" {
		t.Errorf("RegionOf of a name without a region = %q", got)
	}
}

// recorder is a NationalSink that checks the order of what it gets and
// keeps what a test looks at.
type recorder struct {
	t        *testing.T
	orgs     map[int64]*NationalOrganisation
	cms      map[int64]*NationalCaseManager
	families map[int64]*NationalFile
	team     map[int64][2]int64 // family: KCT and thuis account
	contacts map[int64]int      // per family
	tasks    map[int64]bool     // task ids
	plans    map[int64]int      // versions per family
	current  map[int64]int      // current version per family
	audit    int
	last     time.Time
	sum      hash.Hash // of everything, for determinism
}

func newRecorder(t *testing.T) *recorder {
	return &recorder{t: t, orgs: map[int64]*NationalOrganisation{}, cms: map[int64]*NationalCaseManager{},
		families: map[int64]*NationalFile{}, team: map[int64][2]int64{}, contacts: map[int64]int{},
		tasks: map[int64]bool{}, plans: map[int64]int{}, current: map[int64]int{}, sum: sha256.New()}
}

func (r *recorder) Organisation(o *NationalOrganisation) error {
	c := *o
	r.orgs[o.ID] = &c
	fmt.Fprintf(r.sum, "%+v", c)
	return nil
}

func (r *recorder) CaseManager(cm *NationalCaseManager) error {
	if r.orgs[cm.OrganisationID] == nil {
		r.t.Errorf("case manager %d of unknown organisation %d", cm.ID, cm.OrganisationID)
	}
	c := *cm
	r.cms[cm.ID] = &c
	fmt.Fprintf(r.sum, "%+v", c)
	return nil
}

func (r *recorder) Family(f *NationalFile) error {
	if r.orgs[f.Family.OrganisationID] == nil || r.cms[f.KCT] == nil || f.Thuis != 0 && r.cms[f.Thuis] == nil {
		r.t.Errorf("family %d: organisation %d, case managers %d and %d", f.Family.ID, f.Family.OrganisationID, f.KCT, f.Thuis)
	}
	r.families[f.Family.ID] = f
	r.team[f.Family.ID] = [2]int64{f.KCT, f.Thuis}
	fmt.Fprintf(r.sum, "%+v", *f)
	return nil
}

func (r *recorder) checkBy(what string, familyID, accountID int64) {
	team, ok := r.team[familyID]
	if !ok {
		r.t.Errorf("%s of unknown family %d", what, familyID)
	} else if accountID != team[0] && accountID != team[1] {
		r.t.Errorf("%s of family %d by %d, who is not one of its case managers %v", what, familyID, accountID, team)
	}
}

func (r *recorder) IntensityChange(c *care.IntensityChange) error {
	r.checkBy("intensity change", c.FamilyID, c.ChangedBy.AccountID)
	fmt.Fprintf(r.sum, "%+v", *c)
	return nil
}

func (r *recorder) Contact(c *care.Contact) error {
	r.checkBy("contact", c.FamilyID, c.CreatedBy.AccountID)
	if err := c.Validate(c.CreatedAt, r.families[c.FamilyID].Family.BirthDate); err != nil {
		r.t.Errorf("contact %d: %v", c.ID, err)
	}
	r.contacts[c.FamilyID]++
	fmt.Fprintf(r.sum, "%+v", *c)
	return nil
}

func (r *recorder) Task(t *care.Task) error {
	r.checkBy("task", t.FamilyID, t.CreatedBy.AccountID)
	if t.Status == "done" && (t.DoneAt.Before(t.CreatedAt) || t.DoneBy.AccountID == 0) {
		r.t.Errorf("task %d done at %s by %d, made at %s", t.ID, t.DoneAt, t.DoneBy.AccountID, t.CreatedAt)
	}
	r.tasks[t.ID] = true
	fmt.Fprintf(r.sum, "%+v", *t)
	return nil
}

func (r *recorder) CarePlanVersion(p *care.CarePlan) error {
	r.checkBy("care plan", p.FamilyID, p.SavedBy.AccountID)
	r.plans[p.FamilyID]++
	if p.Version != r.plans[p.FamilyID] {
		r.t.Errorf("family %d: version %d after %d versions", p.FamilyID, p.Version, r.plans[p.FamilyID]-1)
	}
	if len(p.Changes) == 0 {
		r.t.Errorf("family %d version %d changes nothing", p.FamilyID, p.Version)
	}
	for _, s := range p.Sections {
		for _, a := range s.Actions {
			if !r.tasks[a.TaskID] {
				r.t.Errorf("family %d version %d: action of task %d, which is not stored (yet)", p.FamilyID, p.Version, a.TaskID)
			}
		}
	}
	fmt.Fprintf(r.sum, "%+v", *p)
	return nil
}

func (r *recorder) CurrentCarePlan(p *care.CarePlan) error {
	r.current[p.FamilyID] = p.Version
	return nil
}

func (r *recorder) Audit(e *care.AuditEvent) error {
	if e.At.Before(r.last) {
		r.t.Fatalf("audit record at %s after one at %s", e.At, r.last)
	}
	if e.FamilyID != 0 {
		r.checkBy("audit record", e.FamilyID, e.ActorID)
	} else if r.cms[e.ActorID] == nil {
		r.t.Errorf("audit record by unknown account %d", e.ActorID)
	}
	r.last = e.At
	r.audit++
	fmt.Fprintf(r.sum, "%+v", *e)
	return nil
}

var nationalNow = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func generateSmall(t *testing.T, scale float64, seed int64) (*recorder, NationalCounts, NationalShape) {
	t.Helper()
	shape, err := NewNationalShape(scale)
	if err != nil {
		t.Fatal(err)
	}
	rec := newRecorder(t)
	ids := NationalIDs{Organisation: 3, Account: 10, Family: 1, Member: 1, NetworkMember: 1, IntensityChange: 1, Contact: 1, Task: 1}
	counts, err := GenerateNational(shape, seed, nationalNow, ids, rec)
	if err != nil {
		t.Fatal(err)
	}
	return rec, counts, shape
}

func TestGenerateNational(t *testing.T) {
	rec, got, shape := generateSmall(t, 0.03, 1)
	t.Logf("%+v", got)

	if got.Contacts != shape.Contacts || got.AuditRecords != shape.AuditRecords || rec.audit != shape.AuditRecords {
		t.Errorf("%d contacts and %d audit records (%d passed on), want %d and %d",
			got.Contacts, got.AuditRecords, rec.audit, shape.Contacts, shape.AuditRecords)
	}
	if len(rec.orgs) != shape.Organisations || len(rec.cms) != shape.CaseManagers || len(rec.families) != shape.Families {
		t.Errorf("%d organisations, %d case managers, %d families; want %+v", len(rec.orgs), len(rec.cms), len(rec.families), shape)
	}
	if last := nationalNow.Truncate(24 * time.Hour); !rec.last.Before(last) || got.To != last.AddDate(0, 0, -1) {
		t.Errorf("the history ends at %s (last record %s); want yesterday", got.To, rec.last)
	}

	// Every region has organisations, every organisation KCT and thuis
	// case managers.
	regions := map[string]int{}
	kinds := map[int64]map[string]int{}
	for _, o := range rec.orgs {
		if RegionOf(o.Name) != o.Region {
			t.Errorf("organisation %q: region %q", o.Name, o.Region)
		}
		regions[o.Region]++
		kinds[o.ID] = map[string]int{}
	}
	if len(regions) != shape.Regions {
		t.Errorf("%d regions, want %d", len(regions), shape.Regions)
	}
	for _, cm := range rec.cms {
		kinds[cm.OrganisationID][cm.Kind]++
	}
	for id, k := range kinds {
		if k[ByKCT] < 1 || k[ByThuis] < 1 || k[ByKCT]+k[ByThuis] < 4 {
			t.Errorf("organisation %d: %d KCT and %d thuis case managers", id, k[ByKCT], k[ByThuis])
		}
	}

	// Every family has a KCT case manager of its own organisation, most a
	// thuis one too; caseloads are tens of families.
	caseload := map[int64]int{}
	withThuis := 0
	for _, f := range rec.families {
		kct := rec.cms[f.KCT]
		if kct.Kind != ByKCT || kct.OrganisationID != f.Family.OrganisationID {
			t.Errorf("family %d of organisation %d: KCT case manager %+v", f.Family.ID, f.Family.OrganisationID, kct)
		}
		caseload[f.KCT]++
		if f.Thuis != 0 {
			withThuis++
			caseload[f.Thuis]++
			if th := rec.cms[f.Thuis]; th.Kind != ByThuis || th.OrganisationID != f.Family.OrganisationID {
				t.Errorf("family %d: thuis case manager %+v", f.Family.ID, th)
			}
		}
		if len(f.Members) == 0 || len(f.Network) == 0 || f.Intake.Reason != "intake" {
			t.Errorf("family %d: %d members, %d network members, intake %+v", f.Family.ID, len(f.Members), len(f.Network), f.Intake)
		}
	}
	if len(caseload) != len(rec.cms) {
		t.Errorf("%d of %d case managers have families", len(caseload), len(rec.cms))
	}
	if share := float64(withThuis) / float64(len(rec.families)); share < 0.75 || share > 0.95 {
		t.Errorf("%.2f of the families have a thuis case manager, want about %.2f", share, thuisShare)
	}
	if got.MeanKCTCaseload < 30 || got.MeanKCTCaseload > 70 || got.MeanThuisCaseload < 5 || got.MeanThuisCaseload > 20 {
		t.Errorf("mean caseloads: KCT %.1f, thuis %.1f", got.MeanKCTCaseload, got.MeanThuisCaseload)
	}

	// Five years of history: contacts for nearly every family, care plans
	// with several versions, the current one stored last.
	if len(rec.contacts) < shape.Families*9/10 {
		t.Errorf("%d of %d families have contacts", len(rec.contacts), shape.Families)
	}
	versions := 0
	for id, n := range rec.plans {
		versions += n
		if rec.current[id] != n {
			t.Errorf("family %d: %d versions, current %d", id, n, rec.current[id])
		}
	}
	if len(rec.plans) < shape.Families/2 || versions < 3*len(rec.plans) || got.PlanVersions != versions {
		t.Errorf("%d families with a plan, %d versions (counted %d)", len(rec.plans), versions, got.PlanVersions)
	}
	if got.Tasks < shape.Contacts/5 || got.Tasks > shape.Contacts/3 {
		t.Errorf("%d tasks for %d contacts", got.Tasks, shape.Contacts)
	}
}

func TestGenerateNationalIsDeterministic(t *testing.T) {
	a, _, _ := generateSmall(t, 0.003, 7)
	b, _, _ := generateSmall(t, 0.003, 7)
	c, _, _ := generateSmall(t, 0.003, 8)
	if string(a.sum.Sum(nil)) != string(b.sum.Sum(nil)) {
		t.Error("the same seed made different data")
	}
	if string(a.sum.Sum(nil)) == string(c.sum.Sum(nil)) {
		t.Error("another seed made the same data")
	}
}

// TestNationalRegionCodes: the regions are the sociale kaart's, in its order.
func TestNationalRegionCodes(t *testing.T) {
	var codes []string
	for _, r := range NationalRegions {
		codes = append(codes, r.Code)
	}
	if !slices.Equal(codes, care.Regions) {
		t.Errorf("region codes %v, want %v", codes, care.Regions)
	}
}
