package care_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// The environment of the child process of TestNoReadWithoutItsRecord.
const (
	readChildDSN    = "SPIL_TEST_READ_CHILD_DSN"
	readChildActor  = "SPIL_TEST_READ_CHILD_ACTOR"
	readChildFamily = "SPIL_TEST_READ_CHILD_FAMILY"
	answeredPrefix  = "ANSWERED "
)

// TestNoReadWithoutItsRecord kills a process in the middle of many
// concurrent reads and checks that every read it answered has its audit
// record: a read hands out its data only once its record, appended by the
// group commit, is durable. The child process is this test binary; it
// prints a line for every read answered, and is killed with SIGKILL.
func TestNoReadWithoutItsRecord(t *testing.T) {
	if dsn := os.Getenv(readChildDSN); dsn != "" {
		readUntilKilled(dsn)
		return
	}
	if testing.Short() {
		t.Skip("starts and kills processes")
	}
	for _, db := range databases(t) {
		t.Run(db.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := store.Open(ctx, db.dsn)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			org, err := s.CreateOrganisation(ctx, "KCT", now)
			if err != nil {
				t.Fatal(err)
			}
			cm := newAccount(t, s, org, care.RoleCaseManager, "cm@example.org")
			fam, err := care.NewService(s, nil).CreateFamily(ctx, cm, intake("Daan Hermans", date(2015, 3, 1)))
			if err != nil {
				t.Fatal(err)
			}
			s.Close()

			for round := range 3 {
				answered := runReadChild(t, db.dsn, cm.AccountID, fam)
				s, err := store.Open(ctx, db.dsn)
				if err != nil {
					t.Fatal(err)
				}
				recorded := map[string]int{}
				for _, e := range auditAfter(t, s, 0) {
					if e.Outcome == care.OutcomeSuccess && e.ObjectType == "family" && e.Action == care.ActionRead {
						recorded[e.AccessPoint]++
					}
				}
				missing := 0
				for _, ap := range answered {
					if recorded[ap] != 1 {
						missing++
						if missing <= 5 {
							t.Errorf("round %d: the read %s was answered with %d audit records", round, ap, recorded[ap])
						}
					}
				}
				if missing > 0 {
					t.Errorf("round %d: %d of %d answered reads have no record", round, missing, len(answered))
				}
				if len(answered) < 50 {
					t.Errorf("round %d: only %d reads were answered before the kill; the test proves little", round, len(answered))
				}
				verifyIntact(t, s)
				t.Logf("round %d: %d reads answered before the kill, %d reads on record", round, len(answered), len(recorded))
				s.Close()
				if db.name == "sqlite" {
					if err := store.CheckIntegrity(ctx, db.dsn); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
}

type killDB struct{ name, dsn string }

// databases are the databases the kill test runs on: a SQLite file, and
// PostgreSQL when configured.
func databases(t *testing.T) []killDB {
	dbs := []killDB{{"sqlite", storetest.SQLitePath(t)}}
	if base := os.Getenv("SPIL_TEST_POSTGRES"); base != "" {
		dbs = append(dbs, killDB{"postgres", storetest.PostgresDSN(t, base)})
	}
	return dbs
}

// runReadChild starts the child, lets it answer a few hundred reads, kills
// it and returns the access points of the reads it answered.
func runReadChild(t *testing.T, dsn string, actor, family int64) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoReadWithoutItsRecord$", "-test.count=1")
	cmd.Env = append(os.Environ(), readChildDSN+"="+dsn, fmt.Sprint(readChildActor, "=", actor), fmt.Sprint(readChildFamily, "=", family))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var answered []string
	lines := bufio.NewScanner(out)
	deadline := time.Now().Add(20 * time.Second)
	for len(answered) < 400 && time.Now().Before(deadline) && lines.Scan() {
		if ap, ok := strings.CutPrefix(lines.Text(), answeredPrefix); ok {
			answered = append(answered, ap)
		}
	}
	// Kill in the middle of the reads, then take what it had printed
	// before it died: every line was written after its read returned.
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() {
		if ap, ok := strings.CutPrefix(lines.Text(), answeredPrefix); ok {
			answered = append(answered, ap)
		}
	}
	_ = cmd.Wait()
	return answered
}

// readUntilKilled is the child: 16 readers read the family file as its
// case manager, each read with an access point of its own, and print the
// access point of each read the service answered.
func readUntilKilled(dsn string) {
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var actorID, familyID int64
	fmt.Sscan(os.Getenv(readChildActor), &actorID)
	fmt.Sscan(os.Getenv(readChildFamily), &familyID)
	svc := care.NewService(s, nil)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			for i := 0; ; i++ {
				actor := care.Actor{AccountID: actorID, Role: care.RoleCaseManager, AccessPoint: fmt.Sprintf("read-%d-%d-%d", os.Getpid(), w, i)}
				f, err := svc.File(ctx, actor, familyID)
				if err != nil || f == nil {
					fmt.Fprintln(os.Stderr, "read failed:", err)
					os.Exit(3)
				}
				mu.Lock()
				// One write per line: the parent sees whole lines only.
				os.Stdout.WriteString(answeredPrefix + actor.AccessPoint + "\n")
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

// failingAudit is a store whose audit trail cannot be written outside a
// transaction, as when the disk is full between a read and its record.
type failingAudit struct{ care.Store }

var errAuditDown = errors.New("the audit trail cannot be written")

func (failingAudit) AppendAudit(context.Context, *care.AuditEvent) error { return errAuditDown }

// TestReadWithoutRecordShowsNothing: when the record of a read cannot be
// written, the read answers an error and no data, on every kind of read.
func TestReadWithoutRecordShowsNothing(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			w := newViewWorld(t, db, date(2015, 3, 1))
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			ctx := context.Background()
			svc := care.NewService(failingAudit{w.s}, w.clock.Now)
			svc.SetPasswords(auth.NewService(w.s, auth.Config{Params: auth.TestParams}))
			reads := map[string]func() (any, error){
				"File":       func() (any, error) { return svc.File(ctx, w.cm, w.fam) },
				"FamilyForm": func() (any, error) { return svc.FamilyForm(ctx, w.cm, w.fam) },
				"Caseload":   func() (any, error) { return svc.Caseload(ctx, w.cm, "", "") },
				"FamilyView": func() (any, error) { return svc.FamilyView(ctx, w.mother, w.fam) },
				"Provider":   func() (any, error) { return svc.ProviderView(ctx, w.gp, w.fam) },
				"CarePlan":   func() (any, error) { return svc.CarePlan(ctx, w.mother, w.fam, care.ViewCarePlan) },
				"AccessLog": func() (any, error) {
					return svc.AccessLog(ctx, w.mother, w.fam, now.Add(-time.Hour), now.Add(time.Hour))
				},
				"MyFamilies":  func() (any, error) { return svc.MyFamilies(ctx, w.mother) },
				"Contacts":    func() (any, error) { return svc.Contacts(ctx, w.cm, w.fam, 0, 10) },
				"PlanVersion": func() (any, error) { return svc.CarePlanVersions(ctx, w.cm, w.fam) },
			}
			for name, read := range reads {
				got, err := read()
				if !errors.Is(err, errAuditDown) {
					t.Errorf("%s without its record: %v, want the audit error", name, err)
				}
				if got != nil && !isNilPointer(got) {
					t.Errorf("%s without its record handed out %T", name, got)
				}
			}
		})
	}
}

func isNilPointer(v any) bool {
	switch p := v.(type) {
	case *care.File:
		return p == nil
	case *care.FamilyOverview:
		return p == nil
	case *care.ProviderFile:
		return p == nil
	case *care.PlanFile:
		return p == nil
	case []care.CaseloadItem:
		return p == nil
	case []care.AccessEntry:
		return p == nil
	case []care.LinkedFamily:
		return p == nil
	case *care.ContactPage:
		return p == nil
	case []care.PlanVersionInfo:
		return p == nil
	}
	return false
}
