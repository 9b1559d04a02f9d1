package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/fhir"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// The FHIR benchmarks read a family of the national shape (about 300
// contacts over five years, its tasks, care plan and coverage plan) on
// SQLite, as its KCT case manager:
//
//	go test -run XXX -bench FHIR -cpuprofile cpu.out ./internal/api/
//	go tool pprof -top -cum api.test cpu.out
//
// SPIL_BENCH_DB takes the family from a copy of a database of the
// national shape instead (see nationalBenchFamily).

// benchFamily is a family of the national shape in a database of its own.
type benchFamily struct {
	svc      *care.Service
	actor    care.Actor
	fam      int64
	contacts int
}

// nationalBenchFamily fills a new SQLite database with the national shape
// at scale 0.001 (two case managers, ten families, five years) and returns
// the family whose number of contacts is nearest to 300. With
// SPIL_BENCH_DB set to the path of a SQLite database that 'spil demo
// --national' filled (such as bench/run's, at scale 0.02), it takes the
// family from that database instead; the benchmark writes audit records
// into it, so give it a copy.
func nationalBenchFamily(b *testing.B) benchFamily {
	b.Helper()
	if path := os.Getenv("SPIL_BENCH_DB"); path != "" {
		s := storetest.OpenMigrated(b, path)
		bf, err := existingFamily(s)
		if err != nil {
			b.Fatal(err)
		}
		return bf
	}
	bf, err := fillNational(storetest.Databases()[0].Open(b))
	if err != nil {
		b.Fatal(err)
	}
	return bf
}

// existingFamily finds the family nearest to 300 contacts in a database
// of the national shape, and its KCT case manager.
func existingFamily(s *store.Store) (benchFamily, error) {
	ctx := context.Background()
	var best benchFamily
	for fam := int64(1); ; fam++ {
		if _, err := s.FamilyByID(ctx, fam); err != nil {
			break
		}
		cs, err := s.Contacts(ctx, fam, 0, 100000)
		if err != nil {
			return benchFamily{}, err
		}
		d, bd := len(cs)-300, best.contacts-300
		if best.fam == 0 || d*d < bd*bd {
			best = benchFamily{fam: fam, contacts: len(cs)}
		}
	}
	if best.fam == 0 {
		return benchFamily{}, errors.New("no families in SPIL_BENCH_DB")
	}
	f, err := s.FamilyByID(ctx, best.fam)
	if err != nil {
		return benchFamily{}, err
	}
	cms, err := s.FamilyCaseManagers(ctx, best.fam)
	if err != nil {
		return benchFamily{}, err
	}
	best.svc = care.NewService(s, nil)
	best.actor = care.Actor{AccountID: cms.KCT.AccountID, Role: care.RoleCaseManager, OrganisationID: f.OrganisationID, AccessPoint: "192.0.2.1"}
	return best, nil
}

func fillNational(s *store.Store) (benchFamily, error) {
	ctx := context.Background()
	shape, err := demo.NewNationalShape(0.001)
	if err != nil {
		return benchFamily{}, err
	}
	hash, err := auth.HashPassword("benchmark-only", auth.DefaultParams)
	if err != nil {
		return benchFamily{}, err
	}
	w, err := s.NewBulkWriter(ctx)
	if err != nil {
		return benchFamily{}, err
	}
	ids := w.NextIDs()
	sink := &benchSink{w: w, hash: hash, contacts: map[int64]int{}, kct: map[int64]int64{}, orgOf: map[int64]int64{}}
	_, err = demo.GenerateNational(shape, 1, time.Now(), demo.NationalIDs{
		Organisation: ids.Organisation, Account: ids.Account, Family: ids.Family, Member: ids.Member,
		NetworkMember: ids.NetworkMember, IntensityChange: ids.IntensityChange, Contact: ids.Contact, Task: ids.Task,
		CoverageItem: ids.CoverageItem,
	}, sink)
	if err != nil {
		w.Abort()
		return benchFamily{}, err
	}
	if err := w.Close(); err != nil {
		return benchFamily{}, err
	}
	var best benchFamily
	for fam, n := range sink.contacts {
		d, bd := n-300, best.contacts-300
		if best.fam == 0 || d*d < bd*bd || (d*d == bd*bd && fam < best.fam) {
			best = benchFamily{fam: fam, contacts: n}
		}
	}
	best.svc = care.NewService(s, nil)
	acc := sink.kct[best.fam]
	best.actor = care.Actor{AccountID: acc, Role: care.RoleCaseManager, OrganisationID: sink.orgOf[acc], AccessPoint: "192.0.2.1"}
	return best, nil
}

// benchSink stores the national shape through the bulk writer, as 'spil
// demo --national' does, and counts every family's contacts.
type benchSink struct {
	w        *store.BulkWriter
	hash     string
	contacts map[int64]int
	kct      map[int64]int64 // family → its KCT case manager
	orgOf    map[int64]int64 // account → organisation
}

