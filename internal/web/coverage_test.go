package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// coverageItem is a valid form for a new item: night care under the Wlz,
// granted from start to end.
func coverageItem(start, end string) url.Values {
	return url.Values{"kind": {"night_care"}, "description": {"Drie nachten"}, "applicant": {"casemanager"},
		"law": {"wlz"}, "form": {"zin"}, "status": {"granted"}, "hours": {"12,5"}, "amount": {""},
		"reference": {"CIZ-2026-1"}, "indicated_by": {"ciz"}, "start": {start}, "end": {end}}
}

func coverageItems(t *testing.T, a *app, fam int64) []care.CoverageItem {
	t.Helper()
	items, err := a.Store.CoverageItems(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func coverageAids(t *testing.T, a *app, fam int64) []care.Aid {
	t.Helper()
	aids, err := a.Store.Aids(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return aids
}

// TestCoverageItemJourney: a case manager adds a Wlz indication that ends
// in five weeks, sees it needing attention on the coverage page, the
// family page and the caseload; moves it to an objection with its
// deadline; renews it with fewer hours and sees the cut.
func TestCoverageItemJourney(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Noor", a.Day(-6, 0, 0)))
		base := familyPath(fam, "/coverage")

		p := c.Get(base)
		mustStatus(t, p, http.StatusOK, "empty coverage page")
		if !p.Present("items-none") || !p.Present("attention-none") {
			t.Errorf("an empty plan says it holds nothing and needs no attention")
		}
		mustStatus(t, c.Get(base+"/new"), http.StatusOK, "new item form")

		p = c.Post(base, with(coverageItem(a.Day(0, -11, 0), a.Day(0, 0, 35)), "amount", "2.450,00"))
		items := coverageItems(t, a, fam)
		if len(items) != 1 {
			t.Fatalf("saved %d items: %d %s", len(items), p.StatusCode, text(p.Class("error-summary")))
		}
		id := items[0].ID
		redirectsTo(t, p, base+"?saved=added#item-"+itoa(id), "saved item")
		if cur := items[0].Current(); cur.HoursPerWeek != 12.5 || cur.AmountCents != 245000 || cur.Law != care.LawWlz {
			t.Errorf("saved period %+v", cur)
		}

		p = c.Get(base + "?saved=added")
		mustStatus(t, p, http.StatusOK, "coverage page")
		if !p.Present("saved") || !p.Present("attention-item-"+itoa(id)) {
			t.Errorf("the ending item is not under what needs attention")
		}
		item := p.ByID("item-" + itoa(id))
		if item == nil {
			t.Fatalf("item %d not on the page", id)
		}
		if got := text(under(item, func(n *html.Node) bool { return hasClass(n, "state") })); got != "Loopt binnenkort af" {
			t.Errorf("state %q", got)
		}
		if got := text(under(item, func(n *html.Node) bool { return hasClass(n, "size") })); got != "12,5 uur per week · € 2.450,00 per jaar" {
			t.Errorf("size %q", got)
		}
		if got := text(under(item, func(n *html.Node) bool { return hasClass(n, "end-line") })); !strings.HasPrefix(got, "Loopt af op ") || !strings.Contains(got, "over 5 weken") {
			t.Errorf("end line %q", got)
		}

		f := c.Get(familyPath(fam, ""))
		if got := f.Within("coverage-ending"); got != "1 loopt binnenkort af" {
			t.Errorf("family page coverage block: %q", got)
		}
		if f.HrefAt("coverage-link") != base {
			t.Errorf("family page links to %q", f.HrefAt("coverage-link"))
		}
		l := c.Get("/families")
		if l.ByID("filter-coverage_ending") == nil || c.Get("/families?filter=coverage_ending").ByID("family-"+itoa(fam)) == nil {
			t.Errorf("the caseload's coverage filter leaves out the ending indication")
		}

		// The decision cut the hours: an objection is filed, decision due.
		e := c.Get(base + "/" + itoa(id) + "/edit")
		mustStatus(t, e, http.StatusOK, "edit form")
		if e.Value("hours") != "12,5" || e.Value("amount") != "2.450,00" {
			t.Errorf("edit form shows hours %q, amount %q", e.Value("hours"), e.Value("amount"))
		}
		v := e.FormFields(t, "coverage-form")
		v.Set("status", "objection")
		v.Set("objection_filed_on", a.Day(0, 0, -2))
		v.Set("objection_due", a.Day(0, 0, 40))
		redirectsTo(t, c.Post(base+"/"+itoa(id), v), base+"?saved=corrected#item-"+itoa(id), "objection")
		p = c.Get(base)
		if !p.Present("attention-objection-" + itoa(id)) {
			t.Errorf("the objection is not under what needs attention")
		}
		if got := p.Within("attention-objection-" + itoa(id)); !strings.Contains(got, "Beslissing op het bezwaar uiterlijk") {
			t.Errorf("objection line %q", got)
		}
		if !p.Present("group-objection") {
			t.Errorf("no group of objections")
		}
		if got := text(p.Class("changes")); !strings.Contains(got, "Status: Toegekend") {
			t.Errorf("the correction does not show what the status was: %q", got)
		}

		// Renewed for fewer hours: the cut shows.
		r := c.Get(base + "/" + itoa(id) + "/renew")
		mustStatus(t, r, http.StatusOK, "renew form")
		if r.Value("start") != a.Day(0, 0, 36) || r.Value("hours") != "12,5" {
			t.Errorf("renew form starts %q with %q hours", r.Value("start"), r.Value("hours"))
		}
		rv := r.FormFields(t, "coverage-form")
		rv.Set("status", "granted")
		rv.Set("hours", "8")
		rv.Set("end", a.Day(1, 0, 35))
		redirectsTo(t, c.Post(base+"/"+itoa(id)+"/periods", rv), base+"?saved=renewed#item-"+itoa(id), "renewal")
		if items := coverageItems(t, a, fam); len(items[0].Periods) != 2 || !items[0].HoursCut() {
			t.Fatalf("after renewal: %+v", items[0].Periods)
		}
		p = c.Get(base)
		if got := text(p.Class("cut")); got != "Uren verlaagd: van 12,5 uur per week naar 8 uur per week." {
			t.Errorf("cut: %q", got)
		}
	})
}

// TestCoverageAidJourney: a stair lift requested via the Wmo is followed
// to delivery; one that waits longer than six weeks needs attention.
func TestCoverageAidJourney(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Noor", a.Day(-6, 0, 0)))
		base := familyPath(fam, "")
		n := c.Get(base + "/aids/new")
		mustStatus(t, n, http.StatusOK, "new aid form")
		v := n.FormFields(t, "coverage-form")
		v.Set("kind", "stair_lift")
		v.Set("via", "wmo")
		v.Set("requested", a.Day(0, 0, -50))
		p := c.Post(base+"/aids", v)
		aids := coverageAids(t, a, fam)
		if len(aids) != 1 {
			t.Fatalf("saved %d aids: %d %s", len(aids), p.StatusCode, text(p.Class("error-summary")))
		}
		id := itoa(aids[0].ID)
		redirectsTo(t, p, base+"/coverage?saved=aid_added#aid-"+id, "aid saved")
		cov := c.Get(base + "/coverage")
		if !cov.Present("attention-aid-" + id) {
			t.Errorf("a stair lift waiting 50 days is not under what needs attention")
		}
		for _, step := range []struct{ status, field string }{{"assessed", "assessed"}, {"granted", "granted"}, {"ordered", "ordered"}, {"delivered", "delivered"}} {
			e := c.Get(base + "/aids/" + id + "/edit")
			v := e.FormFields(t, "coverage-form")
			v.Set("status", step.status)
			v.Set(step.field, a.Day(0, 0, -1))
			redirectsTo(t, c.Post(base+"/aids/"+id, v), base+"/coverage?saved=aid_corrected#aid-"+id, step.status)
		}
		a0 := coverageAids(t, a, fam)[0]
		if a0.Status != care.AidDelivered || a0.Delivered.IsZero() || a0.Ordered.IsZero() {
			t.Errorf("delivered aid %+v", a0)
		}
		cov = c.Get(base + "/coverage")
		if cov.Present("attention-aid-" + id) {
			t.Errorf("a delivered aid still needs attention")
		}
		if got := text(cov.ByID("aid-" + id)); !strings.Contains(got, "Geleverd na 49 dagen") {
			t.Errorf("delivered aid: %q", got)
		}
	})
}

