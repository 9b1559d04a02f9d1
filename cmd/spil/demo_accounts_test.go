package main

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoManyFamilies checks the demo home-care nurse, linked to two
// families with a different consent in each, and the demo case managers'
// reachability as Sem de Wit's father and the nurse see it.
func checkDemoManyFamilies(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	actor := func(email string) care.Actor { t.Helper(); return demoActor(t, s, email) }
	nurse := actor("zorgverlener3@demo.spil.test")
	fams, err := svc.MyFamilies(ctx, nurse)
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) != 2 {
		t.Fatalf("the home-care nurse's families: %+v, want Sem de Wit and Yara El Amrani", fams)
	}
	sem, yara := fams[0], fams[1]
	if sem.ChildName != "Sem de Wit" {
		sem, yara = yara, sem
	}
	if sem.ChildName != "Sem de Wit" || !sem.Consent || sem.Scope != care.ScopePlanNetwork {
		t.Errorf("the nurse's link to Sem de Wit: %+v, want consent for the plan and the network", sem)
	}
	if yara.Consent || yara.ChildName != "" || yara.Kind != care.LinkProvider {
		t.Errorf("the nurse's link to Yara El Amrani: %+v, want no consent and no name yet", yara)
	}
	pf, err := svc.ProviderView(ctx, nurse, sem.FamilyID)
	if err != nil {
		t.Fatalf("the nurse's view of Sem de Wit: %v", err)
	}
	if pf.Scope != care.ScopePlanNetwork || len(pf.Tasks) != 0 || pf.Me.Name != demo.HomeCareNurse {
		t.Errorf("the nurse sees scope %q as %q with tasks %+v", pf.Scope, pf.Me.Name, pf.Tasks)
	}
	if _, err := svc.ProviderView(ctx, nurse, yara.FamilyID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("the nurse's view of Yara El Amrani without consent: %v, want NotFound", err)
	}
	if got := pf.CaseManagers.Reachable(); len(got) != 1 || got[0].Reachability != demo.KCTReachability || got[0].Name != demo.KCTCaseManager {
		t.Errorf("the nurse sees the case managers %+v, want Carla Visser with her reachability", got)
	}
	father := actor("ouder2@demo.spil.test")
	ov, err := svc.FamilyView(ctx, father, sem.FamilyID)
	if err != nil {
		t.Fatalf("the father's view: %v", err)
	}
	if got := ov.File.CaseManagers.Reachable(); len(got) != 1 || got[0].WorkPhone != demo.KCTReachability.WorkPhone {
		t.Errorf("the father sees the case managers %+v", got)
	}
	for email, want := range map[string]care.Reachability{kctEmail: demo.KCTReachability, thuisEmail: demo.ThuisReachability} {
		r, err := s.AccountReachability(ctx, actor(email).AccountID)
		if err != nil || !cmp.Equal(r, want, cmpopts.EquateEmpty()) {
			t.Errorf("reachability of %s: %+v, %v; want %+v", email, r, err, want)
		}
		for _, p := range []string{r.WorkPhone} {
			if got, err := care.ParsePhone(p); err != nil || got != p {
				t.Errorf("demo work phone %q does not pass the form's check: %v", p, err)
			}
		}
	}
}
