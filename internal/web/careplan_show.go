package web

import (
	"net/http"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The care plan has three doors: the case managers' pages
// (care.ViewCaseFile), the family's (care.ViewFamily) and a provider's
// (care.ViewProvider). routes.go gives each route its door. Each lets in
// its own role only, so a page never shows the plan to someone it is not
// for, and a refusal is recorded like any other.

// carePlanShow draws the care plan for whoever reads it through door: the
// case managers (with the links to change it and the family's proposals to
// answer), the family (with their proposals and a form to propose a
// change) and providers with consent (the plan only). The care service
// decides whether this family's plan may be seen.
func (s *Server) carePlanShow(door care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		pf, err := s.care.CarePlan(r.Context(), s.actor(r), id, door)
		if err != nil {
			return err
		}
		p, err := s.planPageFor(r, pf)
		if err != nil {
			return err
		}
		if saved := r.URL.Query().Get("saved"); slices.Contains(planSaved, saved) {
			p.Saved = "careplan.view.saved." + saved
		}
		s.render(w, r, http.StatusOK, "careplan", p)
		return nil
	}
}

// planPageFor builds the plan page; a case manager looking at a family
// without a plan gets the templates to start one from.
func (s *Server) planPageFor(r *http.Request, pf *care.PlanFile) (*PlanPage, error) {
	p := s.planPage(r, pf)
	if pf.Plan == nil && pf.Viewer == care.ViewerCaseManager {
		ts, err := s.care.PlanTemplates(r.Context(), s.actor(r))
		if err != nil {
			return nil, err
		}
		p.Templates = ts
	}
	return p, nil
}

// planAgain draws the plan page of door again after a form on it came
// back, with status and what change fills in (what was typed and the errors).
// pf is the page as the refused write read it; nil reads it, for a form
// refused before it was sent on.
func (s *Server) planAgain(w http.ResponseWriter, r *http.Request, familyID int64, door care.View, pf *care.PlanFile, status int, change func(*PlanPage)) error {
	if pf == nil {
		var err error
		if pf, err = s.care.CarePlan(r.Context(), s.actor(r), familyID, door); err != nil {
			return err
		}
	}
	p, err := s.planPageFor(r, pf)
	if err != nil {
		return err
	}
	change(p)
	s.render(w, r, status, "careplan", p)
	return nil
}

// carePlanPrint draws the whole plan for paper (A4, by the browser's
// print dialog). Opening it is viewing it; the page's script records the
// printing (carePlanPrinted).
func (s *Server) carePlanPrint(door care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		pf, err := s.care.PrintCarePlan(r.Context(), s.actor(r), id, door)
		if err != nil {
			return err
		}
		p := &PrintPage{PlanView: s.planView(r, "careplan.view.print_title", pf)}
		p.Printed = p.DateTime(s.cfg.Now())
		s.render(w, r, http.StatusOK, "careplan_print", p)
		return nil
	}
}

// carePlanPrinted records that the user printed a print view: the view's
// script calls it when the browser's print dialog opens. It answers 204.
func (s *Server) carePlanPrinted(door care.View, object string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		if err := s.care.RecordPrint(r.Context(), s.actor(r), id, door, object); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// carePlanEmergency draws the one-page emergency summary: diagnoses,
// treatment directives, preferred places and who to call. It exists to be
// printed and handed over; opening it is viewing it, and the page's script
// records the printing (carePlanPrinted).
func (s *Server) carePlanEmergency(door care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		pf, err := s.care.EmergencySummary(r.Context(), s.actor(r), id, door)
		if err != nil {
			return err
		}
		s.render(w, r, http.StatusOK, "careplan_emergency", s.emergencyPage(r, pf))
		return nil
	}
}
