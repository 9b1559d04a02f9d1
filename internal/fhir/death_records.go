package fhir

import "github.com/spil-zorg/spil/internal/care"

// The death records in full travel on the place-of-death Observation,
// which holds the record in force: its own id, what it corrects, the
// quality note, the reason of the correction and who recorded it when as
// extensions (death-record-id, corrects, quality-note, correction-reason,
// recorded, recorded-by); each earlier record (one a correction replaced) as a
// repeated complex extension death-record, oldest first, with every field.

// deathRecords adds the records' extensions to the Observation's.
func (x *exporter) deathRecords(e *exts) {
	rs := x.in.DeathRecords
	if len(rs) == 0 {
		return
	}
	for _, r := range rs[:len(rs)-1] {
		e.complex("death-record", func(s *exts) {
			s.integer("id", r.ID)
			s.integer("corrects", r.Corrects)
			s.date("died-on", r.DiedOn)
			s.str("died-time", r.DiedTime)
			s.code("place", r.Place)
			s.str("place-name", r.PlaceName)
			s.code("preferred-place", r.PreferredPlace)
			s.code("preferred-met", r.PreferredMet)
			s.str("quality-note", r.QualityNote)
			s.str("reason", r.Reason)
			s.instant("recorded", r.RecordedAt)
			s.integer("recorded-by", r.RecordedBy.AccountID)
			s.str("recorded-by-name", r.RecordedBy.Name)
		})
	}
	last := rs[len(rs)-1]
	e.integer("death-record-id", last.ID)
	e.integer("corrects", last.Corrects)
	e.str("quality-note", last.QualityNote)
	e.str("correction-reason", last.Reason)
	e.instant("recorded", last.RecordedAt)
	e.person("recorded-by", last.RecordedBy.AccountID, last.RecordedBy.Name)
}

// deathRecords reads the records back; d is the record in force as the
// Patient and the Observation give it.
func (m *importer) deathRecords(e *reader, d *care.DeathRecord) {
	for _, s := range e.all("death-record") {
		m.in.DeathRecords = append(m.in.DeathRecords, care.DeathRecord{ID: s.integer("id"), FamilyID: m.in.Family.ID,
			Corrects: s.integer("corrects"), DiedOn: s.date("died-on"), DiedTime: s.str("died-time"), Place: s.code("place"),
			PlaceName: s.str("place-name"), PreferredPlace: s.code("preferred-place"), PreferredMet: s.code("preferred-met"),
			QualityNote: s.str("quality-note"), Reason: s.str("reason"), RecordedAt: s.instant("recorded"),
			RecordedBy: care.Person{AccountID: s.integer("recorded-by"), Name: s.str("recorded-by-name")}})
	}
	id := e.integer("death-record-id")
	if id == 0 {
		return
	}
	last := *d
	last.ID, last.FamilyID, last.Corrects = id, m.in.Family.ID, e.integer("corrects")
	last.QualityNote, last.Reason, last.RecordedAt = e.str("quality-note"), e.str("correction-reason"), e.instant("recorded")
	last.RecordedBy.AccountID, last.RecordedBy.Name = e.person("recorded-by")
	m.in.DeathRecords = append(m.in.DeathRecords, last)
}
