package form

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// TestDirectoryQueryRoundTrip: what a search link carries is read back
// as the same search, and bad values are named.
func TestDirectoryQueryRoundTrip(t *testing.T) {
	q := care.DirectoryQuery{Need: care.ServiceRespite, Region: "midden", Capability: care.CapVentilation, Age: 0, HasAge: true}
	got, errs := DecodeDirectoryQuery(EncodeDirectoryQuery(q))
	if len(errs) > 0 || got != q {
		t.Errorf("round trip = %+v, %v; want %+v", got, errs, q)
	}
	_, errs = DecodeDirectoryQuery(map[string][]string{"need": {"castle"}, "region": {"mars"}, "age": {"99"}, "capability": {"x"}})
	want := Fields{"need": "field.choose", "region": "field.choose", "age": "directory.age_invalid", "capability": "field.choose"}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("bad query (-want +got):\n%s", diff)
	}
}

// TestDirectoryEntryRoundTrip: the edit form reads back the same entry.
func TestDirectoryEntryRoundTrip(t *testing.T) {
	e := care.DirectoryEntry{Name: "Logeerhuis De Vlinder", Kind: care.ServiceRespite, Region: "midden", Address: "Laan 1, Utrecht",
		Phone: "030 123 45 67", Email: "info@example.org", Website: "https://example.org", MinAge: 0, MaxAge: 18,
		Offers: "Logeren in het weekend", Capabilities: []string{care.CapTubeFeeding, care.CapOxygen}, Capacity: care.CapacityWaitlist}
	got, errs := DecodeDirectoryEntry(EncodeDirectoryEntry(&e))
	if len(errs) > 0 {
		t.Fatalf("errors %v", errs)
	}
	if diff := cmp.Diff(e, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func FuzzDecodeDirectoryQuery(f *testing.F) {
	for _, seed := range []string{"need=respite&region=midden", "need=respite&capability=ventilation&age=4",
		"age=-1", "age=1e3&need=%ff", "region=mars&age=023", "age=%00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		q, errs := DecodeDirectoryQuery(v)
		checkChoice(t, errs, "need", q.Need, care.ServiceKinds)
		checkChoice(t, errs, "region", q.Region, care.Regions)
		checkChoice(t, errs, "capability", q.Capability, care.ServiceCapabilities)
		if q.HasAge && (q.Age < 0 || q.Age > care.MaxServiceAge) {
			t.Fatalf("age %d accepted", q.Age)
		}
		if len(errs) == 0 && q.Validate() != nil {
			t.Fatalf("%+v read without errors but not valid: %v", q, q.Validate())
		}
	})
}

func FuzzDecodeDirectoryEntry(f *testing.F) {
	for _, seed := range []string{
		"name=De+Vlinder&kind=respite&region=midden&ventilation=1&oxygen=on&min_age=0&max_age=18",
		"name=&kind=castle&region=&flying=1&min_age=x",
		"name=" + strings.Repeat("x", 300) + "&offers=%ff&max_age=99999999999",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		e, errs := DecodeDirectoryEntry(v)
		checkText(t, errs, "name", e.Name, care.MaxName)
		checkText(t, errs, "offers", e.Offers, care.MaxText)
		checkChoice(t, errs, "kind", e.Kind, care.ServiceKinds)
		checkChoice(t, errs, "region", e.Region, care.Regions)
		for _, c := range e.Capabilities {
			if !slices.Contains(care.ServiceCapabilities, c) {
				t.Fatalf("capability %q accepted", c)
			}
		}
		if !errs.Has("name") && e.Name == "" {
			t.Fatalf("no name accepted")
		}
	})
}
