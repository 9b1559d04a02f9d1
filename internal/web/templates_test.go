package web

import (
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
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
				Roles: care.Roles, Errors: Fields{"role": "account.role_invalid"}, PasswordFor: acc, TempPassword: "pw", PasswordNote: "admin.password_reset", Done: "admin.done.disabled"},
		}
		for name := range s.pages {
			page, ok := cases[name]
			if !ok {
				t.Errorf("template %s has no test case", name)
				continue
			}
			w := httptest.NewRecorder()
			s.render(w, httptest.NewRequest("GET", "/", nil), 200, name, page)
			body := w.Body.String()
			if w.Code != 200 {
				t.Errorf("%s/%s: status %d: %s", lang, name, w.Code, body)
			}
			// A key that shows as itself was not translated.
			if m := untranslated.FindString(body); m != "" {
				t.Errorf("%s/%s: untranslated key %q", lang, name, m)
			}
		}
	}
}

var untranslated = regexp.MustCompile(`>\s*(login|code|setup|recovery|home|account|admin|error|nav|field|form|password|role|mfa|demo|footer)\.[a-z_.-]+\s*<`)

// TestCatalogsMatch checks that Dutch and English have the same keys and
// that every key used in templates and Go code exists.
func TestCatalogsMatch(t *testing.T) {
	keys := map[string][]string{}
	for _, lang := range []string{"nl", "en"} {
		b, err := fs.ReadFile(files, "locales/"+lang+".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", lang, k)
			}
			keys[lang] = append(keys[lang], k)
		}
		slices.Sort(keys[lang])
	}
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
	literal := regexp.MustCompile(`"((?:login|code|setup|recovery|home|account|admin|error|nav|field|form|password|mfa|demo|footer)\.[a-z_.-]+)"`)
	walkSources(t, func(src string) {
		for _, m := range literal.FindAllStringSubmatch(src, -1) {
			used[m[1]] = true
		}
	})
	for _, r := range care.Roles {
		used["role."+string(r)] = true
		used["home.next."+string(r)] = true
	}
	for _, d := range []string{"disabled", "enabled", "mfa-reset"} {
		used["admin.done."+d] = true
	}
	for k := range used {
		if !slices.Contains(keys["nl"], k) && !strings.HasSuffix(k, ".") {
			t.Errorf("key %s is used but not in the catalogs", k)
		}
	}
}

// walkSources calls fn with every template and every non-test Go file of
// this package and of auth, where catalog keys are named.
func walkSources(t *testing.T, fn func(src string)) {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"templates/*.html", "*.go", "../auth/*.go"} {
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
