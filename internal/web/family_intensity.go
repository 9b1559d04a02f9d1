package web

import (
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// intensityForm steps the case management up or down, with a reason.
func intensityForm(p *FormPage, file *care.File) {
	p.Heading, p.Intro, p.Action = "intensity.title", "intensity.intro", familyAction(file, "/intensity")
	p.Cancel = familyURL(file.Family.ID, "intensity")
	p.Section("",
		p.Choice("radios", "intensity", "intensity.label", "intensity.level.", form.IntensityValues(), true).WithHint(p, "intensity.hint"),
		p.DateField("next_contact", "family.next_contact", false, p.Today.AddDate(5, 0, 0)),
		p.Area("reason", "intensity.reason", care.MaxText, true),
	)
}

func (s *Server) intensityShow(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	v := url.Values{"intensity": {string(file.Family.Intensity)}, "next_contact": {form.ISODate(file.Family.NextContact)}}
	return s.showForm(w, r, file, "intensity.title", v, intensityForm)
}

func (s *Server) intensitySubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	c, errs := form.DecodeIntensity(v)
	if len(errs) > 0 {
		mergeValidation(errs, c.Validate(s.cfg.Now()))
		return s.formAgain(w, r, id, "intensity.title", v, errs, intensityForm)
	}
	c.FamilyID = id
	err = s.care.ChangeIntensity(r.Context(), s.actor(r), &c)
	return s.afterSave(w, r, id, "intensity", err, "intensity.title", v, intensityForm)
}
