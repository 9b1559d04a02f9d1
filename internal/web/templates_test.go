package web

import (
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// TestEveryTemplateExecutes renders every page template with its page
// struct, in both languages; a new template without a case fails here.
func TestEveryTemplateExecutes(t *testing.T) {
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	acc := &auth.Account{ID: 1, Name: "Carla", Email: "carla@example.org", Role: care.RoleAdmin, TOTPSecret: "X", CreatedAt: time.Now()}
	enrol, err := auth.NewEnrolment("Spil", "carla@example.org")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"nl", "en"} {
		base := func(title string) BasePage {
			return BasePage{translator: s.i18n.translator(lang), Lang: lang, Title: title, Account: acc, Demo: true, Path: "/", assets: s.assets}
		}
		cases := map[string]any{
			"error":    &ErrorPage{BasePage: base("error.title"), Status: 404, Message: "error.not_found"},
			"login":    &LoginPage{BasePage: base("login.title"), Email: "a@b.c", Notice: "login.expired", Error: "login.throttled", Errors: Fields{"email": "field.required"}},
			"code":     &CodePage{BasePage: base("code.title"), Error: "mfa.bad_code"},
			"setup":    &SetupPage{BasePage: base("setup.title"), Enrolment: enrol, Error: "mfa.bad_code"},
			"recovery": &RecoveryPage{BasePage: base("recovery.title"), Codes: []string{"abcde-fghjk"}},
			"home":     &HomePage{BasePage: base("home.title"), RoleKey: "role.admin"},
			"account":  &AccountPage{BasePage: base("account.title"), RoleKey: "role.admin", RecoveryLeft: 3, Errors: Fields{"new": "password.common"}, PasswordSaved: true},
			"admin_accounts": &AdminAccountsPage{BasePage: base("admin.title"), Accounts: []*auth.Account{acc, {ID: 2, Name: "Off", Role: care.RoleFamily, DisabledAt: time.Now()}},
				Roles: care.Roles, Errors: Fields{"role": "account.role_invalid"}, Done: "admin.done.mfa-reset", Mail: "admin.mail.none_link"},
			"password_link":         &PasswordLinkPage{BasePage: base("link.title.mfa"), Token: "T", Kind: "mfa", Email: "a@b.c", Errors: Fields{"password": "password.common", "repeat": "account.repeat_differs"}},
			"password_link_problem": &PasswordLinkPage{BasePage: base("link.used_title"), Problem: linkProblem(auth.ErrLinkUsed)},
		}
		for name, page := range familyCases(s, base("family.title")) {
			cases[name] = page
		}
		for name, page := range familyViewCases(base("familyview.title")) {
			cases[name] = page
		}
		for name, page := range inviteCases(base) {
			cases[name] = page
		}
		for name, page := range carePlanViewCases(base) {
			cases[name] = page
		}
		for name, page := range carePlanEditCases(s, base) {
			cases[name] = page
		}
		for name, page := range accountsCases(base, cases) {
			cases[name] = page
		}
		for name, page := range intervisionCases(base) {
			cases[name] = page
		}
		for name, page := range taskCases(base) {
			cases[name] = page
		}
		for name, page := range threadCases(base) {
			cases[name] = page
		}
		for name, page := range coverageViewCases(base) {
			cases[name] = page
		}
		for name, page := range transferCases(base) {
			cases[name] = page
		}
		for name, page := range reportCases(s, base) {
			cases[name] = page
		}
		for name, page := range signalCases(base) {
			cases[name] = page
		}
		forms := formCases(s, base("intake.title"))
		coverage, coverageForms := coverageCases(base)
		for name, page := range coverage {
			cases[name] = page
		}
		forms = append(forms, coverageForms...)
		stays, stayForms := staysCases(base)
		for name, page := range stays {
			cases[name] = page
		}
		forms = append(forms, stayForms...)
		meetings, meetingForms := meetingCases(base)
		for name, page := range meetings {
			cases[name] = page
		}
		forms = append(forms, meetingForms...)
		death, deathForms := deathCases(base)
		for name, page := range death {
			cases[name] = page
		}
		forms = append(forms, deathForms...)
		for name, page := range journeyCases(base) {
			cases[name] = page
		}
		cases["family_form"] = forms[0]
		for name := range s.pages {
			if _, ok := cases[name]; !ok {
				t.Errorf("template %s has no test case", name)
			}
		}
		for name, page := range cases {
			tmpl := name
			if _, ok := s.pages[tmpl]; !ok {
				// A variant of a template: "home_family" is "home" for a family member.
				i := strings.LastIndex(name, "_")
				if i < 0 {
					t.Errorf("case %s names no template", name)
					continue
				}
				tmpl = name[:i]
			}
			w := httptest.NewRecorder()
			s.render(w, httptest.NewRequest("GET", "/", nil), 200, tmpl, page)
			body := w.Body.String()
			if w.Code != 200 {
				t.Errorf("%s/%s: status %d: %s", lang, name, w.Code, body)
			}
			// A key that shows as itself was not translated.
			if m := untranslated.FindString(body); m != "" {
				t.Errorf("%s/%s: untranslated key %q", lang, name, m)
			}
		}
		// Every form drawn by family_form, not only the first.
		for i, page := range forms {
			w := httptest.NewRecorder()
			s.render(w, httptest.NewRequest("GET", "/", nil), 200, "family_form", page)
			if w.Code != 200 {
				t.Errorf("%s/family_form %d: status %d: %s", lang, i, w.Code, w.Body)
			}
			if m := untranslated.FindString(w.Body.String()); m != "" {
				t.Errorf("%s/family_form %d: untranslated key %q", lang, i, m)
			}
		}
	}
}

