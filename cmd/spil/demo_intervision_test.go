package main

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoIntervision: the KCT case manager's record holds four
// intervision sessions in the last 12 months, as the care service counts
// them, and a supervision and a training besides.
func checkDemoIntervision(t *testing.T, s *store.Store) {
	t.Helper()
	ov, err := care.NewService(s, nil).Intervision(context.Background(), demoActor(t, s, kctEmail))
	if err != nil || ov.Intervisions != 4 || len(ov.Sessions) != 6 {
		t.Fatalf("the KCT case manager's intervision = %+v, %v", ov, err)
	}
	if n, err := care.NewService(s, nil).IntervisionCount(context.Background(), demoActor(t, s, kctEmail), time.Now().AddDate(-1, 0, 0)); err != nil || n != 4 {
		t.Errorf("IntervisionCount = %d, %v; want 4", n, err)
	}
}