func (n *benchSink) Organisation(o *demo.NationalOrganisation) error {
	return n.w.Organisation(o.ID, o.Name, o.Region, o.CreatedAt)
}

func (n *benchSink) CaseManager(cm *demo.NationalCaseManager) error {
	n.orgOf[cm.ID] = cm.OrganisationID
	return n.w.Account(&auth.Account{ID: cm.ID, OrganisationID: cm.OrganisationID, Email: cm.Email, Name: cm.Name,
		Role: care.RoleCaseManager, PasswordHash: n.hash, CreatedAt: cm.CreatedAt})
}

func (n *benchSink) Family(f *demo.NationalFile) error {
	n.kct[f.Family.ID] = f.KCT
	return demo.WriteFile(n.w, f)
}

func (n *benchSink) IntensityChange(c *care.IntensityChange) error { return n.w.IntensityChange(c) }
func (n *benchSink) Contact(c *care.Contact) error {
	n.contacts[c.FamilyID]++
	return n.w.Contact(c)
}
func (n *benchSink) Task(t *care.Task) error                { return n.w.Task(t) }
func (n *benchSink) CarePlanVersion(p *care.CarePlan) error { return n.w.CarePlanVersion(p) }
func (n *benchSink) CurrentCarePlan(p *care.CarePlan) error { return n.w.CarePlan(p) }
func (n *benchSink) Audit(e *care.AuditEvent) error         { return n.w.Audit(e) }

const benchBase = "https://spil.example/fhir/R4"

// BenchmarkFHIREverything is $everything of a family of the national shape
// as the handler answers it, without HTTP, and its steps one by one: the
// read through care.Service (with its audit record), the Bundle, and its
// encoding.
func BenchmarkFHIREverything(b *testing.B) {
	bf := nationalBenchFamily(b)
	ctx := context.Background()
	body, err := fhirEverythingAnswer(ctx, bf.svc, bf.actor, bf.fam, benchBase)
	if err != nil {
		b.Fatal(err)
	}
	logComposition(b, bf, body)
	b.Run("all", func(b *testing.B) {
		var size int
		defer reportCPU(b)()
		for b.Loop() {
			out, err := fhirEverythingAnswer(ctx, bf.svc, bf.actor, bf.fam, benchBase)
			if err != nil {
				b.Fatal(err)
			}
			size = len(out)
		}
		b.ReportMetric(float64(size), "answer-bytes")
	})
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			if _, err := fhir.ReadFamilyParts(ctx, bf.svc, bf.actor, bf.fam, care.ActionExport, fhirEverythingParts); err != nil {
				b.Fatal(err)
			}
		}
	})
	in, err := fhir.ReadFamilyParts(ctx, bf.svc, bf.actor, bf.fam, care.ActionExport, fhirEverythingParts)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bundle", func(b *testing.B) {
		for b.Loop() {
			out := fhir.Export(in).Searchset()
			out.SetBase(benchBase)
		}
	})
	out := fhir.Export(in).Searchset()
	out.SetBase(benchBase)
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			if _, err := fhirEncode(out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read-patient", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			in, err := fhir.ReadFamilyParts(ctx, bf.svc, bf.actor, bf.fam, care.ActionRead, fhir.PartsFor("Patient"))
			if err != nil {
				b.Fatal(err)
			}
			bundle := fhir.Export(in)
			if _, err := fhirEncode(bundle.Find("Patient", "child-"+strconv.FormatInt(bf.fam, 10))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.SetParallelism(4) // eight callers on two cores, as in the load runs
		defer reportCPU(b)()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := fhirEverythingAnswer(ctx, bf.svc, bf.actor, bf.fam, benchBase); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// reportCPU reports the CPU time of the whole process (every goroutine:
// the garbage collector and the audit writer too) per operation, the
// figure that "per server core" in bench/README.md divides by; call its
// result when the loop is done.
func reportCPU(b *testing.B) func() {
	start := processCPU(b)
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((processCPU(b)-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		}
	}
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// logComposition logs the bytes of the answer per resource type.
func logComposition(b *testing.B, bf benchFamily, body []byte) {
	var v struct {
		Entry []json.RawMessage `json:"entry"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		b.Fatal(err)
	}
	size, count := map[string]int{}, map[string]int{}
	for _, e := range v.Entry {
		var h struct {
			Resource struct {
				ResourceType string `json:"resourceType"`
			} `json:"resource"`
		}
		if err := json.Unmarshal(e, &h); err != nil {
			b.Fatal(err)
		}
		size[h.Resource.ResourceType] += len(e)
		count[h.Resource.ResourceType]++
	}
	types := make([]string, 0, len(size))
	for t := range size {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool { return size[types[i]] > size[types[j]] })
	var sb strings.Builder
	for _, t := range types {
		fmt.Fprintf(&sb, "%-18s %4d resources %8d bytes %6d per resource\n", t, count[t], size[t], size[t]/count[t])
	}
	b.Logf("family %d with %d contacts: %d bytes in all\n%s", bf.fam, bf.contacts, len(body), sb.String())
}
