package web

import (
	"bytes"
	"encoding/xml"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// journeyTimeline is a timeline with every kind of band and mark: stays
// with and without a name, overlapping financing, and a name that would
// break XML if it were not escaped.
func journeyTimeline(today time.Time) care.Timeline {
	day := func(n int) time.Time { return today.AddDate(0, 0, n) }
	return care.BuildTimeline(care.TimelineInput{Today: today, BirthDate: day(-12*365 - 30),
		Episode: &care.Episode{ReferralDate: day(-500)},
		Stays: []care.Stay{{Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: `Sophia <"&'>`, Start: day(-400), End: day(-380)},
			{Kind: care.StayHome, Start: day(-380), End: day(-40)}, {Kind: care.StayRespite, Place: "De Vlinder", Start: day(-40), End: day(-37)},
			{Kind: care.StayHome, Start: day(-37)}},
		Coverage: []care.CoverageItem{{Kind: "home_nursing", Periods: []care.CoveragePeriod{
			{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted, Start: day(-450)}}},
			{Kind: "respite", Periods: []care.CoveragePeriod{{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, Start: day(-200), End: day(100)}}}},
		Plan:      []care.PlanVersionInfo{{Version: 1, SavedAt: day(-480)}, {Version: 2, SavedAt: day(-370)}},
		Meetings:  []care.Meeting{{Purpose: care.PurposeWarmHandoff, Start: day(-382)}},
		Transfers: []care.Transfer{{FromKind: "academic_hospital", ToKind: "home", PlannedOn: day(-380), Status: care.TransferDone}},
		Intensity: []care.IntensityChange{{Intensity: care.Intensive, ChangedAt: day(-400)}},
		Extra:     []care.TimelineMark{{Kind: care.MarkAftercare, Date: day(-2)}},
	})
}

// journeyCases are the timeline for the case managers, a parent, a child
// and a provider, and empty; the kaart searched by a coordinator (with
// errors) and a case manager, a family's kaart, and the white spots.
func journeyCases(base func(title string) BasePage) map[string]any {
	today := care.DateOf(time.Now())
	cp := CarePage{BasePage: base("timeline.title"), Today: today}
	fam := care.Family{ID: 7, ChildName: "Sam"}
	tl := journeyTimeline(today)
	entries := []care.DirectoryEntry{
		{ID: 1, Name: "Logeerhuis De Vlinder", Kind: care.ServiceRespite, Region: "midden", MaxAge: 18, Address: "Laan 1",
			Phone: "030 1234567", Email: "a@example.org", Website: "https://example.org", Offers: "Logeren",
			Capabilities: []string{care.CapTubeFeeding}, Capacity: care.CapacityAvailable, CapacityOn: today},
		{ID: 2, Name: "Kinderhospice Binnenhof", Kind: care.ServiceHospice, Region: "midden", MaxAge: 23, Capacity: care.CapacityUnknown},
	}
	res := &care.DirectoryResult{Query: care.DirectoryQuery{Need: care.ServiceRespite, Region: "midden"}, Entries: entries, Region: "midden"}
	search := KaartSearch{Action: "/kaart", Query: res.Query, Values: map[string][]string{"need": {"respite"}, "region": {"midden"}}}
	bad := KaartSearch{Action: "/kaart", Errors: Fields{"age": "directory.age_invalid", "need": "field.choose"}, Values: map[string][]string{"age": {"99"}}}
	return map[string]any{
		"timeline": &TimelinePage{CarePage: cp, Base: "/families/7",
			File: &care.TimelineFile{Family: fam, Viewer: care.ViewerCaseManager, Today: today, Timeline: tl}},
		"timeline_family": &TimelinePage{CarePage: cp, Base: "/my/families/7",
			File: &care.TimelineFile{Family: fam, Viewer: care.ViewerFamily, Today: today, Timeline: tl}},
		"timeline_child": &TimelinePage{CarePage: cp, Base: "/my/families/7",
			File: &care.TimelineFile{Family: fam, Viewer: care.ViewerFamily, IsChild: true, Today: today, Timeline: tl}},
		"timeline_provider": &TimelinePage{CarePage: cp, Base: "/provider/families/7", Provider: true,
			File: &care.TimelineFile{Family: care.Family{ID: 7, ChildName: "Sam"}, Viewer: care.ViewerProvider, Today: today, Timeline: tl}},
		"timeline_empty": &TimelinePage{CarePage: cp, Base: "/families/8",
			File: &care.TimelineFile{Family: care.Family{ID: 8, ChildName: "Noor"}, Viewer: care.ViewerCaseManager, Today: today,
				Timeline: care.BuildTimeline(care.TimelineInput{Today: today, BirthDate: today, Unborn: true})}},
		"kaart":             &KaartPage{CarePage: cp, Result: res, Search: search, Edit: true, SetCapacity: true, Saved: "directory.saved.capacity"},
		"kaart_casemanager": &KaartPage{CarePage: cp, Result: &care.DirectoryResult{}, Search: bad},
		"family_kaart": &FamilyKaartPage{CarePage: cp, Base: "/families/7", Search: search, Conflict: true,
			Dir: &care.FamilyDirectory{Family: fam, Result: *res, InNetwork: []int64{2}}},
		"family_kaart_view": &FamilyKaartView{CarePage: cp, Base: "/my/families/7",
			Dir: &care.FamilyDirectory{Family: fam, Result: *res, InNetwork: []int64{1}}},
		"family_kaart_view_child": &FamilyKaartView{CarePage: cp, Base: "/my/families/7", Errors: Fields{"need": "field.choose"},
			Dir: &care.FamilyDirectory{Family: fam, IsChild: true, Result: care.DirectoryResult{Region: "midden"}}},
		"family_kaart_view_noregion": &FamilyKaartView{CarePage: cp, Base: "/my/families/7", Dir: &care.FamilyDirectory{Family: fam}},
		"kaart_whitespots": &WhiteSpotsPage{CarePage: cp, Report: &care.WhiteSpotReport{Regions: care.WhiteSpots(entries, []care.RegionalNeed{
			{Region: "midden", CoverageKind: "respite", Count: 2}, {Region: "midden", CoverageKind: "home_nursing", Count: 7},
			{Region: "noord", CoverageKind: "respite", Served: true, Count: 1},
			{Region: "midden", Count: 6}, {Region: "noord", Count: 1}})}},
	}
}

// TestTimelineSVGIsXML: the picture parses as XML, has a band for every
// stay and financing period and a mark for every event, and holds the
// escaped place name as text.
func TestTimelineSVGIsXML(t *testing.T) {
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	today := care.DateOf(time.Now())
	tl := journeyTimeline(today)
	p := &TimelinePage{CarePage: CarePage{BasePage: BasePage{translator: s.i18n.translator("nl"), Lang: "nl"}, Today: today},
		File: &care.TimelineFile{Family: care.Family{ChildName: "Sam"}, Viewer: care.ViewerCaseManager, Timeline: tl}}
	svg := string(p.Picture())
	bands, marks, texts := parseSVG(t, svg)
	if want := len(tl.Places) + len(tl.Financing); bands != want {
		t.Errorf("%d bands, want %d", bands, want)
	}
	if marks != len(tl.Marks) {
		t.Errorf("%d marks, want %d", marks, len(tl.Marks))
	}
	if !strings.Contains(texts, `Sophia <"&'>`) {
		t.Errorf("the place's name is not in the picture's text")
	}
}

// parseSVG reads svg as XML and counts its bands and marks; it fails the
// test when svg is not well-formed.
func parseSVG(t testing.TB, svg string) (bands, marks int, texts string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var text bytes.Buffer
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, svg)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 && x.Name.Local != "svg" {
				t.Fatalf("root %q, want svg", x.Name.Local)
			}
			for _, a := range x.Attr {
				if a.Name.Local == "class" && x.Name.Local == "g" {
					switch {
					case strings.HasPrefix(a.Value, "band"):
						bands++
					case a.Value == "mark":
						marks++
					}
				}
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			text.Write(x)
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced elements")
	}
	return bands, marks, text.String()
}

