package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestPanicInTransactionRollsBack: a panic inside Atomic (which the web
// server recovers from) rolls the transaction back, so its writes are gone
// and the next write does not wait for a lock that is never released.
func TestPanicInTransactionRollsBack(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			s := db.Open(t)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			org, err := s.CreateOrganisation(ctx, "KCT", time.Now())
			if err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if recover() == nil {
						t.Error("the panic did not come through")
					}
				}()
				s.Atomic(ctx, func(st care.Store) error {
					if err := st.SetCoverageWindowWeeks(ctx, org, 3); err != nil {
						t.Error(err)
					}
					panic("in the middle")
				})
			}()
			done := make(chan error, 1)
			go func() {
				done <- s.Atomic(ctx, func(st care.Store) error {
					return st.SetCoverageWindowWeeks(ctx, org, 5)
				})
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("the write after a panic: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("the write after a panic waits for the transaction the panic left open")
			}
			if w, err := s.CoverageWindowWeeks(ctx, org); err != nil || w != 5 {
				t.Errorf("window %d, %v; want the 5 weeks written after the panic", w, err)
			}
		})
	}
}
