package api_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// The API is tested through the whole site (sitetest), with the session
// of a real login.
type (
	app    = sitetest.App
	client = sitetest.Client
)

var (
	apiAt   = sitetest.At
	apiWant = sitetest.WantAPI
)

// forEachDB runs fn on SQLite and, when configured, PostgreSQL.
func forEachDB(t *testing.T, cfg site.Config, fn func(t *testing.T, a *app)) {
	sitetest.ForEachDB(t, cfg, fn)
}

// apiWantFields checks a 422 and its field keys.
func apiWantFields(t *testing.T, r *sitetest.APIResponse, want map[string]string) {
	t.Helper()
	v := apiWant(t, r, http.StatusUnprocessableEntity, "invalid")
	got := map[string]string{}
	fields, _ := apiAt(v, "error", "fields").(map[string]any)
	for k, val := range fields {
		got[k], _ = val.(string)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s %s: field %s = %q, want %q (all: %v)", r.Request.Method, r.Request.URL.Path, k, got[k], w, got)
		}
	}
}

// apiCreated checks a 201 and returns the id it reports.
func apiCreated(t *testing.T, r *sitetest.APIResponse) int64 {
	t.Helper()
	v := apiWant(t, r, http.StatusCreated, "")
	id, _ := apiAt(v, "id").(float64)
	if id <= 0 {
		t.Fatalf("%s %s: no id in %s", r.Request.Method, r.Request.URL.Path, r.Raw)
	}
	return int64(id)
}

func apiDay(t time.Time, days int) string {
	return care.DateOf(t).AddDate(0, 0, days).Format(time.DateOnly)
}

func apiFamilyPath(id int64, rest ...string) string {
	return "/api/v1/families/" + strconv.FormatInt(id, 10) + strings.Join(rest, "")
}

// apiIntake is a complete intake for a fictional child.
func apiIntake(now time.Time, name, birth string) map[string]any {
	return map[string]any{
		"child_name": name, "birth_date": birth, "sex": "female", "bsn": "111222333",
		"diagnosis": "Spinale musculaire atrofie type 1", "icd10": "G12.0",
		"secondary_diagnoses": []map[string]string{{"description": "Scoliose", "icd10": "M41.9"}},
		"living_situation":    "Woont met ouders en broertje in Zwolle, benedenwoning",
		"culture_notes":       "Thuistaal Nederlands en Turks; moeder spreekt beperkt Nederlands",
		"summary":             "Ademhalingsondersteuning 's nachts, sondevoeding",
		"intensity":           "regular", "next_contact": apiDay(now, 14),
		"referral_date": apiDay(now, -30), "referred_by": "Dr. M. de Vries, kinderarts Isala",
		"reason":      "Toenemende zorgvraag thuis",
		"factor_wish": true, "factor_complexity": true, "factor_capacity": false,
		"surprise_question": "no", "status": "accepted", "status_date": apiDay(now, -20),
		"status_note": "Ouders willen graag ondersteuning", "division_of_tasks": "KCT: ziekenhuis; thuis: dagelijkse zorg",
		"kind": "kct",
	}
}

// apiSetup makes two case managers of one organisation, each logged in with
// a second factor.
func apiSetup(t *testing.T, a *app) (mine, theirs *client, mineID, theirsID int64) {
	t.Helper()
	accA, secretA := a.Account("anouk@kct.example", care.RoleCaseManager, true)
	accB, secretB := a.Account("bram@kct.example", care.RoleCaseManager, true)
	mine, theirs = a.Client(), a.Client()
	mine.Login("anouk@kct.example", secretA)
	theirs.Login("bram@kct.example", secretB)
	return mine, theirs, accA.ID, accB.ID
}

var (
	apiDatePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	apiTimePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)
)