// TestCoverageBadInput: a form with a wrong value is drawn again with a
// Dutch message at the field and what was typed, and nothing is saved.
func TestCoverageBadInput(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Noor", a.Day(-6, 0, 0)))
		base := familyPath(fam, "/coverage")
		good := coverageItem(a.Day(0, -1, 0), a.Day(1, 0, 0))
		for _, tc := range []struct {
			name, field, value, want string
			also                     []string
		}{
			{"end before start", "end", a.Day(0, -2, 0), "De einddatum ligt vóór de begindatum. Kijk de datums na.", nil},
			{"negative hours", "hours", "-4", "Het aantal uren kan niet negatief zijn.", nil},
			{"hours not a number", "hours", "twaalf", "Vul een aantal uren in, zoals 12 of 12,5.", nil},
			{"too many hours", "hours", "169", "Een week heeft 168 uur. Vul een kleiner aantal uren in.", nil},
			{"amount not an amount", "amount", "2,450.00", "Vul een bedrag in euro's in, zoals 2.450,00 of 2450.", nil},
			{"unknown law", "law", "wet-op-mars", "Kies een van de mogelijkheden.", nil},
			{"unknown status", "status", "approved", "Kies een van de mogelijkheden.", nil},
			{"objection without its dates", "status", "objection", "Vul dit veld in.", []string{"objection_due"}},
			{"another family's provider", "network_member", "999999", "Kies een van de mogelijkheden.", nil},
		} {
			v := with(good, tc.field, tc.value)
			p := c.Post(base, v)
			if p.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d", tc.name, p.StatusCode)
				continue
			}
			field := tc.field
			if tc.also != nil {
				field = tc.also[0]
			}
			if got := p.FieldError(field); got != tc.want {
				t.Errorf("%s: message %q, want %q", tc.name, got, tc.want)
			}
			if got := p.Value("description"); got != "Drie nachten" {
				t.Errorf("%s: the form lost what was typed: %q", tc.name, got)
			}
			if tc.field == "hours" && p.Value("hours") != tc.value {
				t.Errorf("%s: hours shown as %q", tc.name, p.Value("hours"))
			}
			if n := len(coverageItems(t, a, fam)); n != 0 {
				t.Fatalf("%s: %d items saved", tc.name, n)
			}
		}

		// A renewal that starts before the period it follows.
		redirectsTo(t, c.Post(base, good), base+"?saved=added#item-"+itoa(coverageItemsID(t, a, fam)), "a good item")
		id := itoa(coverageItemsID(t, a, fam))
		p := c.Post(base+"/"+id+"/periods", with(good, "start", a.Day(0, -3, 0)))
		mustStatus(t, p, http.StatusUnprocessableEntity, "renewal before the previous period")
		if got := p.FieldError("start"); got != "Een verlenging kan niet beginnen vóór de vorige periode." {
			t.Errorf("renewal: %q", got)
		}
		// A correction with hours out of range keeps the period as it was.
		p = c.Post(base+"/"+id, with(good, "hours", "-1", "status", "refused"))
		mustStatus(t, p, http.StatusUnprocessableEntity, "negative hours in a correction")
		if items := coverageItems(t, a, fam); len(items[0].Periods) != 1 || items[0].Current().Status != care.CoverageGranted {
			t.Errorf("a refused correction changed the item: %+v", items[0].Periods)
		}
		// An aid delivered without a date of delivery.
		p = c.Post(familyPath(fam, "/aids"), url.Values{"kind": {"lift"}, "via": {"zvw"}, "status": {"delivered"}, "requested": {a.Day(0, 0, -3)}, "supplier": {"Tilco"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "aid without delivery date")
		if got := p.FieldError("delivered"); got != "Vul in wanneer het hulpmiddel geleverd is." || p.Value("supplier") != "Tilco" {
			t.Errorf("aid: %q, supplier %q", got, p.Value("supplier"))
		}
		if n := len(coverageAids(t, a, fam)); n != 0 {
			t.Errorf("%d aids saved", n)
		}
	})
}

