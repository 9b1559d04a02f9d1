package main

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoStays checks where the demo children are, through the care
// service as the case managers read it: Noor Kramer admitted acutely to
// the PICU of the academic children's hospital, with her earlier stays at
// home, in respite care and in the general hospital; no other child is
// admitted.
func checkDemoStays(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	kct := demoActor(t, s, kctEmail)
	items, err := svc.Caseload(ctx, kct, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var noor int64
	for _, it := range items {
		switch {
		case it.ChildName == "Noor Kramer":
			noor = it.FamilyID
			if !it.Admitted() || it.Stay.Unit != care.StayPICU {
				t.Errorf("Noor on the caseload: %+v, want admitted to the PICU", it.Stay)
			}
		case it.ChildName == "Sem de Wit":
			if !it.Admitted() || it.Stay.Kind != care.StayAcademicHospital || it.Stay.Unit != care.StayWard {
				t.Errorf("Sem on the caseload: %+v, want admitted to the academic hospital's ward", it.Stay)
			}
		case it.Admitted():
			t.Errorf("%s is admitted on the caseload", it.ChildName)
		}
	}
	sf, err := svc.Stays(ctx, kct, care.ViewCaseFile, noor)
	if err != nil {
		t.Fatal(err)
	}
	cur := sf.Current
	if cur == nil || cur.Kind != care.StayAcademicHospital || !cur.Acute || !cur.Ongoing() {
		t.Fatalf("Noor now: %+v, want an ongoing acute admission to the academic hospital", cur)
	}
	kinds := map[string]int{}
	for _, st := range sf.Stays {
		kinds[st.Kind]++
	}
	if kinds[care.StayHome] == 0 || kinds[care.StayRespite] == 0 || len(sf.Stays) < 4 {
		t.Errorf("Noor's stays: %v, want home, respite and admissions", kinds)
	}
	// The demo counts its days by the machine's clock (UTC here), the
	// figures by the day in the Netherlands: in the hour when those
	// differ, the ongoing admission has lasted a day longer.
	now := time.Now()
	days := 8 + int(care.DateOf(now).Sub(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)).Hours()/24)
	if f := sf.Figures; f.Admissions != 2 || f.Days != days {
		t.Errorf("Noor's admissions in three months: %+v, want 2 admissions and %d days", f, days)
	}
}