func TestAPIRoundTrip(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, me, _ := apiSetup(t, a)
		now := a.Clock.Now()

		in := apiIntake(now, "Noor Yılmaz", "2019-03-14")
		r := c.API("POST", "/api/v1/families", in)
		id := apiCreated(t, r)
		if loc := r.Header.Get("Location"); loc != apiFamilyPath(id) {
			t.Errorf("Location %q", loc)
		}
		other := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Daan Bakker", "2021-07-02")))

		// The caseload, searched and sorted.
		list := apiWant(t, c.API("GET", "/api/v1/families?sort=name", nil), 200, "")
		if got := []any{apiAt(list, "families", 0, "child_name"), apiAt(list, "families", 1, "child_name")}; !cmp.Equal(got, []any{"Daan Bakker", "Noor Yılmaz"}) {
			t.Errorf("caseload by name: %v", got)
		}
		want := map[string]any{
			"id": float64(id), "child_name": "Noor Yılmaz", "birth_date": "2019-03-14", "intensity": "regular",
			"next_contact": apiDay(now, 14), "open_tasks": float64(0), "overdue_tasks": float64(0),
			"episode_status": "accepted", "deceased": false, "deceased_on": nil, "plan_review_due": nil, "plan_review_overdue": false, "found_via": nil,
			"unborn": false, "coverage_ending": float64(0), "coverage_lapsed": float64(0), "objections_due": float64(0),
			"aids_waiting": float64(0), "admitted": false,
		}
		if diff := cmp.Diff(want, apiAt(list, "families", 1)); diff != "" {
			t.Errorf("caseload item (-want +got):\n%s", diff)
		}
		list = apiWant(t, c.API("GET", "/api/v1/families?q="+url.QueryEscape("yılmaz"), nil), 200, "")
		if fs, _ := apiAt(list, "families").([]any); len(fs) != 1 || apiAt(fs, 0, "id") != float64(id) {
			t.Errorf("search yılmaz: %v", fs)
		}
		list = apiWant(t, c.API("GET", "/api/v1/families?q=niemand", nil), 200, "")
		if fs, ok := apiAt(list, "families").([]any); !ok || len(fs) != 0 {
			t.Errorf("search without hits: %s, want an empty list", apiAt(list, "families"))
		}
		apiWant(t, c.API("GET", "/api/v1/families?sort=birth_date", nil), 400, "bad_request")
		// A search too long is refused as the page refuses it: a field error.
		apiWantFields(t, c.API("GET", "/api/v1/families?q="+strings.Repeat("a", 201), nil), map[string]string{"q": "field.too_long"})
		apiWantFields(t, c.API("GET", "/api/v1/families?q=a%00b", nil), map[string]string{"q": "field.unreadable"})
		apiWant(t, c.API("GET", "/api/v1/families?q="+strings.Repeat("a", 200), nil), 200, "")

		// The file as the intake made it.
		f := apiWant(t, c.API("GET", apiFamilyPath(id), nil), 200, "")
		child := apiAt(f, "child").(map[string]any)
		for k, v := range in {
			switch k {
			case "child_name", "birth_date", "sex", "bsn", "diagnosis", "icd10", "living_situation", "culture_notes", "summary",
				"intensity", "next_contact":
				if child[k] != v {
					t.Errorf("child.%s = %v, want %v", k, child[k], v)
				}
			case "referral_date", "referred_by", "reason", "factor_wish", "factor_complexity", "factor_capacity",
				"surprise_question", "status", "status_date", "status_note", "division_of_tasks":
				if got := apiAt(f, "episode", k); got != v {
					t.Errorf("episode.%s = %v, want %v", k, got, v)
				}
			}
		}
		if got := apiAt(child, "secondary_diagnoses", 0, "description"); got != "Scoliose" {
			t.Errorf("secondary diagnosis %v", got)
		}
		if child["gp_missing"] != true || child["deceased"] != false {
			t.Errorf("gp_missing %v, deceased %v", child["gp_missing"], child["deceased"])
		}
		if got := apiAt(f, "case_managers"); !cmp.Equal(got, map[string]any{
			"kct": map[string]any{"account_id": float64(me), "name": "Naam anouk"}, "thuis": nil,
		}) {
			t.Errorf("case managers %v", got)
		}
		if got := apiAt(f, "intensity_history", 0, "reason"); got != "intake" {
			t.Errorf("intensity history %v", apiAt(f, "intensity_history"))
		}
		for _, list := range []string{"members", "network", "contacts", "tasks"} {
			if l, ok := apiAt(f, list).([]any); !ok || len(l) != 0 {
				t.Errorf("%s = %v, want []", list, apiAt(f, list))
			}
		}

		// Every write the pages do.
		apiCreated(t, c.API("POST", apiFamilyPath(id, "/members"), map[string]any{
			"kind": "parent", "name": "Elif Yılmaz", "relation": "moeder", "custody": true, "phone": "06-12345678",
			"email": "elif.yilmaz@example.org", "language": "Turks", "notes": "Liefst bellen na 15 uur",
		}))
		sibling := apiCreated(t, c.API("POST", apiFamilyPath(id, "/members"), map[string]any{
			"kind": "sibling", "name": "Emre Yılmaz", "relation": "broer", "birth_date": "2016-11-05",
		}))
		gp := apiCreated(t, c.API("POST", apiFamilyPath(id, "/network"), map[string]any{
			"name": "Dr. J. Mulder", "role": "gp", "organisation": "Huisartsenpraktijk De Linde", "line": 1,
			"phone": "038-4567890", "reachability": "Werkdagen 8-17 uur", "bereavement": true,
		}))
		homecare := apiCreated(t, c.API("POST", apiFamilyPath(id, "/network"), map[string]any{
			"name": "Team Kinderthuiszorg Zwolle", "role": "homecare", "line": 1, "always_reachable": true,
		}))
		apiWant(t, c.API("PUT", apiFamilyPath(id, "/network/", strconv.FormatInt(gp, 10)), map[string]any{
			"name": "Dr. J. Mulder", "role": "gp", "organisation": "Huisartsenpraktijk De Linde", "line": 1,
			"phone": "038-4567899", "email": "praktijk@delinde.example", "reachability": "Werkdagen 8-17 uur",
			"responsibilities": "Medicatie en palliatieve sedatie", "bereavement": true,
		}), 204, "")
		apiWant(t, c.API("DELETE", apiFamilyPath(id, "/network/", strconv.FormatInt(homecare, 10)), nil), 204, "")
		apiCreated(t, c.API("POST", apiFamilyPath(id, "/intensity"), map[string]any{
			"intensity": "intensive", "next_contact": apiDay(now, 3), "reason": "Opname PICU, ouders uitgeput",
		}))
		apiCreated(t, c.API("POST", apiFamilyPath(id, "/contacts"), map[string]any{
			"date": apiDay(now, -1), "kind": "home_visit", "with": "both", "location": "Thuis, Zwolle",
			"duration_min": 90, "travel_min": 40, "topics": "Nachtzorg en logeeropvang", "follow_up": "Aanvraag PGB",
		}))
		task := apiCreated(t, c.API("POST", apiFamilyPath(id, "/tasks"), map[string]any{
			"title": "Logeeropvang aanvragen bij Het Kinderhuis", "owner_kind": "casemanager", "due_date": apiDay(now, -2),
		}))
		openTask := apiCreated(t, c.API("POST", apiFamilyPath(id, "/tasks"), map[string]any{
			"title": "Tillift regelen", "owner_kind": "network", "owner_name": "Ergotherapeut",
		}))
		apiWant(t, c.API("POST", apiFamilyPath(id, "/tasks/", strconv.FormatInt(task, 10), "/done"),
			map[string]any{"note": "Aangevraagd; intake op dinsdag"}), 204, "")
		apiWant(t, c.API("PUT", apiFamilyPath(id, "/episode"), map[string]any{
			"referral_date": apiDay(now, -30), "referred_by": "Dr. M. de Vries, kinderarts Isala", "reason": "Toenemende zorgvraag thuis",
			"factor_wish": true, "factor_complexity": true, "factor_capacity": true, "surprise_question": "yes",
			"status": "accepted", "status_date": apiDay(now, -20), "division_of_tasks": "KCT: ziekenhuis en PICU",
		}), 204, "")
		apiWant(t, c.API("PUT", apiFamilyPath(id), map[string]any{
			"child_name": "Noor Yılmaz-Demir", "birth_date": "2019-03-15", "sex": "female",
			"diagnosis": "Spinale musculaire atrofie type 1", "icd10": "G12.0",
			"secondary_diagnoses": []map[string]string{{"description": "Scoliose", "icd10": "M41.9"}, {"description": "Slikproblemen"}},
			"living_situation":    "Woont met ouders en broertje in Zwolle",
		}), 204, "")

		f = apiWant(t, c.API("GET", apiFamilyPath(id), nil), 200, "")
		checks := []struct {
			path []any
			want any
		}{
			{[]any{"child", "child_name"}, "Noor Yılmaz-Demir"},
			{[]any{"child", "birth_date"}, "2019-03-15"},
			{[]any{"child", "bsn"}, nil}, // left out of the PUT: removed
			{[]any{"child", "summary"}, ""},
			{[]any{"child", "secondary_diagnoses", 1, "description"}, "Slikproblemen"},
			{[]any{"child", "intensity"}, "intensive"}, // kept by the PUT, set by the intensity change
			{[]any{"child", "next_contact"}, apiDay(now, 3)},
			{[]any{"child", "gp_missing"}, false},
			{[]any{"members", 0, "name"}, "Elif Yılmaz"},
			{[]any{"members", 0, "custody"}, true},
			{[]any{"members", 0, "birth_date"}, nil},
			{[]any{"members", 1, "id"}, float64(sibling)},
			{[]any{"members", 1, "birth_date"}, "2016-11-05"},
			{[]any{"network", 0, "id"}, float64(gp)},
			{[]any{"network", 0, "phone"}, "038-4567899"},
			{[]any{"network", 0, "responsibilities"}, "Medicatie en palliatieve sedatie"},
			{[]any{"network", 1}, nil},
			{[]any{"intensity_history", 0, "intensity"}, "intensive"},
			{[]any{"intensity_history", 0, "changed_by", "account_id"}, float64(me)},
			{[]any{"intensity_history", 1, "intensity"}, "regular"},
			{[]any{"contacts", 0, "date"}, apiDay(now, -1)},
			{[]any{"contacts", 0, "duration_min"}, float64(90)},
			{[]any{"contacts", 0, "with"}, "both"},
			{[]any{"tasks", 0, "id"}, float64(openTask)},
			{[]any{"tasks", 0, "status"}, "open"},
			{[]any{"tasks", 0, "due_date"}, nil},
			{[]any{"tasks", 0, "done_by"}, nil},
			{[]any{"tasks", 1, "status"}, "done"},
			{[]any{"tasks", 1, "overdue"}, false},
			{[]any{"tasks", 1, "done_note"}, "Aangevraagd; intake op dinsdag"},
			{[]any{"tasks", 1, "done_by", "account_id"}, float64(me)},
			{[]any{"episode", "factor_capacity"}, true},
			{[]any{"episode", "surprise_question"}, "yes"},
			{[]any{"episode", "division_of_tasks"}, "KCT: ziekenhuis en PICU"},
		}
		for _, ch := range checks {
			if got := apiAt(f, ch.path...); !cmp.Equal(got, ch.want) {
				t.Errorf("%v = %v, want %v", ch.path, got, ch.want)
			}
		}

		// Dates are YYYY-MM-DD and times RFC 3339 in UTC, everywhere.
		dates := [][]any{{"child", "birth_date"}, {"child", "next_contact"}, {"episode", "referral_date"}, {"episode", "status_date"},
			{"members", 1, "birth_date"}, {"intensity_history", 0, "next_contact"}, {"contacts", 0, "date"}, {"tasks", 1, "due_date"}}
		for _, p := range dates {
			if s, _ := apiAt(f, p...).(string); !apiDatePattern.MatchString(s) {
				t.Errorf("%v = %q: not a date", p, s)
			}
		}
		times := [][]any{{"child", "created_at"}, {"child", "updated_at"}, {"intensity_history", 0, "changed_at"},
			{"contacts", 0, "created_at"}, {"tasks", 1, "created_at"}, {"tasks", 1, "done_at"}}
		for _, p := range times {
			s, _ := apiAt(f, p...).(string)
			tm, err := time.Parse(time.RFC3339, s)
			if !apiTimePattern.MatchString(s) || err != nil || tm.Sub(now).Abs() > time.Hour {
				t.Errorf("%v = %q: not a UTC time near now", p, s)
			}
		}

		// The caseload counts the open task; the other family is untouched.
		list = apiWant(t, c.API("GET", "/api/v1/families?sort=next", nil), 200, "")
		if got := apiAt(list, "families", 0, "id"); got != float64(id) {
			t.Errorf("by next contact, first is %v", got)
		}
		if got := apiAt(list, "families", 0, "open_tasks"); got != float64(1) {
			t.Errorf("open tasks %v", got)
		}
		if got := apiAt(apiWant(t, c.API("GET", apiFamilyPath(other), nil), 200, ""), "child", "child_name"); got != "Daan Bakker" {
			t.Errorf("other family %v", got)
		}

		// A done task cannot be done again.
		apiWant(t, c.API("POST", apiFamilyPath(id, "/tasks/", strconv.FormatInt(task, 10), "/done"),
			map[string]any{"note": "Nogmaals"}), 404, "not_found")

		// Every call was audited by the service, with the client address.
		events, err := a.Store.FamilyAuditEvents(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		actions := map[care.Action]int{}
		failed := 0
		for _, e := range events {
			if e.ActorID != me || e.AccessPoint != "127.0.0.1" {
				t.Errorf("audit event %+v", e)
			}
			if e.Outcome == care.OutcomeFailed {
				failed++
				continue
			}
			actions[e.Action]++
		}
		// C: intake, 2 members, 2 network, intensity, contact, 2 tasks; R: 2 reads (the
		// PUT is one update, without a read before it); U: network, task, episode,
		// child; D: network.
		if want := (map[care.Action]int{care.ActionCreate: 9, care.ActionRead: 2, care.ActionUpdate: 4, care.ActionDelete: 1}); !cmp.Equal(actions, want) {
			t.Errorf("audit actions %v, want %v", actions, want)
		}
		// The second "done" of one task failed, and is on record as such.
		if failed != 1 {
			t.Errorf("%d failed attempts on record, want 1", failed)
		}
	})
}

