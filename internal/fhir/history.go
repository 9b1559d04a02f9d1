package fhir

import "github.com/spil-zorg/spil/internal/care"

// The intensity history and the turning-18 checklist travel on the
// Patient, next to the intensity in force (ext intensity): the history is
// the child's stepped care over time, kept from before intake (so not on
// the EpisodeOfCare, which an export before intake does not hold), and
// the checklist's acceptance is one record of the child's file whose
// steps became Tasks (exported as such).

// history adds the intensity history, oldest first, and the turning-18
// checklist's acceptance to the Patient's extensions.
func (x *exporter) history(e *exts) {
	for _, c := range x.in.Intensity {
		e.complex("intensity-change", func(s *exts) {
			s.integer("id", c.ID)
			s.code("intensity", string(c.Intensity))
			s.date("next-contact", c.NextContact)
			s.str("reason", c.Reason)
			s.instant("changed", c.ChangedAt)
			s.integer("changed-by", c.ChangedBy.AccountID)
			s.str("changed-by-name", c.ChangedBy.Name)
		})
	}
	if t := x.in.Transition; t != nil {
		e.list = append(e.list, Extension{URL: SpilExt("transition-accepted"), Extension: transitionExts(t)})
	}
}

// transitionExts are the parts of the acceptance: when, by whom, and the
// steps accepted, in their order.
func transitionExts(t *care.TransitionAcceptance) []Extension {
	s := &exts{sub: true}
	s.instant("accepted", t.AcceptedAt)
	s.integer("accepted-by", t.AcceptedBy.AccountID)
	s.str("accepted-by-name", t.AcceptedBy.Name)
	for _, step := range t.Steps {
		s.code("step", step)
	}
	return s.list
}

// history reads the intensity history and the checklist's acceptance from
// the Patient's extensions.
func (m *importer) history(e *reader) {
	for _, s := range e.all("intensity-change") {
		m.in.Intensity = append(m.in.Intensity, care.IntensityChange{ID: s.integer("id"), FamilyID: m.in.Family.ID,
			Intensity: care.Intensity(s.code("intensity")), NextContact: s.date("next-contact"), Reason: s.str("reason"),
			ChangedAt: s.instant("changed"), ChangedBy: care.Person{AccountID: s.integer("changed-by"), Name: s.str("changed-by-name")}})
	}
	ts := e.all("transition-accepted")
	if len(ts) > 1 {
		m.fail("the turning-18 checklist accepted twice")
	}
	for _, s := range ts {
		m.in.Transition = &care.TransitionAcceptance{FamilyID: m.in.Family.ID, AcceptedAt: s.instant("accepted"),
			AcceptedBy: care.Person{AccountID: s.integer("accepted-by"), Name: s.str("accepted-by-name")}, Steps: s.subCodes("step")}
	}
}

// subCodes returns the values of the repeated code name inside a complex
// extension.
func (r *reader) subCodes(name string) []string {
	var out []string
	for i := range r.list {
		if r.list[i].URL == name {
			r.used[i] = true
			out = append(out, r.list[i].ValueCode)
		}
	}
	return out
}
