package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The family proposes additions to their network and other contact
// details; a case manager confirms or declines on the family page.

// NetworkProposeForm is what a parent typed in a proposal form, with its
// errors; Kind and Target say which form it was.
type NetworkProposeForm struct {
	Values url.Values
	Errors Fields
}

// Sent reports whether the form for kind and target is the one sent back.
func (f NetworkProposeForm) Sent(kind string, target int64) bool {
	return f.Values != nil && f.Values.Get("kind") == kind &&
		(kind == care.ProposeNetworkAdd || f.Values.Get("target") == strconv.FormatInt(target, 10))
}

// Get is the value typed in a field of the form sent back.
func (f NetworkProposeForm) Get(name string) string { return f.Values.Get(name) }

// ProposalAnswerForm is the answer of a case manager sent back with a message.
type ProposalAnswerForm struct {
	ID     int64
	Answer string
	Error  string // catalog key
}

// familyProposalCreate records a parent's proposal for the network. A
// proposal with errors comes back on the family's page with what was
// typed and the message next to the field.
func (s *Server) familyProposalCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	p, errs := form.DecodeFamilyProposal(v)
	var ov *care.FamilyOverview
	if len(errs) > 0 {
		mergeValidation(errs, p.Validate()) // every problem at once
	} else {
		p.FamilyID = id
		err = s.care.ProposeToNetwork(r.Context(), s.actor(r), &p)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, savedURL(id, "proposal", "proposals"), http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Overview == nil:
			return err
		}
		errs, ov = in.Fields, in.Overview
	}
	return s.familyViewAgain(w, r, ov, http.StatusUnprocessableEntity, func(fp *FamilyViewPage) {
		fp.Propose = NetworkProposeForm{Values: v, Errors: errs}
		fp.Error = "proposal.not_sent"
	})
}

// familyProposalAnswer confirms or declines a proposal of the family.
func (s *Server) familyProposalAnswer(w http.ResponseWriter, r *http.Request) error {
	id, pid, err := twoPathIDs(r, "proposal")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	err = s.care.AnswerFamilyProposal(r.Context(), s.actor(r), id, pid, v.Get("decision"), v.Get("answer"))
	var in *care.InvalidInput
	switch {
	case err == nil:
		http.Redirect(w, r, familyURL(id, "family-proposals"), http.StatusSeeOther)
		return nil
	case !errors.As(err, &in):
		return err
	}
	file, err := s.care.File(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	p := s.familyPage(r, file)
	p.Answer = ProposalAnswerForm{ID: pid, Answer: v.Get("answer"), Error: in.Fields["answer"]}
	if p.Answer.Error == "" {
		p.Answer.Error = in.Fields["decision"]
	}
	s.render(w, r, http.StatusUnprocessableEntity, "family", p)
	return nil
}

// MayPropose reports whether the viewer can propose changes to the
// network: a parent or carer, not the child.
func (p *FamilyViewPage) MayPropose() bool { return !p.Ov.IsChild && p.Ov.Link.Kind == care.LinkParent }

// ProposeValue is what was typed in field of the proposal form for kind
// and target, when that form came back; "" otherwise.
func (p *FamilyViewPage) ProposeValue(kind string, target int64, field string) string {
	if !p.Propose.Sent(kind, target) {
		return ""
	}
	return p.Propose.Get(field)
}

// ProposeError is the catalog key of the message at field of the proposal
// form for kind and target, or "".
func (p *FamilyViewPage) ProposeError(kind string, target int64, field string) string {
	if !p.Propose.Sent(kind, target) {
		return ""
	}
	return p.Propose.Errors[field]
}

// ProposeOpen reports whether the proposal form for kind and target came back.
func (p *FamilyViewPage) ProposeOpen(kind string, target int64) bool {
	return p.Propose.Sent(kind, target)
}

// MyMember is the viewer's own record among the family members, or nil.
func (p *FamilyViewPage) MyMember() *care.Member {
	for i, m := range p.Ov.File.Members {
		if m.ID == p.Ov.Link.MemberID && m.ID != 0 {
			return &p.Ov.File.Members[i]
		}
	}
	return nil
}

// NetworkRoles are the roles a proposed network member can have.
func (p *FamilyViewPage) NetworkRoles() []string { return care.NetworkRoles }

// ContactProposal is the small form that proposes other contact details
// for one person: a network member or the viewer themselves.
type ContactProposal struct {
	P    *FamilyViewPage
	Kind string
	ID   int64
	Name string
}

// ContactProposal is the contact form for one person, for the template.
func (p *FamilyViewPage) ContactProposal(kind string, id int64, name string) ContactProposal {
	return ContactProposal{P: p, Kind: kind, ID: id, Name: name}
}

// Anchor is the form's id on the page.
func (c ContactProposal) Anchor() string { return c.Kind + "-" + strconv.FormatInt(c.ID, 10) }
