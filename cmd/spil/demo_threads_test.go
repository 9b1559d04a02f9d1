package main

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoThreads checks the demo conversations through the care service:
// the mother has two, one with a message she has not read; the GP with
// consent takes part in the one he was added to; the physiotherapist
// without consent sees none.
func checkDemoThreads(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	actor := func(email string) care.Actor { t.Helper(); return demoActor(t, s, email) }
	mother := actor(parentEmail)
	fams, err := s.LinkedFamilies(ctx, mother.AccountID)
	if err != nil || len(fams) != 1 {
		t.Fatalf("the mother's families: %v, %v", fams, err)
	}
	fam := fams[0].FamilyID
	l, err := svc.Threads(ctx, mother, care.ViewFamily, fam)
	if err != nil || len(l.Threads) != 2 || l.Threads[0].Unread != 1 || l.Threads[1].Unread != 1 {
		t.Fatalf("the mother's threads: %+v, %v; want two, each with one unread message", l, err)
	}
	gp, err := svc.Threads(ctx, actor("zorgverlener@demo.spil.test"), care.ViewProvider, fam)
	if err != nil || len(gp.Threads) != 1 {
		t.Errorf("the GP's threads: %+v, %v; want the one he was added to", gp, err)
	}
	if _, err := svc.Threads(ctx, actor("zorgverlener2@demo.spil.test"), care.ViewProvider, fam); care.ErrorCode(err) != care.NotFound {
		t.Errorf("the physiotherapist without consent: %v, want NotFound", err)
	}
}