// FuzzTimelineSVG draws odd timelines, with any text in the labels and any
// dates, and checks the picture always parses as XML.
func FuzzTimelineSVG(f *testing.F) {
	f.Add("Sophia", "MDO", int64(0), int64(10), int64(3))
	f.Add("<]]>&\x00\xff", "\"'<", int64(-5), int64(-5), int64(100000))
	f.Add("", "", int64(365*30), int64(1), int64(0))
	f.Fuzz(func(t *testing.T, label, mark string, start, length, at int64) {
		day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		clamp := func(n int64) int { return int(max(-20000, min(20000, n))) }
		from := day.AddDate(0, 0, clamp(start))
		c := svgChart{ID: "t", Title: label, Desc: mark, From: day, To: day.AddDate(0, 0, 400),
			MonthNames: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", mark},
			Lanes: []svgLane{{Title: label, Rows: 2, Bands: []svgBand{
				{Start: from, End: from.AddDate(0, 0, clamp(length)), Label: label, Class: label},
				{Row: 1, Start: day, End: day.AddDate(0, 0, 400), Label: mark}}}},
			Marks: []svgMark{{Date: day.AddDate(0, 0, clamp(at)), Label: mark}, {Date: day, Label: label}}}
		parseSVG(t, string(timelineSVG(c)))
	})
}
