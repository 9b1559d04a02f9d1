package auth

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestPasswordHashesTakeTurns: a password check and a new password wait for
// a free slot among the hashes being worked out, and a login whose request
// ends while it waits gives up, so a burst of logins costs time, not memory.
func TestPasswordHashesTakeTurns(t *testing.T) {
	s := NewService(nil, Config{Params: TestParams, MaxHashing: 1})
	if cap(s.hashing) != 1 {
		t.Fatalf("%d slots, want 1", cap(s.hashing))
	}
	hash, err := s.Hash("correct paard batterij nietje")
	if err != nil {
		t.Fatal(err)
	}
	s.hashing <- struct{}{} // every slot taken

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.verify(ctx, "correct paard batterij nietje", hash); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a check without a free slot: %v, want it to wait until its request ends", err)
	}

	done := make(chan error, 1)
	go func() {
		_, err := s.Hash("nog een heel lang wachtwoord")
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("a new password was hashed without a free slot: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	<-s.hashing // the slot comes free
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ok, err := s.verify(context.Background(), "correct paard batterij nietje", hash); !ok || err != nil {
		t.Errorf("a check with a free slot: %v, %v", ok, err)
	}
}
