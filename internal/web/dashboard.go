package web

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// DashboardPage is the case manager's landing page: the signals across
// their families, their first tasks for today and this week, who is
// admitted.
type DashboardPage struct {
	BasePage
	Board *care.Dashboard
	Today time.Time
	// Families are the board's signals as the page lists them, family by
	// family; empty when there are none.
	Families template.HTML
	// TodayTasks and WeekTasks are the first tasks of the board's lists;
	// TodayMore and WeekMore count the rest, which the worklist shows.
	TodayTasks, WeekTasks []care.WorklistItem
	TodayMore, WeekMore   int
	// Done names what was just done ("snoozed", "dismissed"), for a notice.
	Done string
}

// dashFamilies puts the board's signals in words, family by family: each
// family's child's name linking to their file, then its signals. The
// families are written here, not by the template, as their lines are.
func dashFamilies(tr translator, lang string, board *care.Dashboard) template.HTML {
	if len(board.Families) == 0 {
		return ""
	}
	sev := map[string]string{}
	ack := html.EscapeString(tr.T("dashboard.ack_summary"))
	var b strings.Builder
	b.Grow(400*board.Count() + 200*len(board.Families))
	for _, f := range board.Families {
		id := strconv.FormatInt(f.FamilyID, 10)
		b.WriteString(`<article class="signal-family" id="signals-family-`)
		b.WriteString(id)
		b.WriteString(`"><h3><a href="/families/`)
		b.WriteString(id)
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(f.ChildName))
		b.WriteString("</a></h3>\n<ul class=\"signals\">\n")
		for _, sg := range f.Signals {
			level := sg.Severity.String()
			if _, ok := sev[level]; !ok {
				sev[level] = html.EscapeString(tr.T("signal.severity." + level))
			}
			writeSignalLine(&b, sg, level, sev[level], html.EscapeString(signalText(tr, lang, sg, false)), ack)
		}
		b.WriteString("</ul></article>\n")
	}
	return template.HTML(b.String())
}

// writeSignalLine writes one signal as an item of the dashboard's list:
// its severity, its explanation linking to where to act, and a link to
// its own page to put it away. The lines are written here, not by the
// template: a caseload holds a hundred and fifty signals or more, and
// html/template's escaping of each of their values took a quarter of
// the page's time (bench/README.md). Every value is escaped here; the
// words come escaped.
func writeSignalLine(b *strings.Builder, sg care.Signal, level, levelWords, text, ack string) {
	b.WriteString(`<li class="signal sev-`)
	b.WriteString(level)
	b.WriteString(`" data-code="`)
	b.WriteString(html.EscapeString(sg.Code))
	b.WriteString(`"><p><span class="badge sev sev-`)
	b.WriteString(level)
	b.WriteString(`">`)
	b.WriteString(levelWords)
	b.WriteString(`</span> <a class="signal-act" href="`)
	b.WriteString(html.EscapeString(sg.Link))
	b.WriteString(`">`)
	b.WriteString(text)
	b.WriteString(`</a></p><p class="signal-ack"><a class="signal-ack-link" href="/signals/`)
	b.WriteString(html.EscapeString(url.PathEscape(sg.ID)))
	b.WriteString(`">`)
	b.WriteString(ack)
	b.WriteString("</a></p></li>\n")
}

// Date shows a date in the page's language.
func (p *DashboardPage) Date(t time.Time) string { return formatDate(t, p.Lang) }

// Explain is a signal's explanation for the case managers.
func (p *DashboardPage) Explain(s care.Signal) string {
	return signalText(p.translator, p.Lang, s, false)
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
	return tr.T(key, signalWords{Date: formatDate(s.On, lang), Due: formatDate(s.Due, lang), Detail: detail,
		What: what, Who: who, Count: s.Count})
}

