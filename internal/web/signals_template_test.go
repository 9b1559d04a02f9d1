package web

import (
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
)

// signalCases are the dashboard with a signal of every rule, tasks and an
// admission, and with a refused snooze; and empty.
func signalCases(base func(string) BasePage) map[string]any {
	today := care.DateOf(time.Now())
	var fam care.FamilySignals
	fam.FamilyID, fam.ChildName = 7, "Noor"
	for i, code := range care.SignalCodes() {
		s := care.Signal{ID: care.SignalID(7, code, ""), FamilyID: 7, Code: code, Severity: care.Severity(i%3 + 1),
			Due: today, On: today, Detail: "Dr. Smit", Count: 2, Link: "/families/7"}
		switch code {
		case care.CodeCoverageEnding, care.CodeCoverageLapsed:
			s.Detail, s.DetailKey = "parents", "coverage.kind.night_care"
		case care.CodeAidWaiting:
			s.DetailKey = "coverage_view.aid_kind.wheelchair"
		case care.CodeOneCaseManager:
			s.DetailKey = "signal.casemanager.thuis"
		case care.CodeNextContactPassed:
			s.DetailKey = "signal.next_contact.default"
		}
		fam.Signals = append(fam.Signals, s)
	}
	task := care.WorklistItem{Task: care.Task{ID: 3, FamilyID: 7, Title: "Bellen", DueDate: today.AddDate(0, 0, -1), Status: "open"}, ChildName: "Noor"}
	week := task
	week.ID, week.DueDate = 4, today.AddDate(0, 0, 3)
	board := &care.Dashboard{Families: []care.FamilySignals{fam}, Acknowledged: 2, Today: []care.WorklistItem{task}, Week: []care.WorklistItem{week},
		Admitted: []care.AdmittedChild{{FamilyID: 7, ChildName: "Noor", Stay: care.Stay{Kind: care.StayAcademicHospital, Place: "WKZ", Start: today}}},
		Own:      care.PracticeSignals(care.Practice{IntervisieKnown: true, IntervisieLastYear: 2}, today)}
	dash := &DashboardPage{BasePage: base("dashboard.title"), Board: board, Today: today, Done: care.AckSnooze,
		TodayTasks: board.Today, WeekTasks: board.Week, TodayMore: 3, WeekMore: 1}
	dash.Families = dashFamilies(dash.translator, dash.Lang, board)
	sig := fam.Signals[0]
	sig.ChildName = "Noor"
	snoozed := sig
	snoozed.Ack = &care.SignalAck{SignalID: sig.ID, Kind: care.AckSnooze, Until: today.AddDate(0, 0, 3)}
	dismissed := sig
	dismissed.Ack = &care.SignalAck{SignalID: sig.ID, Kind: care.AckDismiss, Reason: "huisarts in Duitsland"}
	return map[string]any{
		"dashboard": &DashboardPage{BasePage: base("dashboard.title"), Board: board, Today: today,
			Families: dash.Families},
		"dashboard_more": dash,
		"signal":         &SignalPage{BasePage: base("signal.page.title"), Signal: sig, Today: today},
		"signal_refused": &SignalPage{BasePage: base("signal.page.title"), Signal: snoozed, Today: today, From: "family",
			Kind: care.AckDismiss, Values: url.Values{"reason": {""}}, Errors: Fields{"reason": "field.required"}},
		"signal_dismissed": &SignalPage{BasePage: base("signal.page.title"), Signal: dismissed, Today: today},
		"dashboard_empty":  &DashboardPage{BasePage: base("dashboard.title"), Board: &care.Dashboard{}, Today: today},
		"caseload_filtered": &CaseloadPage{CarePage: CarePage{BasePage: base("caseload.title"), Today: today}, Sort: "attention",
			Filter: care.FilterAdmitted, All: 2, Counts: map[string]int{care.FilterAdmitted: 1, care.FilterOverdueTasks: 2},
			Items: []care.CaseloadItem{{FamilyID: 9, ChildName: "Noor", BirthDate: today.AddDate(-3, 0, 0), Intensity: care.Regular,
				Stay: &care.Stay{Kind: care.StayAcademicHospital, Place: "WKZ", Start: today}}}},
		"caseload_filterempty": &CaseloadPage{CarePage: CarePage{BasePage: base("caseload.title"), Today: today}, Sort: "next",
			Filter: care.FilterReviewDue, All: 2, Counts: map[string]int{}},
		"family_signals": func() *FamilyPage {
			file := &care.File{Family: care.Family{ID: 7, ChildName: "Noor", BirthDate: today.AddDate(-3, 0, 0), Intensity: care.Regular},
				Signals: fam.Signals}
			return &FamilyPage{CarePage: CarePage{BasePage: base("family.title"), Today: today}, File: file,
				TaskList: newTaskList(care.ViewCaseFile, "/families/7", nil, 0, today)}
		}(),
		"admin_settings_contacts": &AdminSettingsPage{BasePage: base("coverage_view.settings.title"), Window: "8", ContactSaved: true,
			ContactDays:   map[string]string{"intensive": "0", "regular": "28", "waakvlam": "x"},
			ContactErrors: Fields{"contact_days_intensive": "signal.settings.days_range", "contact_days_waakvlam": "signal.settings.days_range"}},
	}
}

