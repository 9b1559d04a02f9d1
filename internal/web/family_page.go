package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// CarePage is the base of the case manager's pages: BasePage plus today's
// date and date formatting in the page's language.
type CarePage struct {
	BasePage
	Today time.Time // the date in the Netherlands, as midnight UTC
}

func (s *Server) carePage(r *http.Request, title string) CarePage {
	return CarePage{BasePage: s.base(r, title), Today: care.DateOf(s.cfg.Now())}
}

// Date formats a date as "2 jan 2026" (Dutch) or "2 Jan 2026" (English);
// a zero date is "".
func (p *CarePage) Date(t time.Time) string { return formatDate(t, p.Lang) }

// DateTime formats a moment in Dutch time as "2 jan 2026 14:05".
func (p *CarePage) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatDate(t, p.Lang) + " " + t.In(care.Amsterdam).Format("15:04")
}

// Time formats the time of day of a moment in Dutch time as "14:05".
func (p *CarePage) Time(t time.Time) string { return t.In(care.Amsterdam).Format("15:04") }

// Age says how old someone born on birth is today: months under a year.
func (p *CarePage) Age(birth time.Time) string {
	if birth.IsZero() {
		return ""
	}
	if years := care.AgeOn(birth, p.Today); years > 0 {
		if years == 1 {
			return p.T("family.age_year")
		}
		return p.T("family.age_years", "N", years)
	}
	months := (p.Today.Year()-birth.Year())*12 + int(p.Today.Month()-birth.Month())
	if p.Today.Day() < birth.Day() {
		months--
	}
	if months == 1 {
		return p.T("family.age_month")
	}
	return p.T("family.age_months", "N", max(months, 0))
}

// W is T in the reader's own words. Only the family's view has other
// words, for a child (FamilyViewPage.W); parts that several views share
// (the task list) speak through W.
func (p *CarePage) W(key string, data ...any) string { return p.T(key, data...) }

// TaskOwner says who does a task, in the task list: the kind of owner
// and their name. The family's and a provider's view say it otherwise.
func (p *CarePage) TaskOwner(t care.Task) string {
	who := p.Label("task.owner.", t.OwnerKindShown())
	if t.OwnerName != "" {
		who += ": " + t.OwnerName
	}
	return who
}

// TaskDoneAt says when a task was done, in the task list.
func (p *CarePage) TaskDoneAt(t care.Task) string { return p.DateTime(t.DoneAt) }

// Intensity is the label of an intensity (intensief, regulier, waakvlam).
func (p *CarePage) Intensity(i care.Intensity) string { return p.T("intensity.level." + string(i)) }

// Label translates a stored choice: prefix "network.role." and value "gp"
// give the text of "network.role.gp". Empty values show as a dash.
func (p *CarePage) Label(prefix, value string) string {
	if value == "" {
		return "—"
	}
	return p.T(prefix + value)
}

var (
	monthsNL = [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	monthsEN = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// formatDate writes the day in the Netherlands of t. Dates are stored as
// midnight UTC, which is the same day in Amsterdam.
func formatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.In(care.Amsterdam).Date()
	months := monthsNL
	if lang == "en" {
		months = monthsEN
	}
	return fmt.Sprintf("%d %s %d", d, months[m-1], y)
}

// familyFile reads the file of the family named in the path, through the
// care service: a family the actor may not see is not found.
func (s *Server) familyFile(r *http.Request) (*care.File, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.care.File(r.Context(), s.actor(r), id)
}

// familyForm reads the file of the family named in the path as a form on
// it shows it: the family, members, network, case managers and episode.
func (s *Server) familyForm(r *http.Request) (*care.File, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.care.FamilyForm(r.Context(), s.actor(r), id)
}

// familyURL is the family page, at a section when anchor is set.
func familyURL(id int64, anchor string) string {
	u := "/families/" + strconv.FormatInt(id, 10)
	if anchor != "" {
		u += "#" + anchor
	}
	return u
}

// fieldErrorsOf returns the field errors in err; ok is false for any other error.
func fieldErrorsOf(err error) (Fields, bool) {
	var fe care.FieldErrors
	if errors.As(err, &fe) {
		return fe, true
	}
	return nil, false
}

// mergeValidation adds what a care validator says to errs, without
// overwriting what the form decoder already found (an unreadable date is
// better explained than a missing one).
func mergeValidation(errs Fields, err error) {
	fe, ok := fieldErrorsOf(err)
	if !ok {
		return
	}
	for k, v := range fe {
		if _, seen := errs[k]; !seen {
			errs[k] = v
		}
	}
}
