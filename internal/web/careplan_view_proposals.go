package web

import (
	"errors"
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The family's voice in the plan: a parent, carer or the child proposes a
// change from their own view, a case manager accepts it (it goes into the
// plan as a new version) or declines it with an answer. Both stay visible
// to the family.

// proposalCreate records a family member's proposal and goes back to the
// plan with a confirmation; a form with errors is drawn again on the plan
// page, with what was typed.
func (s *Server) proposalCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	prop, errs := form.DecodeProposal(v)
	var page *care.PlanFile
	if len(errs) == 0 {
		err = s.care.ProposePlanChange(r.Context(), s.actor(r), id, &prop)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, myFamilyURL(id, "/careplan?saved=proposal"), http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Plan == nil:
			return err
		}
		errs, page = in.Fields, in.Plan
	}
	return s.planAgain(w, r, id, care.ViewFamily, page, http.StatusUnprocessableEntity, func(p *PlanPage) {
		p.Propose = ProposeForm{Section: v.Get("section"), Body: v.Get("body"), Errors: errs}
		p.Error = "careplan.view.proposal_not_sent"
	})
}

// proposalAnswer accepts or declines a proposal. A decline without an
// answer is drawn again on the plan page with the message at the answer
// and what was typed kept.
func (s *Server) proposalAnswer(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	pid, err := httpx.PathID(r, "pid")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	accept, answer, errs := form.DecodeAnswer(v)
	msg := "careplan.view.answer_not_saved"
	var page *care.PlanFile
	if len(errs) == 0 {
		err = s.care.AnswerProposal(r.Context(), s.actor(r), id, pid, accept, answer)
		var in *care.InvalidInput
		switch {
		case err == nil:
			saved := "declined"
			if accept {
				saved = "accepted"
			}
			http.Redirect(w, r, familyURL(id, "")+"/careplan?saved="+saved, http.StatusSeeOther)
			return nil
		case errors.Is(err, care.ErrProposalNotOpen):
			// Sent twice, or answered by the other case manager meanwhile:
			// the plan shows how it was answered.
			http.Redirect(w, r, familyURL(id, "")+"/careplan#proposals", http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Plan == nil:
			return err
		}
		errs, page = in.Fields, in.Plan
		if m := errs["proposal"]; m != "" {
			msg = m // the plan has no room for the family's words as they are
		}
	}
	return s.planAgain(w, r, id, care.ViewCaseFile, page, http.StatusUnprocessableEntity, func(p *PlanPage) {
		p.Answer = &AnswerForm{ProposalID: pid, Decision: v.Get("decision"), Answer: v.Get("answer"), Errors: errs}
		p.Error = msg
	})
}