func TestAPIValidation(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()

		in := apiIntake(now, "Sem de Jong", "2020-05-20")
		in["birth_date"], in["child_name"], in["kind"], in["bsn"] = apiDay(now, 1), " ", "huisarts", "123456789"
		in["secondary_diagnoses"] = []map[string]string{{"description": "", "icd10": "X"}}
		apiWantFields(t, c.API("POST", "/api/v1/families", in), map[string]string{
			"birth_date": "date.birth_future", "child_name": "field.required", "kind": "field.choose",
			"bsn": "family.bsn_invalid", "secondary_diagnoses": "field.required",
		})
		in = apiIntake(now, "Sem de Jong", "20-05-2020")
		in["next_contact"] = "morgen"
		in["status"], in["bsn"], in["icd10"] = "ended", "1112.22.333", "g12.0"
		apiWantFields(t, c.API("POST", "/api/v1/families", in), map[string]string{
			"birth_date": "date.invalid", "next_contact": "date.invalid", "status": "field.choose",
		})
		in = apiIntake(now, "Sem de Jong", "2020-05-20")
		in["status"], in["status_note"] = "declined", ""
		apiWantFields(t, c.API("POST", "/api/v1/families", in), map[string]string{"status_note": "episode.note_required"})

		// A BSN may be written with dots and spaces, an ICD-10 code in lower case.
		in = apiIntake(now, "Sem de Jong", "2020-05-20")
		in["bsn"], in["icd10"] = "1112.22.333 ", "g12.0"
		id := apiCreated(t, c.API("POST", "/api/v1/families", in))
		if child := apiAt(c.API("GET", apiFamilyPath(id), nil).JSON(t), "child"); apiAt(child, "bsn") != "111222333" || apiAt(child, "icd10") != "G12.0" {
			t.Errorf("bsn %v, icd10 %v", apiAt(child, "bsn"), apiAt(child, "icd10"))
		}
		mid := apiCreated(t, c.API("POST", apiFamilyPath(id, "/network"), map[string]any{"name": "Dr. P. Visser", "role": "gp"}))
		tid := apiCreated(t, c.API("POST", apiFamilyPath(id, "/tasks"), map[string]any{"title": "Rolstoel", "owner_kind": "family"}))
		before := c.API("GET", apiFamilyPath(id), nil).Raw

		// A possible duplicate needs confirmation.
		dup := apiIntake(now, "Sem Jansen", "2020-05-20")
		got := apiWant(t, c.API("POST", "/api/v1/families", dup), 409, "possible_duplicate")
		if d := apiAt(got, "error", "duplicate"); apiAt(d, "others") != float64(0) || apiAt(d, "yours", 0, "id") != float64(id) || apiAt(d, "yours", 0, "child_name") != "Sem de Jong" {
			t.Errorf("duplicate to its own case manager: %v", d)
		}

		tooMany := make([]map[string]string, 21)
		for i := range tooMany {
			tooMany[i] = map[string]string{"description": "Diagnose " + strconv.Itoa(i)}
		}
		tests := []struct {
			method, path string
			body         map[string]any
			fields       map[string]string
		}{
			{"PUT", "", map[string]any{"child_name": "Sem de Jong", "birth_date": "2020-05-20", "icd10": "G12.0",
				"secondary_diagnoses": []map[string]string{{"description": ""}}},
				map[string]string{"sex": "field.required", "icd10": "family.icd10_without_diagnosis", "secondary_diagnoses": "field.required"}},
			{"PUT", "", map[string]any{"child_name": "Sem de Jong", "birth_date": "2020-05-20", "sex": "male", "secondary_diagnoses": tooMany},
				map[string]string{"secondary_diagnoses": "field.too_long"}},
			{"POST", "/members", map[string]any{"name": "Kees de Jong", "email": "kees@", "birth_date": apiDay(now, 2)},
				map[string]string{"kind": "field.required", "email": "account.email_invalid", "birth_date": "date.future"}},
			{"POST", "/network", map[string]any{"name": "", "role": "chef", "line": 4},
				map[string]string{"name": "field.required", "role": "field.choose", "line": "field.choose"}},
			{"PUT", "/network/" + strconv.FormatInt(mid, 10), map[string]any{"name": "Dr. P. Visser", "role": "gp", "email": "geen adres"},
				map[string]string{"email": "account.email_invalid"}},
			{"POST", "/intensity", map[string]any{"intensity": "hoog", "next_contact": apiDay(now, -1)},
				map[string]string{"intensity": "field.choose", "reason": "field.required", "next_contact": "date.past"}},
			{"POST", "/contacts", map[string]any{"date": apiDay(now, 1), "kind": "phone", "with": "parent", "duration_min": 2000, "travel_min": -5},
				map[string]string{"date": "date.future", "duration_min": "contact.minutes", "travel_min": "contact.minutes"}},
			{"POST", "/contacts", map[string]any{"date": "2019-01-01", "kind": "brief", "with": "parent"},
				map[string]string{"date": "date.before_birth", "kind": "field.choose"}},
			{"POST", "/tasks", map[string]any{"title": "  ", "owner_kind": "buurman"},
				map[string]string{"title": "field.required", "owner_kind": "field.choose"}},
			{"POST", "/tasks", map[string]any{"title": "Vervoer", "owner_kind": "family", "due_date": "2026-02-30"},
				map[string]string{"due_date": "date.invalid"}},
			{"POST", "/tasks/" + strconv.FormatInt(tid, 10) + "/done", map[string]any{"note": " "},
				map[string]string{"note": "field.required"}},
			{"PUT", "/episode", map[string]any{"referral_date": "2020-01-01", "surprise_question": "yes", "status": "misschien"},
				map[string]string{"referral_date": "date.before_birth", "status": "field.choose"}},
			{"PUT", "/episode", map[string]any{"referral_date": apiDay(now, -1), "surprise_question": "yes", "status": "ended",
				"status_date": apiDay(now, 1)}, map[string]string{"status_date": "date.future"}},
			{"PUT", "/episode", map[string]any{"referral_date": apiDay(now, -1), "surprise_question": "yes", "status": "declined"},
				map[string]string{"status_note": "episode.note_required"}},
		}
		for _, tt := range tests {
			apiWantFields(t, c.API(tt.method, apiFamilyPath(id, tt.path), tt.body), tt.fields)
		}
		if after := c.API("GET", apiFamilyPath(id), nil).Raw; !bytes.Equal(before, after) {
			t.Errorf("invalid requests changed the file:\n%s", cmp.Diff(string(before), string(after)))
		}

		dup["confirm_duplicate"] = true
		apiCreated(t, c.API("POST", "/api/v1/families", dup))
	})
}

