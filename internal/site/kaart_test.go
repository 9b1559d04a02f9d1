package site_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestKaartPages: a search with a bad value is drawn again with the error
// next to its field and what was typed; the coordinator edits an entry
// and sets its capacity; a case manager's family kaart marks a service
// already in the network; the timeline page holds the picture and the
// list.
func TestKaartPages(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newAuthzWorld(t, a)
		own, coord := w.clients["own"], w.clients["coordinator"]
		p := own.Get("/kaart?need=respite&region=midden&age=99")
		if p.StatusCode != http.StatusUnprocessableEntity || p.FieldError("age") != "Vul een leeftijd in van 0 tot en met 23 jaar." ||
			p.Value("age") != "99" || p.Selected("need") != "respite" {
			t.Errorf("bad search: %d, error %q, age %q, need %q", p.StatusCode, p.FieldError("age"), p.Value("age"), p.Selected("need"))
		}
		p = own.Get("/kaart?need=respite&region=midden")
		entry := "entry-" + strconv.FormatInt(w.entry, 10)
		if p.StatusCode != http.StatusOK || !strings.Contains(p.Within(entry), "Logeerhuis De Vlinder") || p.Present(entry+"-edit") {
			t.Errorf("case manager's search: %d, entry %q, edit link %v", p.StatusCode, p.Within(entry), p.Present(entry+"-edit"))
		}

		// The coordinator changes the entry; a bad website keeps the form.
		edit := coord.Get("/kaart/" + strconv.FormatInt(w.entry, 10) + "/edit")
		v := edit.FormFields(t, "entry-form")
		v.Set("website", "javascript:alert(1)")
		p = coord.Post("/kaart/"+strconv.FormatInt(w.entry, 10), v)
		if p.StatusCode != http.StatusUnprocessableEntity || p.FieldError("website") == "" || p.Value("name") != "Logeerhuis De Vlinder" {
			t.Errorf("bad website: %d, error %q", p.StatusCode, p.FieldError("website"))
		}
		v.Set("website", "https://vlinder.example")
		v.Set("ventilation", "1")
		if p = coord.Post("/kaart/"+strconv.FormatInt(w.entry, 10), v); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit: %d", p.StatusCode)
		}
		if p = coord.Post("/kaart/"+strconv.FormatInt(w.entry, 10)+"/capacity", url.Values{"capacity": {"full"}}); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("capacity: %d", p.StatusCode)
		}
		e, err := a.Store.DirectoryEntry(context.Background(), w.entry)
		if err != nil || e.Website != "https://vlinder.example" || !e.Can(care.CapVentilation) || e.Capacity != care.CapacityFull {
			t.Errorf("entry after the edits: %+v, %v", e, err)
		}

		// Added from the family's kaart, the service shows as in the network.
		fam := strconv.FormatInt(w.famA, 10)
		if p = own.Post("/families/"+fam+"/network-kaart/"+strconv.FormatInt(w.entry, 10), nil); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("add: %d", p.StatusCode)
		}
		p = own.Get("/families/" + fam + "/network/kaart?need=respite&region=midden")
		if !p.Present(entry+"-in-network") || p.Present(entry+"-add") {
			t.Errorf("family kaart after adding: in network %v, add button %v", p.Present(entry+"-in-network"), p.Present(entry+"-add"))
		}
		if p = own.Post("/families/"+fam+"/network-kaart/"+strconv.FormatInt(w.entry, 10), nil); p.StatusCode != http.StatusSeeOther ||
			!strings.Contains(p.Header.Get("Location"), "already=1") {
			t.Errorf("adding twice: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}

		tl := own.Get("/families/" + fam + "/timeline")
		if tl.StatusCode != http.StatusOK || tl.Tag("svg") == nil || !strings.Contains(tl.Within("list-places"), "Thuis") {
			t.Errorf("timeline page: %d, places %q", tl.StatusCode, tl.Within("list-places"))
		}
	})
}
