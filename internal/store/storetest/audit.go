package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// appendEvents appends n varied records and returns them as stored.
func appendEvents(t *testing.T, s Store, n int) []care.AuditEvent {
	t.Helper()
	ctx := context.Background()
	amsterdam, _ := time.LoadLocation("Europe/Amsterdam")
	actions := []care.Action{care.ActionRead, care.ActionCreate, care.ActionUpdate, care.ActionDelete, care.ActionSearch, care.ActionLogin}
	outcomes := []string{care.OutcomeSuccess, care.OutcomeDenied, care.OutcomeFailed}
	var es []care.AuditEvent
	for i := range n {
		e := care.AuditEvent{
			// Nanoseconds and a zone: the store keeps microseconds in UTC.
			At:      t0.Add(time.Duration(i)*time.Minute + 789).In(amsterdam),
			ActorID: int64(100 + i%3), ActorRole: care.Roles[i%len(care.Roles)],
			FamilyID: int64(i % 4), ObjectType: []string{"family", "contact", "task"}[i%3], ObjectID: int64(1000 + i),
			Action: actions[i%len(actions)], Outcome: outcomes[i%len(outcomes)], AccessPoint: fmt.Sprintf("192.0.2.%d", i),
			Authorised: i%2 == 0, Relationship: i%3 == 0, Consent: i%5 == 0, Emergency: i%7 == 0,
		}
		if err := s.AppendAudit(ctx, &e); err != nil {
			t.Fatalf("AppendAudit %d: %v", i, err)
		}
		es = append(es, e)
	}
	return es
}