func TestAPIUnauthenticated(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("anouk@kct.example", care.RoleCaseManager, true)
		routes := []struct{ method, path string }{
			{"GET", "/api/v1/families"}, {"POST", "/api/v1/families"}, {"GET", "/api/v1/families/1"}, {"PUT", "/api/v1/families/1"},
			{"POST", "/api/v1/families/1/members"}, {"POST", "/api/v1/families/1/network"}, {"PUT", "/api/v1/families/1/network/1"},
			{"DELETE", "/api/v1/families/1/network/1"}, {"POST", "/api/v1/families/1/intensity"},
			{"POST", "/api/v1/families/1/contacts"}, {"POST", "/api/v1/families/1/tasks"},
			{"POST", "/api/v1/families/1/tasks/1/done"}, {"PUT", "/api/v1/families/1/episode"},
		}
		check := func(c *client, what string) {
			t.Helper()
			for _, rt := range routes {
				var body any
				if rt.method != "GET" && rt.method != "DELETE" {
					body = map[string]any{}
				}
				r := c.API(rt.method, rt.path, body)
				apiWant(t, r, http.StatusUnauthorized, "unauthorized")
				if loc := r.Header.Get("Location"); loc != "" {
					t.Errorf("%s: %s %s redirects to %q", what, rt.method, rt.path, loc)
				}
			}
		}
		check(a.Client(), "no session")

		// Password given, second factor not yet.
		half := a.Client()
		if p := half.Post("/login", url.Values{"email": {"anouk@kct.example"}, "password": {sitetest.Password}}); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("login: %d", p.StatusCode)
		}
		check(half, "half logged in")

		// A session that has ended.
		c := a.Client()
		c.Login("anouk@kct.example", secret)
		apiWant(t, c.API("GET", "/api/v1/families", nil), 200, "")
		a.Clock.Add(2 * time.Hour)
		r := c.API("GET", "/api/v1/families", nil)
		apiWant(t, r, http.StatusUnauthorized, "unauthorized")
	})
}