// familyCases are the caseload and the family page with every part filled.
func familyCases(s *Server, base BasePage) map[string]any {
	today := care.DateOf(time.Now())
	by := care.Person{AccountID: 1, Name: "Carla"}
	file := &care.File{
		Family: care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-6, 0, 0), Sex: "male", BSN: "111222333",
			Diagnosis: "Duchenne", ICD10: "G71.0", Secondary: []care.Diagnosis{{Description: "Epilepsie", ICD10: "G40"}},
			LivingSituation: "Thuis", CultureNotes: "Tolk", Summary: "Kort", Intensity: care.Waakvlam, NextContact: today.AddDate(0, 0, -1), Deceased: true},
		Members:      []care.Member{{ID: 1, Kind: "parent", Name: "Mo", Custody: true, Phone: "06", Email: "mo@example.org", Language: "Arabisch", Notes: "x"}, {ID: 2, Kind: "sibling", Name: "Lin", BirthDate: today.AddDate(0, -3, 0)}},
		Episode:      &care.Episode{ReferralDate: today, ReferredBy: "Kinderarts", Reason: "Complex", FactorWish: true, SurpriseQuestion: "no", Status: "declined", StatusDate: today, StatusNote: "Later", DivisionOfTasks: "KCT medisch"},
		CaseManagers: care.CaseManagers{KCT: by},
		Network:      []care.NetworkMember{{ID: 3, Name: "Dr. A", Role: "paediatrician", Organisation: "UMC", Line: 3, Domain: "medisch", Phone: "010", Email: "a@example.org", Reachability: "werkdagen", AlwaysReachable: true, Responsibilities: "Medicatie", Bereavement: true}},
		Intensity:    []care.IntensityChange{{Intensity: care.Waakvlam, Reason: "Stabiel", ChangedAt: time.Now(), ChangedBy: by, NextContact: today}, {Intensity: care.Regular, Reason: "intake", ChangedAt: time.Now(), ChangedBy: by}},
		Contacts:     []care.Contact{{ID: 4, Date: today, Kind: "home_visit", With: "both", Location: "Thuis", DurationMin: 60, TravelMin: 30, Topics: "School", FollowUp: "Bellen", CreatedBy: by}},
		ContactCount: 31, DoneTaskCount: 1,
		Tasks: []care.Task{{ID: 5, Title: "Rolstoel", OwnerKind: "network", OwnerName: "Thuiszorg", DueDate: today.AddDate(0, 0, -2), Status: "open"},
			{ID: 6, Title: "School", OwnerKind: "family", Status: "open"},
			{ID: 8, Title: "Indicatie", OwnerKind: "casemanager", Status: "done", DoneNote: "Aangevraagd", DoneAt: time.Now(), DoneBy: by}},
	}
	cpage := CarePage{BasePage: base, Today: today}
	fp := &FamilyPage{CarePage: cpage, File: file, TaskList: newTaskList(care.ViewCaseFile, "/families/7", file.Tasks, 21, today)}
	fp.History = []IntensityRow{{IntensityChange: file.Intensity[0], From: file.Intensity[1].Intensity}, {IntensityChange: file.Intensity[1]}}
	fp.Done = &DoneForm{TaskID: 5, Note: "x", Error: "field.required"}
	cp := &CaseloadPage{CarePage: cpage, Query: "sam", Sort: "name", HandedOver: true, Items: []care.CaseloadItem{
		{FamilyID: 7, ChildName: "Sam", BirthDate: today.AddDate(-6, 0, 0), Intensity: care.Intensive, NextContact: today.AddDate(0, 0, -1), OpenTasks: 2, Overdue: 1, Status: "accepted", Deceased: true},
		{FamilyID: 9, ChildName: "Noor", BirthDate: today.AddDate(0, -5, 0), Intensity: care.Regular},
	}}
	contacts := &ContactsPage{CarePage: cpage, Family: file.Family, Contacts: file.Contacts, Total: 31, Older: "/families/7/contacts?before=4"}
	return map[string]any{"family": fp, "caseload": cp, "contacts": contacts}
}

