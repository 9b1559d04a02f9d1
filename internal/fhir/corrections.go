package fhir

import (
	"maps"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
)

// Corrections of a family member, a network member, a contact, a stay, an
// aid or a coverage item keep the values the correction replaced. Each
// goes out on the resource of what it corrected (RelatedPerson, the
// network member's PractitionerRole, the contact's or stay's Encounter,
// the DeviceRequest, the item's first Coverage) as a repeated extension
// correction, oldest first: who changed it when, and per field its value
// before.

// corrections adds the corrections of an object to its extensions.
func (x *exporter) corrections(e *exts, objectType string, id int64) {
	for _, c := range x.in.Corrections {
		if c.ObjectType != objectType || c.ObjectID != id {
			continue
		}
		e.complex("correction", func(sub *exts) {
			sub.integer("id", c.ID)
			sub.instant("changed", c.ChangedAt)
			sub.integer("changed-by", c.ChangedBy.AccountID)
			sub.str("changed-by-name", c.ChangedBy.Name)
			for _, field := range slices.Sorted(maps.Keys(c.Previous)) {
				// An empty value before is the field without its value.
				sub.complex("previous", func(p *exts) {
					p.code("field", field)
					p.str("value", c.Previous[field])
				})
			}
		})
	}
}

// readCorrections reads an object's corrections back.
func (m *importer) readCorrections(e *reader, objectType string, id int64) {
	for _, sub := range e.all("correction") {
		c := care.Correction{ID: sub.integer("id"), FamilyID: m.in.Family.ID, ObjectType: objectType, ObjectID: id,
			ChangedAt: sub.instant("changed"), ChangedBy: care.Person{AccountID: sub.integer("changed-by"), Name: sub.str("changed-by-name")},
			Previous: map[string]string{}}
		for _, p := range sub.all("previous") {
			c.Previous[p.code("field")] = p.str("value")
		}
		m.in.Corrections = append(m.in.Corrections, c)
	}
}