// signalWords are the values a signal's explanation names, for its
// message's template: one value, where pairs of names and values make a
// map and box each value for every signal of a page.
type signalWords struct {
	Date, Due, Detail, What, Who string
	Count                        int
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
	p := &DashboardPage{BasePage: s.base(r, "dashboard.title"), Board: board, Today: board.Day}
	p.Families = dashFamilies(p.translator, p.Lang, board)
	p.TodayTasks, p.TodayMore = board.Today, board.TodayCount-len(board.Today)
	p.WeekTasks, p.WeekMore = board.Week, board.WeekCount-len(board.Week)
	return p, nil
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

// SignalPage is one signal of a family with the two ways to put it
// away: a snooze until a date, or a dismissal with a reason.
type SignalPage struct {
	BasePage
	Signal care.Signal
	Today  time.Time
	// From is "family" when the page was opened from the family's page,
	// which the case manager then returns to.
	From string
	// Kind is the form whose input was refused, with what was typed and
	// the errors; "" otherwise.
	Kind   string
	Values url.Values
	Errors Fields
}

// Date shows a date in the page's language.
func (p *SignalPage) Date(t time.Time) string { return formatDate(t, p.Lang) }

// Explain is the signal's explanation for the case managers.
func (p *SignalPage) Explain(s care.Signal) string { return signalText(p.translator, p.Lang, s, false) }

// Back is the page the case manager came from.
func (p *SignalPage) Back() string {
	if p.From == "family" {
		return "/families/" + strconv.FormatInt(p.Signal.FamilyID, 10) + "#family-signals"
	}
	return "/#signals"
}

// Value is what was typed in the refused form, or the form's default.
func (p *SignalPage) Value(kind, name string) string {
	if p.Kind == kind {
		return p.Values.Get(name)
	}
	if name == "until" {
		return form.ISODate(p.Today.AddDate(0, 0, 7)) // a week from today
	}
	return ""
}

// Error is the error of a field of the refused form.
func (p *SignalPage) Error(kind, name string) string {
	if p.Kind != kind {
		return ""
	}
	return p.Errors[name]
}

// signalFrom is where the signal's page was opened from: "family" or
// "" (the dashboard).
func signalFrom(v string) string {
	if v == "family" {
		return v
	}
	return ""
}

// signalPage reads one of the family's signals for its page; a signal
// that is gone (its cause was fixed) or was never there is not found.
func (s *Server) signalPage(r *http.Request, id string) (*SignalPage, error) {
	familyID, _, _, ok := care.ParseSignalID(id)
	if !ok {
		return nil, care.Errorf(care.NotFound, "signal not found")
	}
	signals, err := s.care.FamilySignals(r.Context(), s.actor(r), familyID)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(signals, func(sg care.Signal) bool { return sg.ID == id })
	if i < 0 {
		return nil, care.Errorf(care.NotFound, "signal not found")
	}
	return &SignalPage{BasePage: s.base(r, "signal.page.title"), Signal: signals[i], Today: care.DateOf(s.cfg.Now())}, nil
}

// showSignal is a signal's own page, where it is snoozed or dismissed.
func (s *Server) showSignal(w http.ResponseWriter, r *http.Request) error {
	p, err := s.signalPage(r, r.PathValue("signal"))
	if err != nil {
		return err
	}
	p.From = signalFrom(r.URL.Query().Get("from"))
	s.render(w, r, http.StatusOK, "signal", p)
	return nil
}

// signalAck snoozes or dismisses a signal; refused input draws the
// signal's page again with the error next to the field.
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
		from := signalFrom(v.Get("from"))
		a, errs := parseSignalAck(kind, id, v)
		if len(errs) == 0 {
			err := s.care.AcknowledgeSignal(r.Context(), s.actor(r), &a)
			var fe care.FieldErrors
			switch {
			case err == nil:
				to := "/?done=" + kind + "#signals"
				if from == "family" {
					to = "/families/" + strconv.FormatInt(familyID, 10) + "#family-signals"
				}
				http.Redirect(w, r, to, http.StatusSeeOther)
				return nil
			case !errors.As(err, &fe):
				return err
			}
			errs = fe
		}
		// Refused input is answered only to the family's case managers.
		p, err := s.signalPage(r, id)
		if err != nil {
			return err
		}
		p.From, p.Kind, p.Values, p.Errors = from, kind, v, errs
		p.Path = "/signals/" + id
		s.render(w, r, http.StatusUnprocessableEntity, "signal", p)
		return nil
	}
}
