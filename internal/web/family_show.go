package web

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
)

// FamilyPage is one family's file on one screen: the child, the people
// around them, what is open and what happened.
type FamilyPage struct {
	CarePage
	TaskList
	File    *care.File
	History []IntensityRow
	Answer  ProposalAnswerForm // an answer to a family proposal sent back
}

// Explain is a signal's explanation for the case managers.
func (p *FamilyPage) Explain(s care.Signal) string { return signalText(p.translator, p.Lang, s, false) }

// IntensityRow is one step in the intensity history with the level before it.
type IntensityRow struct {
	care.IntensityChange
	From care.Intensity // "" for the first
}

// PlanReviewOverdue reports whether the care plan's review date has passed.
func (p *FamilyPage) PlanReviewOverdue() bool {
	return !p.File.Family.Deceased && p.File.Plan.ReviewOverdue(p.Today)
}

// ContactLate reports whether the planned next contact has passed.
func (p *FamilyPage) ContactLate() bool {
	n := p.File.Family.NextContact
	return !n.IsZero() && n.Before(p.Today)
}

func (s *Server) familyPage(r *http.Request, file *care.File) *FamilyPage {
	cp := s.carePage(r, "family.title")
	p := &FamilyPage{CarePage: cp, File: file, TaskList: newTaskList(care.ViewCaseFile, familyURL(file.Family.ID, ""), file.Tasks, file.DoneTaskCount, cp.Today)}
	p.Events = file.TaskEvents
	// After the child died no task of theirs is overdue any more.
	p.TaskList.quiet = file.Family.Deceased
	for i, c := range file.Intensity {
		row := IntensityRow{IntensityChange: c}
		if i+1 < len(file.Intensity) {
			row.From = file.Intensity[i+1].Intensity
		}
		p.History = append(p.History, row)
	}
	return p
}

// Contacts are the most recent contacts, for the contact list.
func (p *FamilyPage) Contacts() []care.Contact { return p.File.Contacts }

func (s *Server) familyShow(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "family", s.familyPage(r, file))
	return nil
}