// formCases draws every family form, the first with every kind of error.
func formCases(s *Server, base BasePage) []*FormPage {
	today := care.DateOf(time.Now())
	file := &care.File{Family: care.Family{ID: 7, ChildName: "Sam"}}
	page := func(v url.Values, errs Fields) *FormPage {
		return &FormPage{CarePage: CarePage{BasePage: base, Today: today}, Builder: form.NewBuilder(base.translator, v, errs),
			Submit: "form.save", Heading: "intake.title", Cancel: "/families"}
	}
	intake := page(url.Values{"child_name": {"Sam"}, "confirm_duplicate": {"1"}, "factor_wish": {"1"}, "kind": {"kct"}},
		Fields{"child_name": "field.required", "kind": "field.choose", "birth_date": "date.invalid", "sex": "field.required", "bsn": "family.bsn_invalid"})
	intakeForm(intake, &care.DuplicateError{Yours: []care.CaseloadItem{{FamilyID: 3, ChildName: "Sam de Wit"}}, Others: 1, AskWhom: []string{"Joost de Vries"}})
	pages := []*FormPage{intake}
	for _, build := range []familyForm{familyEditForm, memberForm, networkForm(0), networkForm(3), contactForm, intensityForm, taskForm, episodeForm,
		caseManagersForm([]care.Person{{AccountID: 1, Name: "Carla"}})} {
		p := page(url.Values{"duration": {"x"}}, Fields{"duration": "field.number", "reason": "field.required"})
		p.Family = &file.Family
		build(p, file)
		pages = append(pages, p)
	}
	return pages
}

// keyPrefixes are the first parts of every catalog key.
const keyPrefixes = `login|code|setup|recovery|home|account|admin|error|nav|field|form|password|role|mfa|demo|footer|` +
	`caseload|family|intake|episode|casemanager|intensity|member|network|contact|task|date|` +
	`familyview|provider|consent|accesslog|note|invitation|mail|careplan|link|coverage_view|coverage|aid|document|stays|meeting|` +
	`signal|dashboard`

var untranslated = regexp.MustCompile(`>\s*(` + keyPrefixes + `)\.[a-z_.-]+\s*<`)