func coverageItemsID(t *testing.T, a *app, fam int64) int64 {
	t.Helper()
	items := coverageItems(t, a, fam)
	if len(items) == 0 {
		t.Fatal("no item")
	}
	return items[0].ID
}

// uploadTo posts a document form as the browser does.
func uploadTo(t *testing.T, c *client, path, kind, fileName string, content []byte) *page {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("document_kind", kind)
	if content != nil {
		fw, err := mw.CreateFormFile("document", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.App.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

// TestCoverageDocuments: a decision is attached to an item and downloaded;
// a file that is not a PDF or image, one too large, or one without its
// kind is refused with a Dutch message and nothing is saved.
func TestCoverageDocuments(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Noor", a.Day(-6, 0, 0)))
		base := familyPath(fam, "/coverage")
		c.Post(base, coverageItem(a.Day(0, -1, 0), a.Day(1, 0, 0)))
		id := itoa(coverageItemsID(t, a, fam))
		docs := func() int { return len(coverageItems(t, a, fam)[0].Documents) }

		for _, tc := range []struct {
			name, kind, file string
			content          []byte
			status           int
			field, want      string
		}{
			{"not a PDF", "decision", "brief.txt", []byte("gewoon tekst"), http.StatusUnprocessableEntity, "item-" + id + "-document",
				"Dit bestand kan niet mee: alleen een PDF of een foto (PNG of JPEG)."},
			{"too large", "decision", "groot.pdf", append([]byte("%PDF-1.4\n"), make([]byte, care.MaxDocumentSize)...), http.StatusRequestEntityTooLarge,
				"item-" + id + "-document", "Het bestand is te groot"},
			{"no kind", "", "besluit.pdf", []byte("%PDF-1.4\n"), http.StatusUnprocessableEntity, "item-" + id + "-kind", "Vul dit veld in."},
			{"an unknown kind", "love-letter", "besluit.pdf", []byte("%PDF-1.4\n"), http.StatusUnprocessableEntity, "item-" + id + "-kind", "Kies een van de mogelijkheden."},
			{"no file", "decision", "", nil, http.StatusUnprocessableEntity, "item-" + id + "-document", "Kies een bestand."},
		} {
			p := uploadTo(t, c, base+"/"+id+"/documents", tc.kind, tc.file, tc.content)
			if p.StatusCode != tc.status {
				t.Errorf("%s: status %d, want %d", tc.name, p.StatusCode, tc.status)
				continue
			}
			if got := p.FieldError(tc.field); !strings.HasPrefix(got, tc.want) {
				t.Errorf("%s: message %q, want %q", tc.name, got, tc.want)
			}
			if n := docs(); n != 0 {
				t.Fatalf("%s: %d documents saved", tc.name, n)
			}
		}

		p := uploadTo(t, c, base+"/"+id+"/documents", "decision", "beschikking.pdf", []byte("%PDF-1.4\nbesluit\n"))
		redirectsTo(t, p, base+"?saved=document#item-"+id, "document saved")
		page := c.Get(base)
		links := findAll(page.ByID("item-"+id), func(n *html.Node) bool { return n.Data == "a" && strings.Contains(attr(n, "href"), "/download") })
		if len(links) != 1 || text(links[0]) != "beschikking.pdf" {
			t.Fatalf("document links: %d", len(links))
		}
		d := c.Get(attr(links[0], "href"))
		mustStatus(t, d, http.StatusOK, "download")
		if !strings.HasPrefix(d.Header.Get("Content-Disposition"), "attachment") || d.HTML != "%PDF-1.4\nbesluit\n" {
			t.Errorf("download: %q, %q", d.Header.Get("Content-Disposition"), d.HTML)
		}
	})
}

// TestCoverageOtherFamily: an item, aid or document of another family is
// not found through this family's path, and another case manager finds
// none of this family's coverage.
func TestCoverageOtherFamily(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		mine := c.CreateFamily(intake("Noor", a.Day(-6, 0, 0)))
		theirs := c.CreateFamily(intake("Bram", a.Day(-4, 0, 0)))
		c.Post(familyPath(theirs, "/coverage"), coverageItem(a.Day(0, -1, 0), a.Day(1, 0, 0)))
		c.Post(familyPath(theirs, "/aids"), url.Values{"kind": {"lift"}, "via": {"zvw"}, "status": {"requested"}, "requested": {a.Day(0, 0, -3)}})
		cid := itoa(coverageItemsID(t, a, theirs))
		aid := itoa(coverageAids(t, a, theirs)[0].ID)
		p := uploadTo(t, c, familyPath(theirs, "/coverage/"+cid+"/documents"), "decision", "b.pdf", []byte("%PDF-1.4\n"))
		mustStatus(t, p, http.StatusSeeOther, "their document")
		doc := itoa(coverageItems(t, a, theirs)[0].Documents[0].ID)

		good := coverageItem(a.Day(0, -1, 0), a.Day(1, 0, 0))
		bad := with(good, "hours", "-1")
		for _, r := range []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/coverage/" + cid + "/edit", nil},
			{"GET", "/coverage/" + cid + "/renew", nil},
			{"POST", "/coverage/" + cid, good},
			{"POST", "/coverage/" + cid, bad},
			{"POST", "/coverage/" + cid + "/periods", good},
			{"POST", "/coverage/" + cid + "/periods", bad},
			{"GET", "/aids/" + aid + "/edit", nil},
			{"POST", "/aids/" + aid, url.Values{"kind": {"bed"}, "via": {"zvw"}, "status": {"requested"}, "requested": {a.Day(0, 0, -3)}}},
			{"POST", "/aids/" + aid, url.Values{"kind": {"bed"}}},
			{"GET", "/coverage/documents/" + doc + "/download", nil},
		} {
			var p *page
			if r.method == "GET" {
				p = c.Get(familyPath(mine, r.path))
			} else {
				p = c.Post(familyPath(mine, r.path), r.form)
			}
			if p.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s on my family with their id: %d", r.method, r.path, p.StatusCode)
			}
		}
		for _, path := range []string{"/coverage/" + cid + "/documents", "/aids/" + aid + "/documents"} {
			if p := uploadTo(t, c, familyPath(mine, path), "decision", "x.pdf", []byte("%PDF-1.4\n")); p.StatusCode != http.StatusNotFound {
				t.Errorf("upload to %s of another family: %d", path, p.StatusCode)
			}
			if p := uploadTo(t, c, familyPath(mine, path), "", "x.txt", []byte("x")); p.StatusCode != http.StatusNotFound {
				t.Errorf("bad upload to %s of another family: %d", path, p.StatusCode)
			}
		}
		if items := coverageItems(t, a, theirs); len(items[0].Periods) != 1 || len(items[0].Documents) != 1 || items[0].Current().HoursPerWeek != 12.5 {
			t.Errorf("their item changed: %+v", items[0])
		}
		if len(coverageItems(t, a, mine)) != 0 || len(coverageAids(t, a, mine)) != 0 {
			t.Errorf("something was saved to my family")
		}

		other, _ := a.CaseManager("joost@example.org")
		for _, path := range []string{"/coverage", "/coverage/new", "/aids/new", "/coverage/documents/" + doc + "/download"} {
			mustStatus(t, other.Get(familyPath(theirs, path)), http.StatusNotFound, "another case manager: "+path)
		}
	})
}

// TestCoverageJeugdwetEndsAtEighteen: youth care for a 17-year-old with no
// end date ends the day before the 18th birthday, and the page says so.
func TestCoverageJeugdwetEndsAtEighteen(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Daan", a.Day(-17, -11, 0)))
		base := familyPath(fam, "/coverage")
		v := with(coverageItem(a.Day(0, -6, 0), ""), "law", "jeugdwet", "kind", "psychosocial")
		redirectsTo(t, c.Post(base, v), base+"?saved=added#item-"+itoa(coverageItemsID(t, a, fam)), "youth care")
		p := c.Get(base)
		item := p.ByID("item-" + itoa(coverageItemsID(t, a, fam)))
		got := text(under(item, func(n *html.Node) bool { return hasClass(n, "end-line") }))
		if !strings.HasPrefix(got, "Eindigt bij 18 jaar: laatste dag ") {
			t.Errorf("end line %q", got)
		}
		// A month before the 18th birthday it ends within the window.
		if !p.Present("attention-item-" + itoa(coverageItemsID(t, a, fam))) {
			t.Errorf("youth care ending at 18 in a month is not under what needs attention")
		}
	})
}
