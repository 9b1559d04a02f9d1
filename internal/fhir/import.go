package fhir

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// Import reads a Bundle that Export wrote back into the file it came from.
// It is strict: it reads each resource by its profile, and refuses a
// Bundle it would not have written itself (after reading, it writes the
// file again and compares), so nothing in the Bundle goes unread. It is
// not a general FHIR import.
func Import(b Bundle) (Input, error) {
	if b.ResourceType != "Bundle" {
		return Input{}, fmt.Errorf("fhir: not a Bundle: %q", b.ResourceType)
	}
	if b.Type != BundleCollection && b.Type != BundleSearchset {
		return Input{}, fmt.Errorf("fhir: a Bundle of type %q", b.Type)
	}
	m := &importer{}
	for _, e := range b.Entry {
		if e.Resource == nil {
			return Input{}, fmt.Errorf("fhir: an entry without a resource")
		}
		h := e.Resource.Header()
		if e.FullURL != "" && !strings.HasSuffix(e.FullURL, "/"+h.ResourceType+"/"+h.ID) {
			return Input{}, fmt.Errorf("fhir: fullUrl %q is not %s/%s", e.FullURL, h.ResourceType, h.ID)
		}
		if h.Meta == nil || len(h.Meta.Profile) != 1 {
			return Input{}, fmt.Errorf("fhir: %s/%s names no one profile", h.ResourceType, h.ID)
		}
		m.resource(e.Resource, h.Meta.Profile[0])
		if m.err != nil {
			return Input{}, fmt.Errorf("%w (in %s/%s)", m.err, h.ResourceType, h.ID)
		}
	}
	m.finish()
	if m.err != nil {
		return Input{}, m.err
	}
	again := Export(m.in)
	if len(again.Entry) != len(b.Entry) {
		return Input{}, fmt.Errorf("fhir: the Bundle holds %d resources, the file it describes %d", len(b.Entry), len(again.Entry))
	}
	for i := range again.Entry {
		want, err := json.Marshal(again.Entry[i].Resource)
		if err != nil {
			return Input{}, err
		}
		got, err := json.Marshal(b.Entry[i].Resource)
		if err != nil {
			return Input{}, err
		}
		if string(want) != string(got) {
			h := b.Entry[i].Resource.Header()
			return Input{}, fmt.Errorf("fhir: %s/%s holds what Spil does not read back", h.ResourceType, h.ID)
		}
	}
	return m.in, nil
}

// importer collects the file; the first failure is kept in err.
type importer struct {
	in  Input
	err error
	fam string
	// caseManagerNames are the case managers' names, by account.
	caseManagerNames map[int64]string
	// lastDoc is the document read last, for the content that follows
	// it; nil when there is none to follow.
	lastDoc *care.Document
}

func (m *importer) fail(format string, args ...any) {
	if m.err == nil {
		m.err = fmt.Errorf("fhir: "+format, args...)
	}
}

// resource reads one resource by its profile.
func (m *importer) resource(r Resource, profile string) {
	switch r := r.(type) {
	case *Organization:
		m.organization(r)
	case *Patient:
		m.patient(r)
	case *RelatedPerson:
		m.relatedPerson(r)
	case *Practitioner:
		m.practitioner(r)
	case *PractitionerRole:
		m.practitionerRole(r)
	case *CareTeam:
		// Written from the case managers and the network; checked by
		// writing the file again.
	default:
		m.rest(r, profile)
	}
}

// ext reads the extensions of a resource.
func (m *importer) ext(r Resource) *reader { return newReader(r.Header().Extension, &m.err) }

// idAfter reads the Spil id after prefix in a resource id or reference.
func (m *importer) idAfter(prefix, s string) int64 {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok {
		m.fail("%q is not %s<id>", s, prefix)
		return 0
	}
	return atoi(rest, &m.err)
}

// scopedID reads the Spil id in a resource id of the form
// <prefix><family>-<id>, the family's id being that of the file read.
// Before the Patient is read (the organisation comes first) any family is
// taken; writing the file again checks it.
func (m *importer) scopedID(prefix, s string) int64 {
	rest, ok := strings.CutPrefix(s, prefix)
	fam, id, ok2 := strings.Cut(rest, "-")
	if !ok || !ok2 || (m.fam != "" && fam != m.fam) {
		m.fail("%q is not %s<family>-<id>", s, prefix)
		return 0
	}
	return atoi(id, &m.err)
}

// identifier returns the value of the resource's identifier in system.
func identifier(ids []Identifier, system string) string {
	for _, id := range ids {
		if id.System == system {
			return id.Value
		}
	}
	return ""
}

func errorf(format string, args ...any) error { return fmt.Errorf("fhir: "+format, args...) }
