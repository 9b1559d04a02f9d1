package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/demo"
)

// TestDemoNational fills a database with a small version of the national
// shape and checks it there: the organisations and regions, the case
// managers of each organisation and their caseloads, the files, and the
// audit trail, which must verify.
func TestDemoNational(t *testing.T) {
	const scale = 0.01
	shape, err := demo.NewNationalShape(scale)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			dsn := d.fresh(t)
			if d.name == "postgres" {
				mustSpil(t, "migrate", "--db", dsn)
			}
			r := mustSpil(t, "demo", "--national", "--scale", fmt.Sprint(scale), "--seed", "5", "--db", dsn, "--log-level", "warn")
			want := fmt.Sprintf("%d regions, %d organisations, %d case managers, %d families; %d contacts",
				shape.Regions, shape.Organisations, shape.CaseManagers, shape.Families, shape.Contacts)
			if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, fmt.Sprintf("%d audit records", shape.AuditRecords)) {
				t.Errorf("demo --national says %q, want %q", r.stdout, want)
			}

			s := openDB(t, dsn)
			loads, err := s.CaseManagerLoads(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(loads) != shape.CaseManagers {
				t.Fatalf("%d case managers, want %d", len(loads), shape.CaseManagers)
			}
			perOrg, regions := map[string]int{}, map[string]bool{}
			families := map[int64]int{} // case managers per family
			for _, l := range loads {
				perOrg[l.Organisation]++
				regions[demo.RegionOf(l.Organisation)] = true
				if acc, err := s.AccountByID(ctx, l.AccountID); err != nil {
					t.Fatal(err)
				} else if _, region, err := s.OrganisationRegion(ctx, acc.OrganisationID); err != nil || region != demo.RegionOf(l.Organisation) {
					t.Errorf("%s: region %q, %v; want the one its name ends with", l.Organisation, region, err)
				}
				items, err := s.Caseload(ctx, l.AccountID, time.Now())
				if err != nil {
					t.Fatal(err)
				}
				if len(items) != l.Families || l.Families < 3 || l.Families > 80 {
					t.Errorf("%s: caseload of %d families (%d counted)", l.Email, len(items), l.Families)
				}
				for _, it := range items {
					families[it.FamilyID]++
				}
			}
			if len(perOrg) != shape.Organisations || len(regions) != shape.Regions || regions[""] {
				t.Errorf("%d organisations in regions %v; want %d in %d", len(perOrg), regions, shape.Organisations, shape.Regions)
			}
			for org, n := range perOrg {
				if n < 4 {
					t.Errorf("%s has %d case managers", org, n)
				}
			}
			if len(families) != shape.Families {
				t.Errorf("%d families in caseloads, want %d", len(families), shape.Families)
			}
			var contacts, plans, items, aids int
			for id := range families {
				f, err := s.FamilyFile(ctx, id, 0)
				if err != nil {
					t.Fatal(err)
				}
				if f.CaseManagers.KCT.AccountID == 0 || f.Episode == nil || len(f.Intensity) == 0 || f.Intensity[0].Intensity != f.Family.Intensity {
					t.Errorf("family %d: KCT case manager %v, episode %v, intensity %s, last change %+v",
						id, f.CaseManagers.KCT, f.Episode, f.Family.Intensity, f.Intensity)
				}
				contacts += len(f.Contacts)
				if f.Plan != nil {
					plans++
				}
				cov, err := s.CoverageItems(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cov {
					if err := c.Current().Validate(time.Now()); err != nil || len(c.Periods) != 1 || c.CreatedBy.AccountID != f.CaseManagers.KCT.AccountID {
						t.Errorf("family %d: coverage item %+v: %v", id, c, err)
					}
				}
				as, err := s.Aids(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				items, aids = items+len(cov), aids+len(as)
			}
			if items < shape.Families/2 || aids == 0 || !strings.Contains(r.stdout, fmt.Sprintf("%d coverage items, %d aids", items, aids)) {
				t.Errorf("%d coverage items and %d aids in the files; demo --national says %q", items, aids, r.stdout)
			}
			if contacts != shape.Contacts || plans < shape.Families/2 {
				t.Errorf("%d contacts in the files, want %d; %d families with a plan", contacts, shape.Contacts, plans)
			}

			n, brk, err := s.VerifyAudit(ctx)
			if err != nil || brk != nil || n != shape.AuditRecords {
				t.Errorf("audit trail: %d records, break %+v, %v; want %d intact", n, brk, err, shape.AuditRecords)
			}
			r = mustSpil(t, "audit-verify", "--db", dsn)
			if !strings.Contains(r.stdout, "intact") {
				t.Errorf("audit-verify: %q", r.stdout)
			}

			// Once is enough: the case managers and their families are there.
			r = spil(t, "demo", "--national", "--scale", fmt.Sprint(scale), "--db", dsn)
			if r.code != 1 || !strings.Contains(r.stderr, "holds families already") {
				t.Errorf("a second run: want a refusal, got\n%v", r)
			}
		})
	}
}
