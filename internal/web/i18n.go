package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/spil-zorg/spil/internal/httpx"
)

// Languages Spil speaks, Dutch first.
var languages = []language.Tag{language.Dutch, language.English}

// catalog holds the translations of every UI text.
type catalog struct {
	bundle  *i18n.Bundle
	matcher language.Matcher
}

func loadCatalog() (*catalog, error) {
	b := i18n.NewBundle(language.Dutch)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	entries, err := fs.ReadDir(files, "locales")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if _, err := b.LoadMessageFileFS(files, "locales/"+e.Name()); err != nil {
			return nil, fmt.Errorf("web: catalog %s: %w", e.Name(), err)
		}
	}
	return &catalog{bundle: b, matcher: language.NewMatcher(languages)}, nil
}

// lang picks the language for a request: the account's choice, then the
// language cookie, then Accept-Language, then Dutch.
func (c *catalog) lang(r *http.Request) string {
	if cur := httpx.StateOf(r); cur.Account != nil && validLang(cur.Account.Locale) {
		return cur.Account.Locale
	}
	if ck, err := r.Cookie(langCookie); err == nil && validLang(ck.Value) {
		return ck.Value
	}
	tag, _ := language.MatchStrings(c.matcher, r.Header.Get("Accept-Language"))
	base, _ := tag.Base()
	if base.String() == "en" {
		return "en"
	}
	return "nl"
}

const langCookie = "spil_lang"

func validLang(l string) bool { return l == "nl" || l == "en" }

// translator translates catalog keys into one language.
type translator struct{ loc *i18n.Localizer }

func (c *catalog) translator(lang string) translator {
	return translator{loc: i18n.NewLocalizer(c.bundle, lang, "nl")}
}

// T returns the text for id; data fills {{.Name}}-style fields. A missing
// key shows the key itself (a test makes sure none is missing).
func (t translator) T(id string, data ...any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id}
	if len(data) == 1 {
		cfg.TemplateData = data[0]
	} else if len(data) > 1 {
		m := map[string]any{}
		for i := 0; i+1 < len(data); i += 2 {
			k, _ := data[i].(string)
			m[k] = data[i+1]
		}
		cfg.TemplateData = m
	}
	s, err := t.loc.Localize(cfg)
	if err != nil {
		return id
	}
	return s
}

// ForChild is T in simpler words when child is true: the child's version
// of a key has "child." after its first part ("familyview.child.intro"),
// and a key without one falls back to the ordinary text.
func (t translator) ForChild(child bool, id string, data ...any) string {
	if child {
		if head, tail, ok := strings.Cut(id, "."); ok {
			ck := head + ".child." + tail
			if v := t.T(ck, data...); v != ck {
				return v
			}
		}
	}
	return t.T(id, data...)
}
