package web

import (
	"io"
	"log/slog"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// FuzzDecodeTemplate reads the template form with the words of the real
// catalogs, which live here: a line may start with whom it is for.
func FuzzDecodeTemplate(f *testing.F) {
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	labels, tr := s.forLabels(), s.i18n.translator("nl")
	planSeeds(f,
		"name=Neuromusculair&review_months=3&goals_physical=Ademen%0AOuders:+Bellen&agreements_social=Het+hele+gezin:+Een+aanspreekpunt&scenario_school=1",
		"name=&review_months=13&goals_social="+strings.Repeat("x%0A", 31),
		"name=X&review_months=2&goals_physical=kind:+ouders:+x%0Aparents:%0A%0D%0A:+y",
		"name=X&review_months=2&agreements_spiritual=OUDERS+:+samen&scenario_bogus=1&scenario_other=1",
	)
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		tmpl, errs := form.DecodeTemplate(v, labels)
		if !errs.Has("name") && (tmpl.Name == "" || !okText(tmpl.Name, care.MaxName)) {
			t.Fatalf("name %q accepted", tmpl.Name)
		}
		if !errs.Has("review_months") && (tmpl.ReviewMonths < 1 || tmpl.ReviewMonths > care.MaxReviewMonths) {
			t.Fatalf("%d months accepted", tmpl.ReviewMonths)
		}
		if len(tmpl.Sections) != len(care.Dimensions) {
			t.Fatalf("%d sections", len(tmpl.Sections))
		}
		for _, sec := range tmpl.Sections {
			for _, it := range append(slices.Clone(sec.Goals), sec.Agreements...) {
				if !slices.Contains(care.PlanFor, it.For) || strings.Contains(it.Text, "\n") || it.Text != strings.TrimSpace(it.Text) {
					t.Fatalf("item %+v", it)
				}
			}
			if len(sec.Goals) > form.MaxTemplateLines || len(sec.Agreements) > form.MaxTemplateLines {
				t.Fatalf("%d goals, %d agreements", len(sec.Goals), len(sec.Agreements))
			}
		}
		for _, sc := range tmpl.Scenarios {
			if !slices.Contains(care.ScenarioTopics, sc) {
				t.Fatalf("scenario %q", sc)
			}
		}
		if len(errs) > 0 {
			return
		}
		again, errs2 := form.DecodeTemplate(form.EncodeTemplate(&tmpl, tr, labels), labels)
		if len(errs2) > 0 || !reflect.DeepEqual(again, tmpl) {
			t.Fatalf("round trip:\n%+v\n%+v\n%v", tmpl, again, errs2)
		}
	})
}

// planSeeds adds the seeds of a care plan form, with the empty form and
// unreadable values.
func planSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Add("")
	f.Add("%00=%ff&situation=%ff")
}

// okText reports whether s is what form.Field lets through.
func okText(s string, max int) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0) && utf8.RuneCountInString(s) <= max && s == strings.TrimSpace(s)
}
