package fhir

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Bundle is a FHIR Bundle: type collection for a file export, searchset
// for a search or $everything.
type Bundle struct {
	ResourceType string        `json:"resourceType"`
	ID           string        `json:"id,omitempty"`
	Meta         *Meta         `json:"meta,omitempty"`
	Type         string        `json:"type"`
	Timestamp    string        `json:"timestamp,omitempty"`
	Total        *int          `json:"total,omitempty"`
	Link         []BundleLink  `json:"link,omitempty"`
	Entry        []BundleEntry `json:"entry,omitempty"`
}

// BundleLink is a link of a searchset, such as self.
type BundleLink struct {
	Relation string `json:"relation"`
	URL      string `json:"url"`
}

// BundleEntry is one resource in a Bundle.
type BundleEntry struct {
	FullURL  string       `json:"fullUrl,omitempty"`
	Resource Resource     `json:"resource"`
	Search   *EntrySearch `json:"search,omitempty"`
}

// EntrySearch says why an entry is in a searchset.
type EntrySearch struct {
	Mode string `json:"mode,omitempty"`
}

// Bundle types.
const (
	BundleCollection = "collection"
	BundleSearchset  = "searchset"
)

// SetBase gives every entry its fullUrl on the server's base URL (without
// a trailing slash), e.g. https://spil.example/fhir/R4.
func (b *Bundle) SetBase(base string) {
	base = strings.TrimSuffix(base, "/")
	for i := range b.Entry {
		h := b.Entry[i].Resource.Header()
		b.Entry[i].FullURL = base + "/" + h.ResourceType + "/" + h.ID
	}
}

// Searchset returns the Bundle's resources as a searchset (for
// $everything and searches): every entry a match, with the total.
func (b Bundle) Searchset() Bundle {
	out := Bundle{ResourceType: "Bundle", Type: BundleSearchset, Entry: make([]BundleEntry, len(b.Entry))}
	match := &EntrySearch{Mode: "match"}
	for i, e := range b.Entry {
		e.Search = match
		out.Entry[i] = e
	}
	n := len(out.Entry)
	out.Total = &n
	return out
}

// Find returns the resource of type typ with id, or nil.
func (b *Bundle) Find(typ, id string) Resource {
	for _, e := range b.Entry {
		if h := e.Resource.Header(); h.ResourceType == typ && h.ID == id {
			return e.Resource
		}
	}
	return nil
}

// newResource returns an empty resource of type typ, for decoding.
func newResource(typ string) (Resource, error) {
	switch typ {
	case "Patient":
		return &Patient{}, nil
	case "RelatedPerson":
		return &RelatedPerson{}, nil
	case "Practitioner":
		return &Practitioner{}, nil
	case "PractitionerRole":
		return &PractitionerRole{}, nil
	case "Organization":
		return &Organization{}, nil
	case "CareTeam":
		return &CareTeam{}, nil
	case "Condition":
		return &Condition{}, nil
	case "Encounter":
		return &Encounter{}, nil
	case "EpisodeOfCare":
		return &EpisodeOfCare{}, nil
	case "Task":
		return &Task{}, nil
	case "CarePlan":
		return &CarePlan{}, nil
	case "Goal":
		return &Goal{}, nil
	case "Consent":
		return &Consent{}, nil
	case "Observation":
		return &Observation{}, nil
	case "Procedure":
		return &Procedure{}, nil
	case "Communication":
		return &Communication{}, nil
	case "Coverage":
		return &Coverage{}, nil
	case "DocumentReference":
		return &DocumentReference{}, nil
	case "Binary":
		return &Binary{}, nil
	case "DeviceRequest":
		return &DeviceRequest{}, nil
	}
	return nil, fmt.Errorf("fhir: resource type %q is not one Spil writes", typ)
}

// UnmarshalJSON decodes an entry into Spil's type for its resourceType.
func (e *BundleEntry) UnmarshalJSON(data []byte) error {
	var raw struct {
		FullURL  string          `json:"fullUrl"`
		Resource json.RawMessage `json:"resource"`
		Search   *EntrySearch    `json:"search"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	var head struct {
		ResourceType string `json:"resourceType"`
	}
	if err := json.Unmarshal(raw.Resource, &head); err != nil {
		return err
	}
	r, err := newResource(head.ResourceType)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(raw.Resource)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(r); err != nil {
		return fmt.Errorf("fhir: %s: %w", head.ResourceType, err)
	}
	e.FullURL, e.Resource, e.Search = raw.FullURL, r, raw.Search
	return nil
}

// Decode reads a Bundle from JSON; an element Spil does not write is an error.
func Decode(data []byte) (Bundle, error) {
	var b Bundle
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return Bundle{}, fmt.Errorf("fhir: bundle: %w", err)
	}
	if b.ResourceType != "Bundle" {
		return Bundle{}, fmt.Errorf("fhir: not a Bundle: %q", b.ResourceType)
	}
	return b, nil
}
