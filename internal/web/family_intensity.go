package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
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
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	v := url.Values{"intensity": {string(file.Family.Intensity)}, "next_contact": {form.ISODate(file.Family.NextContact)}}
	return s.showForm(w, r, file, "intensity.title", v, intensityForm)
}

// intensitySubmit steps the intensity up or down.
func (s *Server) intensitySubmit() handler {
	return postToFamily(s, familyPost[care.IntensityChange]{
		title: "intensity.title", anchor: "intensity", fill: fixed(intensityForm),
		decode: form.DecodeIntensity,
		check:  func(c *care.IntensityChange, now time.Time) error { return c.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, id int64, c *care.IntensityChange) error {
			c.FamilyID = id
			return s.care.ChangeIntensity(ctx, actor, c)
		},
	})
}
