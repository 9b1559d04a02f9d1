package web

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
)

// FamilyPage is one family's file on one screen: the child, the people
// around them, what is open and what happened.
type FamilyPage struct {
	CarePage
	File      *care.File
	OpenTasks []care.Task
	DoneTasks []care.Task
	History   []IntensityRow
	Done      *DoneForm // a done form sent back with an error
}

// IntensityRow is one step in the intensity history with the level before it.
type IntensityRow struct {
	care.IntensityChange
	From care.Intensity // "" for the first
}

// DoneForm is what was typed in a task's done form, with its error.
type DoneForm struct {
	TaskID int64
	Note   string
	Error  string // catalog key
}

// Overdue reports whether an open task is past its due date today.
func (p *FamilyPage) Overdue(t care.Task) bool { return t.Overdue(p.Today) }

// PlanReviewOverdue reports whether the care plan's review date has passed.
func (p *FamilyPage) PlanReviewOverdue() bool { return p.File.Plan.ReviewOverdue(p.Today) }

// ContactLate reports whether the planned next contact has passed.
func (p *FamilyPage) ContactLate() bool {
	n := p.File.Family.NextContact
	return !n.IsZero() && n.Before(p.Today)
}

// DoneNote is what was typed in the done form of task id.
func (p *FamilyPage) DoneNote(id int64) string {
	if p.Done != nil && p.Done.TaskID == id {
		return p.Done.Note
	}
	return ""
}

// DoneError is the catalog key of the error at the done form of task id.
func (p *FamilyPage) DoneError(id int64) string {
	if p.Done != nil && p.Done.TaskID == id {
		return p.Done.Error
	}
	return ""
}

func (s *Server) familyPage(r *http.Request, file *care.File) *FamilyPage {
	p := &FamilyPage{CarePage: s.carePage(r, "family.title"), File: file}
	for _, t := range file.Tasks {
		if t.Status == "open" {
			p.OpenTasks = append(p.OpenTasks, t)
		} else {
			p.DoneTasks = append(p.DoneTasks, t)
		}
	}
	for i, c := range file.Intensity {
		row := IntensityRow{IntensityChange: c}
		if i+1 < len(file.Intensity) {
			row.From = file.Intensity[i+1].Intensity
		}
		p.History = append(p.History, row)
	}
	return p
}

func (s *Server) familyShow(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "family", s.familyPage(r, file))
	return nil
}
