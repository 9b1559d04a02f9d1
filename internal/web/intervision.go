package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// IntervisionPage is a case manager's own record of intervision,
// supervision and training: the count of the last 12 months first, the
// form to add a session, and the sessions.
type IntervisionPage struct {
	BasePage
	Overview *care.IntervisionOverview
	// Values and Errors are the form as typed, with what is wrong.
	Values url.Values
	Errors Fields
	Saved  bool
	Today  string // the form's latest date, YYYY-MM-DD
}

// Kinds and Directions are the form's choices.
func (p *IntervisionPage) Kinds() []string      { return care.IntervisionKinds }
func (p *IntervisionPage) Directions() []string { return care.IntervisionDirections }

// Date shows a session's day in the page's language.
func (p *IntervisionPage) Date(x care.IntervisionSession) string { return formatDate(x.HeldOn, p.Lang) }

// Hours shows a session's length in hours, "1,5".
func (p *IntervisionPage) Hours(x care.IntervisionSession) string {
	h := form.FormatMinutes(x.Minutes)
	if p.Lang == "en" {
		return strings.Replace(h, ",", ".", 1)
	}
	return h
}

// SinceText is the first day of the 12 months in the page's language.
func (p *IntervisionPage) SinceText() string { return formatDate(p.Overview.Since, p.Lang) }

func (s *Server) intervisionPage(r *http.Request, values url.Values, errs Fields) (*IntervisionPage, error) {
	ov, err := s.care.Intervision(r.Context(), s.actor(r))
	if err != nil {
		return nil, err
	}
	if values == nil {
		values = url.Values{"direction": {"received"}, "kind": {"intervision"}}
	}
	return &IntervisionPage{BasePage: s.base(r, "account.intervision.title"), Overview: ov, Values: values, Errors: errs,
		Today: form.ISODate(care.DateOf(s.cfg.Now()))}, nil
}

// intervisionShow is GET /account/intervision.
func (s *Server) intervisionShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.intervisionPage(r, nil, Fields{})
	if err != nil {
		return err
	}
	p.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "intervision", p)
	return nil
}

// intervisionSubmit is POST /account/intervision: a session added, or the
// page again with what was typed and a message at each bad field.
func (s *Server) intervisionSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	x, errs := form.DecodeIntervision(v)
	if len(errs) == 0 {
		_, err = s.care.AddIntervision(r.Context(), s.actor(r), x)
		var fe care.FieldErrors
		switch {
		case errors.As(err, &fe):
			errs = fe
		case err != nil:
			return err
		}
	}
	if len(errs) > 0 {
		p, err := s.intervisionPage(r, v, errs)
		if err != nil {
			return err
		}
		s.render(w, r, http.StatusUnprocessableEntity, "intervision", p)
		return nil
	}
	http.Redirect(w, r, "/account/intervision?saved=1", http.StatusSeeOther)
	return nil
}