// TestEverySignalHasItsWords: every rule has its explanation in both
// languages, and the rules the family sees have theirs in their words.
func TestEverySignalHasItsWords(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		b, err := fs.ReadFile(files, "locales/signals."+lang+".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, code := range care.SignalCodes() {
			s := care.Signal{Code: code}
			if m[s.Key()] == "" {
				t.Errorf("%s: no words for %s", lang, s.Key())
			}
		}
		for _, code := range []string{care.CodeTasksOverdue, care.CodeCoverageEnding, care.CodeCoverageLapsed} {
			s := care.Signal{Code: code}
			if m[s.FamilyKey()] == "" {
				t.Errorf("%s: no words for the family for %s", lang, code)
			}
		}
		for _, sev := range []care.Severity{care.SeverityInfo, care.SeverityWarning, care.SeverityUrgent} {
			if m["signal.severity."+sev.String()] == "" {
				t.Errorf("%s: no words for severity %s", lang, sev)
			}
		}
	}
}

// FuzzParseSignalAck: whatever a form holds, a snooze without a valid
// date is refused next to the field, never half-read.
func FuzzParseSignalAck(f *testing.F) {
	f.Add("snooze", "2026-07-01", "")
	f.Add("snooze", "", "")
	f.Add("snooze", "01-07-2026", "x")
	f.Add("dismiss", "", "huisarts in het buitenland")
	f.Fuzz(func(t *testing.T, kind, until, reason string) {
		a, errs := parseSignalAck(kind, "7.no_gp.", url.Values{"until": {until}, "reason": {reason}})
		if a.Reason != reason || a.Kind != kind {
			t.Errorf("form read as %+v", a)
		}
		if kind == care.AckSnooze && len(errs) == 0 && a.Until.IsZero() {
			t.Error("a snooze without a date passed")
		}
		if kind == care.AckSnooze && errs.Has("until") && !a.Until.IsZero() {
			t.Error("a refused date was kept")
		}
	})
}

// FuzzParseContactDays: every intensity is read, or refused next to its
// own field; nothing out of range passes.
func FuzzParseContactDays(f *testing.F) {
	f.Add("7", "28", "91")
	f.Add("", "0", "367")
	f.Add("-1", "1e2", " 12 ")
	f.Fuzz(func(t *testing.T, in, reg, wk string) {
		days, typed, errs := parseContactDays(url.Values{"contact_days_intensive": {in}, "contact_days_regular": {reg},
			"contact_days_waakvlam": {wk}})
		for _, i := range care.Intensities {
			name := "contact_days_" + string(i)
			d, ok := days[i]
			if ok == errs.Has(name) {
				t.Errorf("%s: read %d and refused %q", name, d, errs[name])
			}
			if ok && (d < 1 || d > care.MaxContactDays) {
				t.Errorf("%s: %d passed", name, d)
			}
			if _, ok := typed[string(i)]; !ok {
				t.Errorf("%s: what was typed is lost", name)
			}
		}
		if len(errs) == 0 && care.ValidateContactDays(days) != nil {
			t.Errorf("the form passed %v, the rules refuse it", days)
		}
	})
}

// TestSignalLinesEscape: the dashboard's families and their signal
// lines, written outside the template, escape every value they hold, and
// each family's article holds its own lines.
func TestSignalLinesEscape(t *testing.T) {
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	sg := care.Signal{ID: care.SignalID(7, care.CodeTasksOverdue, "nm-3"), FamilyID: 7, Code: care.CodeTasksOverdue,
		Severity: care.SeverityUrgent, Detail: `<script>alert("x")</script>`, Count: 2, Link: `/families/7"><b>#tasks`, Due: time.Now(), On: time.Now()}
	gp := care.Signal{ID: care.SignalID(8, care.CodeNoGP, ""), FamilyID: 8, Code: care.CodeNoGP, Severity: care.SeverityWarning, Link: "/families/8"}
	board := &care.Dashboard{Families: []care.FamilySignals{{FamilyID: 7, ChildName: "Noor", Signals: []care.Signal{sg}},
		{FamilyID: 8, ChildName: `Daan <i>"de Vries"</i>`, Signals: []care.Signal{gp}}}}
	got := string(dashFamilies(s.i18n.translator("nl"), "nl", board))
	if strings.Contains(got, "<script") || strings.Contains(got, "<b>") || strings.Contains(got, "<i>") {
		t.Errorf("a value is not escaped: %s", got)
	}
	doc, err := html.Parse(strings.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	type article struct {
		links, codes []string
		text         strings.Builder
	}
	articles := map[string]*article{}
	var walk func(*html.Node, *article)
	walk = func(n *html.Node, in *article) {
		attr := func(key string) string {
			for _, a := range n.Attr {
				if a.Key == key {
					return a.Val
				}
			}
			return ""
		}
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "article":
				in = &article{}
				articles[attr("id")] = in
			case in == nil:
			case n.Data == "a":
				in.links = append(in.links, attr("href"))
			case n.Data == "li":
				in.codes = append(in.codes, attr("data-code"))
			}
		}
		if n.Type == html.TextNode && in != nil {
			in.text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, nil)
	noor, daan := articles["signals-family-7"], articles["signals-family-8"]
	if len(articles) != 2 || noor == nil || daan == nil {
		t.Fatalf("articles %v in %s", articles, got)
	}
	if want := []string{"/families/7", sg.Link, "/signals/" + sg.ID}; !slices.Equal(noor.links, want) {
		t.Errorf("links %q, want %q", noor.links, want)
	}
	if !slices.Equal(noor.codes, []string{care.CodeTasksOverdue}) || !slices.Equal(daan.codes, []string{care.CodeNoGP}) {
		t.Errorf("each family holds its own lines: %q and %q", noor.codes, daan.codes)
	}
	if text := noor.text.String(); !strings.HasPrefix(text, "Noor") || !strings.Contains(text, `<script>alert("x")</script>`) ||
		!strings.Contains(text, "Dringend") {
		t.Errorf("text %q", text)
	}
	if text := daan.text.String(); !strings.HasPrefix(text, `Daan <i>"de Vries"</i>`) {
		t.Errorf("the child's name reads %q", text)
	}
}