func TestAPIRoutesAndRoles(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		apiWant(t, c.API("GET", "/api/v1/bestaat-niet", nil), 404, "not_found")
		apiWant(t, c.API("GET", "/api/v2/families", nil), 404, "not_found")
		for _, p := range []string{"abc", "0", "-1", "+1", "99999999999999999999", "999999"} {
			apiWant(t, c.API("GET", "/api/v1/families/"+p, nil), 404, "not_found")
		}
		r := c.API("PATCH", "/api/v1/families/1", map[string]any{})
		apiWant(t, r, 405, "method_not_allowed")
		if allow := r.Header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "PUT") {
			t.Errorf("Allow %q", allow)
		}
		apiWant(t, c.API("DELETE", "/api/v1/families", nil), 405, "method_not_allowed")

		// An administrator sees no family data, through the API neither.
		_, secret := a.Account("beheer@kct.example", care.RoleAdmin, true)
		admin := a.Client()
		admin.Login("beheer@kct.example", secret)
		apiWant(t, admin.API("GET", "/api/v1/families", nil), 404, "not_found")
		apiWant(t, admin.API("POST", "/api/v1/families", apiIntake(a.Clock.Now(), "Lotte Smit", "2018-02-02")), 404, "not_found")

		// Browsers may not write across origins.
		r = c.API("POST", "/api/v1/families", apiIntake(a.Clock.Now(), "Lotte Smit", "2018-02-02"),
			"Sec-Fetch-Site", "cross-site", "Origin", "https://elders.example")
		if r.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST: %d", r.StatusCode)
		}
		list := apiWant(t, c.API("GET", "/api/v1/families", nil), 200, "")
		if fs, _ := apiAt(list, "families").([]any); len(fs) != 0 {
			t.Errorf("refused writes created families: %v", fs)
		}
	})
}