func testAuditChain(t *testing.T, s Store) {
	ctx := context.Background()
	if n, brk, err := s.VerifyAudit(ctx); n != 0 || brk != nil || err != nil {
		t.Errorf("VerifyAudit on an empty trail = %d, %v, %v; want 0, nil, nil", n, brk, err)
	}
	const n = 12
	es := appendEvents(t, s, n)
	prev := care.GenesisHash
	for i, e := range es {
		if e.ID == 0 || i > 0 && e.ID <= es[i-1].ID {
			t.Errorf("record %d has id %d after %d", i, e.ID, es[max(i-1, 0)].ID)
		}
		if e.PrevHash != prev {
			t.Errorf("record %d: PrevHash %s, want %s", i, e.PrevHash, prev)
		}
		if e.Hash != e.ComputeHash() || e.Hash == "" {
			t.Errorf("record %d: Hash %q does not match its content", i, e.Hash)
		}
		if e.At.Nanosecond()%1000 != 0 || e.At.Location() != time.UTC {
			t.Errorf("record %d: At %v is not UTC microseconds", i, e.At)
		}
		prev = e.Hash
	}

	got, err := s.AuditEvents(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(es, got); diff != "" {
		t.Errorf("AuditEvents differ from what was appended (-appended +read):\n%s", diff)
	}
	page, err := s.AuditEvents(ctx, es[3].ID, 2)
	if err != nil || len(page) != 2 || page[0].ID != es[4].ID || page[1].ID != es[5].ID {
		t.Errorf("AuditEvents(after %d, 2) = %+v, %v; want records 4 and 5", es[3].ID, page, err)
	}
	fam, err := s.FamilyAuditEvents(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	var want []care.AuditEvent
	for _, e := range es {
		if e.FamilyID == 2 {
			want = append(want, e)
		}
	}
	if diff := cmp.Diff(want, fam); diff != "" {
		t.Errorf("FamilyAuditEvents(2) (-want +got):\n%s", diff)
	}
	if cnt, brk, err := s.VerifyAudit(ctx); cnt != n || brk != nil || err != nil {
		t.Errorf("VerifyAudit = %d, %+v, %v; want %d, nil, nil", cnt, brk, err, n)
	}
}

// testAuditVerifyManyBatches checks the chain across VerifyAudit's batches
// of 1000: intact, then with the last record of the first batch rewritten.
func testAuditVerifyManyBatches(t *testing.T, s Store) {
	ctx := context.Background()
	const n = 1001
	err := s.Atomic(ctx, func(st care.Store) error {
		for i := range n {
			if err := st.AppendAudit(ctx, &care.AuditEvent{At: t0.Add(time.Duration(i) * time.Second), ActorID: int64(i),
				ObjectType: "family", Action: care.ActionRead, Outcome: care.OutcomeSuccess}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cnt, brk, err := s.VerifyAudit(ctx); cnt != n || brk != nil || err != nil {
		t.Errorf("VerifyAudit = %d, %+v, %v; want %d, nil, nil", cnt, brk, err, n)
	}
	es, err := s.AuditEvents(ctx, 0, n)
	if err != nil || len(es) != n {
		t.Fatalf("AuditEvents = %d records, %v; want %d", len(es), err, n)
	}
	// The last record of the first batch is changed and given a matching
	// hash: the first record of the second batch must notice.
	allowTampering(t, s)
	e := es[999]
	e.ActorID = 424242
	e.Hash = e.ComputeHash()
	if err := s.ExecRaw(ctx, fmt.Sprintf(`UPDATE audit_events SET actor_id = %d, hash = '%s' WHERE id = %d`, e.ActorID, e.Hash, e.ID)); err != nil {
		t.Fatal(err)
	}
	cnt, brk, err := s.VerifyAudit(ctx)
	if err != nil || brk == nil || brk.ID != es[1000].ID || cnt != 1001 {
		t.Errorf("VerifyAudit = %d, %+v, %v; want a break at %d, the 1001st record", cnt, brk, err, es[1000].ID)
	}
}

func testAuditAppendOnly(t *testing.T, s Store) {
	ctx := context.Background()
	es := appendEvents(t, s, 3)
	stmts := []string{
		`UPDATE audit_events SET outcome = 'denied'`,
		fmt.Sprintf(`UPDATE audit_events SET hash = prev_hash WHERE id = %d`, es[1].ID),
		`DELETE FROM audit_events`,
		fmt.Sprintf(`DELETE FROM audit_events WHERE id = %d`, es[2].ID),
	}
	if s.Dialect() == "postgres" {
		stmts = append(stmts, `TRUNCATE audit_events`)
	}
	for _, q := range stmts {
		err := s.ExecRaw(ctx, q)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: error %v, want the append-only refusal", q, err)
		}
	}
	got, err := s.AuditEvents(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(es, got); diff != "" {
		t.Errorf("records changed (-before +after):\n%s", diff)
	}
	if n, brk, err := s.VerifyAudit(ctx); n != 3 || brk != nil || err != nil {
		t.Errorf("VerifyAudit = %d, %+v, %v; want 3, nil, nil", n, brk, err)
	}
}

// allowTampering switches off the append-only triggers, as someone with
// direct access to the database could.
func allowTampering(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	stmts := []string{`DROP TRIGGER audit_events_no_update`, `DROP TRIGGER audit_events_no_delete`}
	if s.Dialect() == "postgres" {
		stmts = []string{`ALTER TABLE audit_events DISABLE TRIGGER USER`}
	}
	for _, q := range stmts {
		if err := s.ExecRaw(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func testAuditTamperingDetected(t *testing.T, s Store) {
	ctx := context.Background()
	const n = 8
	es := appendEvents(t, s, n)
	allowTampering(t, s)
	// Each case changes the trail further, each one nearer the start, so
	// the first break moves back with every step.
	tests := []struct {
		name      string
		stmt      string
		wantID    int64 // 0: intact
		wantInWhy string
		wantCount int
	}{
		{"an update that changes nothing", fmt.Sprintf(`UPDATE audit_events SET outcome = outcome WHERE id = %d`, es[2].ID),
			0, "", n},
		{"a record's outcome", fmt.Sprintf(`UPDATE audit_events SET outcome = 'success' WHERE id = %d AND outcome <> 'success'`, es[7].ID),
			es[7].ID, "content", 8},
		{"an access point", fmt.Sprintf(`UPDATE audit_events SET access_point = '203.0.113.9' WHERE id = %d`, es[5].ID),
			es[5].ID, "content", 6},
		{"a middle record removed", fmt.Sprintf(`DELETE FROM audit_events WHERE id = %d`, es[3].ID),
			es[4].ID, "previous hash", 4},
		{"an actor", fmt.Sprintf(`UPDATE audit_events SET actor_id = 999 WHERE id = %d`, es[1].ID),
			es[1].ID, "content", 2},
		{"the first record's flags", fmt.Sprintf(`UPDATE audit_events SET emergency = NOT emergency WHERE id = %d`, es[0].ID),
			es[0].ID, "content", 1},
	}
	for _, tt := range tests {
		if err := s.ExecRaw(ctx, tt.stmt); err != nil {
			t.Fatalf("%s: %v", tt.stmt, err)
		}
		cnt, brk, err := s.VerifyAudit(ctx)
		if err != nil {
			t.Fatalf("%s: VerifyAudit: %v", tt.name, err)
		}
		if tt.wantID == 0 {
			if brk != nil || cnt != tt.wantCount {
				t.Errorf("%s: VerifyAudit = %d, %+v; want %d records intact", tt.name, cnt, brk, tt.wantCount)
			}
			continue
		}
		if brk == nil {
			t.Errorf("%s: VerifyAudit found no break", tt.name)
			continue
		}
		if brk.ID != tt.wantID || !strings.Contains(brk.Reason, tt.wantInWhy) || cnt != tt.wantCount {
			t.Errorf("%s: break at %d (%q) after %d records; want %d (%q) after %d", tt.name, brk.ID, brk.Reason, cnt,
				tt.wantID, tt.wantInWhy, tt.wantCount)
		}
	}
}

// testAuditRehashDetected changes a record and recomputes its hash: the
// record itself then checks out, the next one does not.
func testAuditRehashDetected(t *testing.T, s Store) {
	ctx := context.Background()
	es := appendEvents(t, s, 5)
	allowTampering(t, s)
	e := es[2]
	e.Outcome = care.OutcomeSuccess
	if e.Outcome == es[2].Outcome {
		e.Outcome = care.OutcomeDenied
	}
	e.Hash = e.ComputeHash()
	if err := s.ExecRaw(ctx, fmt.Sprintf(`UPDATE audit_events SET outcome = '%s', hash = '%s' WHERE id = %d`, e.Outcome, e.Hash, e.ID)); err != nil {
		t.Fatal(err)
	}
	cnt, brk, err := s.VerifyAudit(ctx)
	if err != nil || brk == nil || brk.ID != es[3].ID || cnt != 4 || !strings.Contains(brk.Reason, "previous hash") {
		t.Errorf("VerifyAudit = %d, %+v, %v; want a break at %d, the record after the changed one", cnt, brk, err, es[3].ID)
	}
}

// testAuditConcurrentAppends appends from many goroutines, alone and in
// transactions with other writes: the chain must stay one line.
func testAuditConcurrentAppends(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "a@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	const workers, each = 8, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				e := &care.AuditEvent{At: time.Now(), ActorID: int64(w), FamilyID: f.ID, ObjectType: "member", ObjectID: int64(i),
					Action: care.ActionCreate, Outcome: care.OutcomeSuccess}
				var err error
				if w%2 == 0 {
					err = s.AppendAudit(ctx, e)
				} else {
					err = s.Atomic(ctx, func(st care.Store) error {
						if err := st.AddMember(ctx, &care.Member{FamilyID: f.ID, Kind: "other", Name: fmt.Sprintf("W%d-%d", w, i)}); err != nil {
							return err
						}
						return st.AppendAudit(ctx, e)
					})
				}
				if err != nil {
					t.Errorf("worker %d append %d: %v", w, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	cnt, brk, err := s.VerifyAudit(ctx)
	if err != nil || brk != nil || cnt != workers*each {
		t.Errorf("VerifyAudit = %d, %+v, %v; want %d, nil, nil", cnt, brk, err, workers*each)
	}
	es, err := s.FamilyAuditEvents(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range es {
		if seen[e.PrevHash] {
			t.Errorf("two records follow %s: the chain forked", e.PrevHash)
		}
		seen[e.PrevHash] = true
	}
	if got := len(familyFile(t, s, f.ID).Members); got != workers/2*each {
		t.Errorf("%d members, want %d", got, workers/2*each)
	}
}
