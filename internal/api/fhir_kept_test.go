package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// fileReads counts the family files read in read transactions: each
// export reads the family's row once.
type fileReads struct {
	care.Store
	n *atomic.Int64
}

func (c fileReads) Read(ctx context.Context, fn func(care.Store) error) error {
	return c.Store.Read(ctx, func(st care.Store) error { return fn(fileReads{Store: st, n: c.n}) })
}

func (c fileReads) FamilyByID(ctx context.Context, id int64) (*care.Family, error) {
	c.n.Add(1)
	return c.Store.FamilyByID(ctx, id)
}

// TestFHIREverythingKept: $everything keeps its answer while the file is
// unchanged: asked again, the same bytes come without the file being read
// (each call still audited as an export), gzip-compressed when the client
// takes it; a change to the file, to what it names (the organisation), or
// a new day (see TestExportFileSince) makes a new answer; each reader has their own; and a reader
// who lost access gets 404 even with an answer kept for them.
func TestFHIREverythingKept(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			reads := &atomic.Int64{}
			a := sitetest.New(t, db.Open, site.Config{FHIRKept: 8 << 20}, sitetest.WithCareStore(func(s care.Store) care.Store {
				return fileReads{Store: s, n: reads}
			}))
			w := fhirWorld(t, a)
			ctx := context.Background()
			path := "/fhir/R4/Patient/child-" + itoa(w.Fam) + "/$everything"
			// get asks as the client would by default (Go's client takes gzip and
			// unpacks it) and checks that the file was read again or not.
			get := func(c *client, reread bool, header ...string) *sitetest.APIResponse {
				t.Helper()
				before, audits := reads.Load(), len(fhirAudits(t, w))
				r := c.API(http.MethodGet, path, nil, header...)
				if r.StatusCode != http.StatusOK {
					t.Fatalf("$everything: %d %s", r.StatusCode, r.Raw)
				}
				if got := reads.Load() != before; got != reread {
					t.Errorf("$everything: the file read again %v, want %v", got, reread)
				}
				after := fhirAudits(t, w)
				if len(after) != audits+1 || after[len(after)-1].Action != care.ActionExport {
					t.Errorf("$everything: %d new audit records, want one export", len(after)-audits)
				}
				return r
			}

			first := get(w.CM, true)
			if !first.Uncompressed {
				t.Error("the client took gzip, and the answer came uncompressed")
			}
			again := get(w.CM, false)
			if !bytes.Equal(first.Raw, again.Raw) {
				t.Error("the kept answer differs from the first")
			}
			plain := get(w.CM, false, "Accept-Encoding", "identity")
			if !bytes.Equal(plain.Raw, first.Raw) || plain.Header.Get("Content-Encoding") != "" ||
				plain.Header.Get("Content-Length") != itoa(int64(len(plain.Raw))) {
				t.Errorf("without gzip: encoding %q, length %q for %d bytes; same answer %v", plain.Header.Get("Content-Encoding"),
					plain.Header.Get("Content-Length"), len(plain.Raw), bytes.Equal(plain.Raw, first.Raw))
			}
			packed := get(w.CM, false, "Accept-Encoding", "gzip")
			if packed.Header.Get("Content-Encoding") != "gzip" || packed.Header.Get("Content-Type") != "application/fhir+json; charset=utf-8" {
				t.Errorf("gzip answer headers: %v", packed.Header)
			}
			if got := gunzip(t, packed.Raw); !bytes.Equal(got, first.Raw) {
				t.Error("the gzip answer unpacks to something else")
			}

			// Another reader has their own answer, as their view shows.
			gp := get(w.GP, true)
			if bytes.Equal(gp.Raw, first.Raw) || strings.Contains(string(gp.Raw), `"Encounter"`) || strings.Contains(string(gp.Raw), fhirBSN) {
				t.Error("the GP was given the case managers' answer")
			}
			get(w.GP, false)

			// A change to the file.
			encounters := strings.Count(string(first.Raw), `"resourceType":"Encounter"`)
			c := &care.Contact{FamilyID: w.Fam, Date: a.Clock.Now().AddDate(0, 0, -1), Kind: "home_visit", With: "both", DurationMin: 45}
			if err := a.Care.AddContact(ctx, w.CMActor, c); err != nil {
				t.Fatal(err)
			}
			changed := get(w.CM, true)
			if n := strings.Count(string(changed.Raw), `"resourceType":"Encounter"`); n != encounters+1 {
				t.Errorf("after a contact: %d Encounters, want %d", n, encounters+1)
			}
			if again := get(w.CM, false); !bytes.Equal(again.Raw, changed.Raw) {
				t.Error("the answer kept after the change differs")
			}

			// A change to what the file names: the organisation's URA.
			if err := a.Store.SetOrganisationURA(ctx, a.Org, "90000123"); err != nil {
				t.Fatal(err)
			}
			if r := get(w.CM, true); !strings.Contains(string(r.Raw), "90000123") {
				t.Error("the answer after the URA was set does not name it")
			}

			// Consent withdrawn: the GP's kept answer is not given.
			get(w.GP, true)
			if err := a.Care.SetConsent(ctx, w.ParentActor, w.Fam, gpMember(t, a, w), false, care.ScopePlanNetwork); err != nil {
				t.Fatal(err)
			}
			fhirGet(t, w, w.GP, path, http.StatusNotFound, 1, care.ActionExport)
			fhirGet(t, w, w.Other, path, http.StatusNotFound, 1, care.ActionExport)
		})
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// gpMember is the network member the world's GP is linked to.
func gpMember(t *testing.T, a *app, w *sitetest.PlanWorld) int64 {
	t.Helper()
	f, err := a.Care.File(context.Background(), w.CMActor, w.Fam)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range f.Network {
		if n.Role == "gp" {
			return n.ID
		}
	}
	t.Fatal("no GP in the network")
	return 0
}