func TestAPIOtherFamilies(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		mine, theirs, me, _ := apiSetup(t, a)
		now := a.Clock.Now()

		own := apiCreated(t, mine.API("POST", "/api/v1/families", apiIntake(now, "Fenna Visser", "2017-09-09")))
		ownTask := apiCreated(t, mine.API("POST", apiFamilyPath(own, "/tasks"), map[string]any{"title": "Huisbezoek plannen", "owner_kind": "casemanager"}))
		foreign := apiCreated(t, theirs.API("POST", "/api/v1/families", apiIntake(now, "Luuk Peters", "2022-01-30")))
		mid := apiCreated(t, theirs.API("POST", apiFamilyPath(foreign, "/network"), map[string]any{"name": "Dr. A. Bos", "role": "gp"}))
		tid := apiCreated(t, theirs.API("POST", apiFamilyPath(foreign, "/tasks"), map[string]any{"title": "Hulpmiddelen", "owner_kind": "family"}))
		theirsBefore := theirs.API("GET", apiFamilyPath(foreign), nil).Raw
		mineBefore := mine.API("GET", apiFamilyPath(own), nil).Raw

		// Valid requests on every route of a family that is not mine.
		valid := map[string]map[string]any{
			"family":    {"child_name": "Luuk Peters", "birth_date": "2022-01-30", "sex": "male"},
			"member":    {"kind": "parent", "name": "Sanne Peters"},
			"network":   {"name": "Dr. K. Smit", "role": "paediatrician", "line": 2},
			"intensity": {"intensity": "waakvlam", "reason": "Stabiel"},
			"contact":   {"date": apiDay(now, -1), "kind": "phone", "with": "parent"},
			"task":      {"title": "Bellen", "owner_kind": "casemanager"},
			"done":      {"note": "Gedaan"},
			"episode":   {"referral_date": apiDay(now, -5), "surprise_question": "unknown", "status": "declined", "status_note": "Liever later"},
		}
		fp := func(rest ...string) string { return apiFamilyPath(foreign, rest...) }
		m, tk := strconv.FormatInt(mid, 10), strconv.FormatInt(tid, 10)
		denied := []struct {
			method, path string
			body         map[string]any
		}{
			{"GET", fp(), nil},
			{"PUT", fp(), valid["family"]},
			{"POST", fp("/members"), valid["member"]},
			{"POST", fp("/network"), valid["network"]},
			{"PUT", fp("/network/", m), valid["network"]},
			{"DELETE", fp("/network/", m), nil},
			{"POST", fp("/intensity"), valid["intensity"]},
			{"POST", fp("/contacts"), valid["contact"]},
			{"POST", fp("/tasks"), valid["task"]},
			{"POST", fp("/tasks/", tk, "/done"), valid["done"]},
			{"PUT", fp("/episode"), valid["episode"]},
		}
		for _, d := range denied {
			var body any
			if d.body != nil {
				body = d.body
			}
			apiWant(t, mine.API(d.method, d.path, body), 404, "not_found")
		}
		// Ids of the other family's records through a family that is mine.
		op := func(rest ...string) string { return apiFamilyPath(own, rest...) }
		for _, d := range []struct {
			method, path string
			body         map[string]any
		}{
			{"PUT", op("/network/", m), valid["network"]},
			{"DELETE", op("/network/", m), nil},
			{"POST", op("/tasks/", tk, "/done"), valid["done"]},
		} {
			var body any
			if d.body != nil {
				body = d.body
			}
			apiWant(t, mine.API(d.method, d.path, body), 404, "not_found")
		}
		// A task of mine through the other family's path.
		apiWant(t, mine.API("POST", fp("/tasks/", strconv.FormatInt(ownTask, 10), "/done"), valid["done"]), 404, "not_found")

		if after := theirs.API("GET", apiFamilyPath(foreign), nil).Raw; !bytes.Equal(theirsBefore, after) {
			t.Errorf("the other family's file changed:\n%s", cmp.Diff(string(theirsBefore), string(after)))
		}
		if after := mine.API("GET", apiFamilyPath(own), nil).Raw; !bytes.Equal(mineBefore, after) {
			t.Errorf("my family's file changed:\n%s", cmp.Diff(string(mineBefore), string(after)))
		}
		list := apiWant(t, mine.API("GET", "/api/v1/families", nil), 200, "")
		if fs, _ := apiAt(list, "families").([]any); len(fs) != 1 || apiAt(fs, 0, "id") != float64(own) {
			t.Errorf("my caseload: %v", fs)
		}

		// Each refusal on the other family is in the audit trail.
		events, err := a.Store.FamilyAuditEvents(context.Background(), foreign)
		if err != nil {
			t.Fatal(err)
		}
		refused := 0
		for _, e := range events {
			if e.ActorID == me {
				if e.Outcome != care.OutcomeDenied || e.Authorised {
					t.Errorf("audit event %+v", e)
				}
				refused++
			}
		}
		if refused != len(denied)+1 {
			t.Errorf("%d refusals audited, want %d", refused, len(denied)+1)
		}
	})
}