// TestCatalogsMatch checks that Dutch and English have the same keys and
// that every key used in templates and Go code exists.
func TestCatalogsMatch(t *testing.T) {
	keys := map[string][]string{}
	// Every catalog file is a pair: name.nl.json and name.en.json (or
	// nl.json and en.json); a key may live in one file of a language only.
	names, err := fs.Glob(files, "locales/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		lang := strings.TrimSuffix(name, ".json")
		lang = lang[strings.LastIndexAny(lang, "./")+1:]
		if lang != "nl" && lang != "en" {
			t.Fatalf("%s: not a Dutch or English catalog", name)
		}
		b, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", name, k)
			}
			if slices.Contains(keys[lang], k) {
				t.Errorf("%s: %s is also in another %s catalog", name, k, lang)
			}
			keys[lang] = append(keys[lang], k)
		}
	}
	slices.Sort(keys["nl"])
	slices.Sort(keys["en"])
	if !slices.Equal(keys["nl"], keys["en"]) {
		for _, k := range keys["nl"] {
			if !slices.Contains(keys["en"], k) {
				t.Errorf("en lacks %s", k)
			}
		}
		for _, k := range keys["en"] {
			if !slices.Contains(keys["nl"], k) {
				t.Errorf("nl lacks %s", k)
			}
		}
	}
	used := map[string]bool{}
	literal := regexp.MustCompile(`"((?:` + keyPrefixes + `)\.[a-z_.-]+)"`)
	walkSources(t, func(src string) {
		for _, m := range literal.FindAllStringSubmatch(src, -1) {
			used[m[1]] = true
		}
	})
	for _, r := range care.Roles {
		used["role."+string(r)] = true
		used["home.next."+string(r)] = true
	}
	for d, link := range adminActions {
		used["admin.done."+d] = true
		kind := "notice"
		if link {
			kind = "link"
		}
		for _, m := range adminMail {
			used["admin.mail."+m+"_"+kind] = true
		}
	}
	for _, k := range []auth.LinkKind{auth.LinkNewAccount, auth.LinkPassword, auth.LinkSecondFactor} {
		for _, key := range []string{"link.title.", "link.intro."} {
			used[key+string(k)] = true
		}
		used["mail.account_link."+string(k)+".subject"] = true
		used["mail.account_link."+string(k)+".body"] = true
	}
	// Stored choices are shown through prefix + value.
	for prefix, values := range map[string][]string{
		"family.sex.": care.Sexes, "member.kind.": care.MemberKinds, "network.role.": care.NetworkRoles,
		"network.line.": form.NetworkLines, "contact.kind.": care.ContactKinds, "contact.with.": care.ContactWith,
		"task.owner.": care.TaskOwners, "episode.status.": care.EpisodeStatuses, "episode.set.": care.EpisodeStatuses,
		"episode.surprise.": care.SurpriseAnswers, "casemanager.kind.": care.CaseManagerKinds, "intensity.level.": form.IntensityValues(),
		"careplan.dim.": dimensionValues(), "careplan.change.": append(dimensionValues(), "wishes", "acp", "review", "created"),
		"careplan.for.": care.PlanFor, "careplan.topic.": care.ScenarioTopics, "careplan.directive.": care.DirectiveKinds,
		"careplan.decision.": care.DirectiveDecisions, "careplan.place.": care.Places, "careplan.status.": {"open", "done"},
		"coverage.kind.": care.CoverageKinds, "coverage.law.": care.CoverageLaws, "coverage.form.": care.CoverageForms,
		"coverage.form_short.": care.CoverageForms, "coverage.status.": care.CoverageStatuses, "coverage.indicated_by.": care.IndicatedBy,
		"coverage.applicant.": care.Applicants, "coverage.group.": {"running", "arranging", "objection", "stopped"},
		"coverage.state.": coverageStates, "coverage.saved.": coverageSaved, "aid.kind.": care.AidKinds, "aid.via.": care.AidVia,
		"aid.status.": care.AidStatuses, "document.kind.": care.DocumentKinds,
		"stays.kind.": care.StayKinds, "stays.unit.": care.StayUnits, "stays.now.": care.StayKinds, "stays.saved.": staysSaved,
		"stays.field.":     {"kind", "unit", "place", "acute", "note", "start", "end"},
		"meeting.purpose.": care.MeetingPurposes, "meeting.saved.": {"organised", "minutes", "declined", "coming"},
		"meeting.weekday.": {"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
	} {
		for _, v := range values {
			used[prefix+v] = true
		}
	}
	// The messages the care package puts in FieldErrors and errors.
	for _, k := range []string{"date.future", "date.birth_future", "date.too_old", "date.before_birth", "date.past", "date.invalid",
		"field.required", "field.too_long", "field.unreadable", "field.choose", "field.number", "family.bsn_invalid",
		"family.icd10_invalid", "family.icd10_without_diagnosis", "family.possible_duplicate", "contact.minutes", "account.email_invalid"} {
		used[k] = true
	}
	for k := range used {
		if !slices.Contains(keys["nl"], k) && !strings.HasSuffix(k, ".") {
			t.Errorf("key %s is used but not in the catalogs", k)
		}
	}
}

func dimensionValues() []string {
	var out []string
	for _, d := range care.Dimensions {
		out = append(out, string(d))
	}
	return out
}

// walkSources calls fn with every template and every non-test Go file of
// this package, of auth and of care, where catalog keys are named.
func walkSources(t *testing.T, fn func(src string)) {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"templates/*.html", "templates/partials/*.html", "*.go", "../auth/*.go", "../care/*.go"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	n := 0
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fn(string(b))
		n++
	}
	if n < 10 {
		t.Fatalf("only %d source files found", n)
	}
}
