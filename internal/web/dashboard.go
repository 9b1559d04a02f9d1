package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// DashboardPage is the case manager's landing page: the signals across
// their families, their tasks for today and this week, who is admitted.
type DashboardPage struct {
	BasePage
	Board *care.Dashboard
	Today time.Time
	// Ack is the signal whose snooze or dismissal was refused for its
	// input, with what was typed and the errors; "" otherwise.
	Ack       string
	AckKind   string
	AckValues url.Values
	AckErrors Fields
	// Done names what was just done ("snoozed", "dismissed"), for a notice.
	Done string
}

// Date shows a date in the page's language.
func (p *DashboardPage) Date(t time.Time) string { return formatDate(t, p.Lang) }

// Explain is a signal's explanation for the case managers.
func (p *DashboardPage) Explain(s care.Signal) string {
	return signalText(p.translator, p.Lang, s, false)
}

// DomID is a signal's id as an HTML id and CSS selector can hold it.
func (p *DashboardPage) DomID(id string) string { return strings.ReplaceAll(id, ".", "-") }

// SnoozeDefault is the date a snooze form offers: a week from today.
func (p *DashboardPage) SnoozeDefault() string { return form.ISODate(p.Today.AddDate(0, 0, 7)) }

// AckValue is what was typed in the refused form for the signal, if any.
func (p *DashboardPage) AckValue(id, kind, name string) string {
	if p.Ack != id || p.AckKind != kind {
		return ""
	}
	return p.AckValues.Get(name)
}

// AckError is the error of a field of the refused form for the signal.
func (p *DashboardPage) AckError(id, kind, name string) string {
	if p.Ack != id || p.AckKind != kind {
		return ""
	}
	return p.AckErrors[name]
}

// Late reports whether the worklist task is past its due date.
func (p *DashboardPage) Late(t care.WorklistItem) bool { return t.Overdue(p.Today) }

// signalText is a signal's explanation in the page's language: for the
// case managers, or for the family in their own words.
func signalText(tr translator, lang string, s care.Signal, family bool) string {
	what := ""
	if s.DetailKey != "" {
		what = tr.T(s.DetailKey)
		if family && what != "" {
			// In the middle of the family's sentence: "de indicatie voor
			// verpleging thuis".
			r, n := utf8.DecodeRuneInString(what)
			what = string(unicode.ToLower(r)) + what[n:]
		}
	}
	detail := s.Detail
	if detail == "" || slices.Contains(care.Applicants, detail) {
		detail = what
	}
	who := ""
	if slices.Contains(care.Applicants, s.Detail) {
		who = tr.T("signal.applicant." + s.Detail)
		if family {
			who = tr.T("signal.family.applicant." + s.Detail)
		}
	}
	key := s.Key()
	if family {
		key = s.FamilyKey()
	}
	return tr.T(key, "Date", formatDate(s.On, lang), "Due", formatDate(s.Due, lang), "Detail", detail,
		"What", what, "Who", who, "Count", s.Count)
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	p, err := s.dashboardPage(r)
	if err != nil {
		return err
	}
	switch d := r.URL.Query().Get("done"); d {
	case care.AckSnooze, care.AckDismiss:
		p.Done = d
	}
	s.render(w, r, http.StatusOK, "dashboard", p)
	return nil
}

func (s *Server) dashboardPage(r *http.Request) (*DashboardPage, error) {
	board, err := s.care.Dashboard(r.Context(), s.actor(r))
	if err != nil {
		return nil, err
	}
	return &DashboardPage{BasePage: s.base(r, "dashboard.title"), Board: board, Today: board.Day}, nil
}

// parseSignalAck reads a snooze (a date) or a dismissal (a reason) from a
// form; the errors are per field.
func parseSignalAck(kind, signalID string, v url.Values) (care.SignalAck, Fields) {
	errs := Fields{}
	a := care.SignalAck{SignalID: signalID, Kind: kind, Reason: v.Get("reason")}
	if kind == care.AckSnooze {
		a.Until = form.Date(v, "until", errs)
		if a.Until.IsZero() && !errs.Has("until") {
			errs["until"] = "field.required"
		}
	}
	return a, errs
}

// signalAck snoozes or dismisses a signal from the dashboard; refused
// input draws the dashboard again with the error next to the field.
func (s *Server) signalAck(kind string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("signal")
		familyID, _, _, ok := care.ParseSignalID(id)
		if !ok {
			return care.Errorf(care.NotFound, "signal not found")
		}
		v, err := parseForm(w, r)
		if err != nil {
			return err
		}
		a, errs := parseSignalAck(kind, id, v)
		if len(errs) == 0 {
			err := s.care.AcknowledgeSignal(r.Context(), s.actor(r), &a)
			var fe care.FieldErrors
			switch {
			case err == nil:
				http.Redirect(w, r, "/?done="+kind+"#signals", http.StatusSeeOther)
				return nil
			case !errors.As(err, &fe):
				return err
			}
			errs = fe
		} else if _, err := s.care.FamilySignals(r.Context(), s.actor(r), familyID); err != nil {
			// Refused input is answered only to the family's case managers.
			return err
		}
		p, err := s.dashboardPage(r)
		if err != nil {
			return err
		}
		p.Ack, p.AckKind, p.AckValues, p.AckErrors = id, kind, v, errs
		s.render(w, r, http.StatusUnprocessableEntity, "dashboard", p)
		return nil
	}
}