func TestAPIRequestBodies(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Julia Mulder", "2016-04-04")))
		before := c.API("GET", apiFamilyPath(id), nil).Raw
		members := apiFamilyPath(id, "/members")

		big := `{"kind": "parent", "name": "Anna", "notes": "` + strings.Repeat("x", 65<<10) + `"}`
		apiWant(t, c.API("POST", members, big), 413, "too_large")

		tests := []struct {
			body, contentType string
			status            int
			code, message     string
		}{
			{`{"kind": "parent", "name": "Anna"}`, "text/plain", 415, "unsupported_media_type", "application/json"},
			{`kind=parent&name=Anna`, "application/x-www-form-urlencoded", 415, "unsupported_media_type", ""},
			{`{"kind": "parent", "name": "Anna"}`, "", 415, "unsupported_media_type", ""},
			{`{"kind": "parent", "name": "Anna"}`, "application/json; charset=iso-8859-1", 415, "unsupported_media_type", "UTF-8"},
			{`{"kind": "parent", "name": "Anna", "id": 7}`, "application/json", 400, "bad_request", `"id"`},
			{`{"kind": "parent", "name": "Anna", "family_id": 7}`, "application/json", 400, "bad_request", "path"},
			{`{"kind": "parent", "naam": "Anna"}`, "application/json", 400, "bad_request", `unknown member "naam"`},
			{`{"kind": "parent", "name": "Anna"`, "application/json", 400, "bad_request", "not valid JSON"},
			{`{"kind": "parent", "name": "Anna"} {}`, "application/json", 400, "bad_request", "nothing after it"},
			{`[{"kind": "parent", "name": "Anna"}]`, "application/json", 400, "bad_request", "JSON object"},
			{`null`, "application/json", 400, "bad_request", "JSON object"},
			{``, "application/json", 400, "bad_request", "empty"},
			{`{"kind": "parent", "name": 12}`, "application/json", 400, "bad_request", `"name" must be a string`},
			{`{"kind": "parent", "name": "Anna", "custody": "ja"}`, "application/json", 400, "bad_request", `"custody" must be true or false`},
			{"{\"kind\": \"parent\", \"name\": \"Anna \xff\"}", "application/json", 400, "bad_request", "UTF-8"},
		}
		for _, tt := range tests {
			r := c.API("POST", members, tt.body, "Content-Type", tt.contentType)
			v := apiWant(t, r, tt.status, tt.code)
			if msg, _ := apiAt(v, "error", "message").(string); !strings.Contains(msg, tt.message) {
				t.Errorf("%q: message %q lacks %q", tt.body, msg, tt.message)
			}
		}
		r := c.API("POST", apiFamilyPath(id, "/network"), `{"name": "Dr. Bos", "role": "gp", "line": "2"}`)
		v := apiWant(t, r, 400, "bad_request")
		if msg, _ := apiAt(v, "error", "message").(string); !strings.Contains(msg, `"line" must be a whole number`) {
			t.Errorf("message %q", msg)
		}
		r = c.API("PUT", apiFamilyPath(id), `{"child_name": "Julia", "secondary_diagnoses": [{"description": 1}]}`)
		v = apiWant(t, r, 400, "bad_request")
		if msg, _ := apiAt(v, "error", "message").(string); !strings.Contains(msg, `secondary_diagnoses`) {
			t.Errorf("message %q", msg)
		}
		if after := c.API("GET", apiFamilyPath(id), nil).Raw; !bytes.Equal(before, after) {
			t.Errorf("refused bodies changed the file:\n%s", cmp.Diff(string(before), string(after)))
		}

		// The accepted form: charset given, upper case, whitespace around.
		apiCreated(t, c.API("POST", members, " \n{\"kind\": \"parent\", \"name\": \"Anna Mulder\"}\n ",
			"Content-Type", "Application/JSON; charset=UTF-8"))
	})
}

// TestRefusedIntakeIsOnRecord: an intake the API refuses, for a date it
// cannot read or a possible duplicate, leaves a failed create on record.
func TestRefusedIntakeIsOnRecord(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		c, _ := a.CaseManager("carla@example.org")
		now := a.Clock.Now()
		lastFailed := func(what string) {
			t.Helper()
			es, err := a.Store.AuditEvents(ctx, 0, 100000)
			if err != nil || len(es) == 0 {
				t.Fatal(err)
			}
			e := es[len(es)-1]
			if e.ObjectType == "duplicate_check" && len(es) > 1 {
				e = es[len(es)-2]
			}
			if e.ObjectType != "family" || e.Action != care.ActionCreate || e.Outcome != care.OutcomeFailed {
				t.Errorf("%s: last record %+v, want a failed create", what, e)
			}
		}
		bad := apiIntake(now, "Noor Smit", "2020-13-40")
		apiWantFields(t, c.API("POST", "/api/v1/families", bad), map[string]string{"birth_date": "date.invalid"})
		lastFailed("a date that cannot be read")
		apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Smit", "2020-05-20")))
		apiWant(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Bakker", "2020-05-20")), 409, "possible_duplicate")
		lastFailed("a possible duplicate")
	})
}
