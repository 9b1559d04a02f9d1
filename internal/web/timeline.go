package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The child's journey as a picture, behind three doors: the case
// managers, the family and a provider whose consent covers the whole
// file. The care service decides, and records, whether this family's
// timeline may be seen through the door; the page draws the same
// timeline as a picture and as a list.

// TimelinePage is the timeline for one reader.
type TimelinePage struct {
	CarePage
	File     *care.TimelineFile
	Base     string // the family's page in this view
	Provider bool
}

// W says key in the reader's words: the family's and a child's words
// have their own keys ("timeline.family.…", "timeline.child.…"); a
// provider reads the professionals' words.
func (p *TimelinePage) W(key string, data ...any) string {
	if p.File.Viewer == care.ViewerFamily {
		if head, tail, ok := strings.Cut(key, "."); ok {
			if v := p.ForChild(p.File.IsChild, head+".family."+tail, data...); v != head+".family."+tail {
				return v
			}
		}
	}
	return p.T(key, data...)
}

// ChildName is the child's name.
func (p *TimelinePage) ChildName() string { return p.File.Family.ChildName }

// TimelineRow is one line of the timeline as a list.
type TimelineRow struct {
	When  string
	Label string
}

// PlaceRows, FinancingRows and MarkRows are the timeline as lists, in
// date order.
func (p *TimelinePage) PlaceRows() []TimelineRow {
	var out []TimelineRow
	for _, b := range p.File.Timeline.Places {
		out = append(out, TimelineRow{When: p.bandWhen(b), Label: p.BandLabel(b)})
	}
	return out
}

func (p *TimelinePage) FinancingRows() []TimelineRow {
	var out []TimelineRow
	for _, b := range p.File.Timeline.Financing {
		out = append(out, TimelineRow{When: p.bandWhen(b), Label: p.BandLabel(b)})
	}
	return out
}

func (p *TimelinePage) MarkRows() []TimelineRow {
	var out []TimelineRow
	for _, m := range p.File.Timeline.Marks {
		out = append(out, TimelineRow{When: p.Date(m.Date), Label: p.MarkLabel(m)})
	}
	return out
}

// bandWhen is a band's dates: "2 mrt 2026 – 20 mrt 2026" (the last day it
// covers) or "sinds 2 mrt 2026".
func (p *TimelinePage) bandWhen(b care.TimelineBand) string {
	if b.Ongoing {
		return p.T("timeline.since", "Date", p.Date(b.Start))
	}
	return p.T("timeline.from_to", "From", p.Date(b.Start), "To", p.Date(b.End.AddDate(0, 0, -1)))
}

// BandLabel names a band: the place, or the care and how it is paid.
func (p *TimelinePage) BandLabel(b care.TimelineBand) string {
	if b.Lane == care.LanePlace {
		label := p.T("stays.kind." + b.Kind)
		if b.Unit != "" {
			label += " (" + p.T("stays.unit."+b.Unit) + ")"
		}
		if b.Place != "" {
			label += " — " + b.Place
		}
		return label
	}
	label := p.T("coverage.kind."+b.Kind) + " · " + p.T("timeline.law."+b.Law) + " " + p.T("timeline.form."+b.Form)
	if b.Hours > 0 {
		label += " · " + p.T("timeline.hours", "Hours", coverageHours(b.Hours, p.Lang))
	}
	return label
}

// MarkLabel says what happened.
func (p *TimelinePage) MarkLabel(m care.TimelineMark) string {
	switch m.Kind {
	case care.MarkPlan:
		return p.W("timeline.mark.care_plan", "N", m.Value)
	case care.MarkMeeting:
		return p.W("timeline.mark.meeting", "Purpose", p.T("meeting.purpose."+m.Value))
	case care.MarkTransfer:
		from, to, _ := strings.Cut(m.Value, ">")
		return p.W("timeline.mark.transfer", "From", p.T("stays.kind."+from), "To", p.T("stays.kind."+to))
	case care.MarkIntensity:
		return p.W("timeline.mark.intensity", "Level", p.Intensity(care.Intensity(m.Value)))
	case care.MarkAge:
		return p.W("timeline.mark.age", "Name", p.ChildName(), "Age", m.Value)
	case care.MarkDiagnosis:
		return p.W("timeline.mark.diagnosis", "Diagnosis", m.Value)
	case care.MarkAftercare:
		if m.Value == care.AftercareDone || m.Value == care.AftercarePlanned {
			return p.W("timeline.mark.aftercare_" + m.Value)
		}
		return p.W("timeline.mark.aftercare")
	case care.MarkBirth, care.MarkReferral, care.MarkDeath:
		return p.W("timeline.mark."+m.Kind, "Name", p.ChildName())
	}
	return m.Value
}

// bandClass is the colour of a band.
func bandClass(b care.TimelineBand) string {
	if b.Lane == care.LaneFinancing {
		switch b.Law {
		case care.LawZvw, care.LawWlz, care.LawWmo, care.LawJeugdwet:
			return b.Law
		}
		return "law_other"
	}
	switch b.Kind {
	case care.StayHome:
		return "home"
	case care.StayGeneralHospital, care.StayAcademicHospital:
		return "hospital"
	case care.StayHospice:
		return "hospice"
	case care.StayRespite:
		return "respite"
	}
	return "other"
}

// Picture is the timeline drawn as SVG.
func (p *TimelinePage) Picture() template.HTML {
	tl := p.File.Timeline
	c := svgChart{ID: "timeline", Title: p.W("timeline.picture_title", "Name", p.ChildName()),
		Desc: p.W("timeline.picture_desc", "From", p.Date(tl.From), "To", p.Date(tl.To.AddDate(0, 0, -1))),
		From: tl.From, To: tl.To, MonthNames: p.monthNames()}
	places := svgLane{Title: p.W("timeline.lane.place"), Rows: 1}
	for _, b := range tl.Places {
		places.Bands = append(places.Bands, svgBand{Row: b.Row, Start: b.Start, End: b.End, Label: p.BandLabel(b), Class: bandClass(b)})
	}
	financing := svgLane{Title: p.W("timeline.lane.financing"), Rows: tl.FinancingRows}
	for _, b := range tl.Financing {
		financing.Bands = append(financing.Bands, svgBand{Row: b.Row, Start: b.Start, End: b.End, Label: p.BandLabel(b), Class: bandClass(b)})
	}
	c.Lanes = []svgLane{places, financing}
	for _, m := range tl.Marks {
		c.Marks = append(c.Marks, svgMark{Date: m.Date, Label: p.MarkLabel(m)})
	}
	return timelineSVG(c)
}

// monthNames are the short names of the months in the page's language.
func (p *TimelinePage) monthNames() []string {
	var out []string
	for m := time.January; m <= time.December; m++ {
		out = append(out, p.T("timeline.month."+strconv.Itoa(int(m))))
	}
	return out
}

// timelineShow draws the timeline behind the door view.
func (s *Server) timelineShow(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		tf, err := s.care.Timeline(r.Context(), s.actor(r), view, id)
		if err != nil {
			return err
		}
		p := &TimelinePage{CarePage: s.carePage(r, "timeline.title"), File: tf, Base: familyURL(id, "")}
		switch view {
		case care.ViewFamily:
			p.Base = myFamilyURL(id, "")
		case care.ViewProvider:
			p.Provider, p.Base = true, providerURL(id, "")
		}
		p.Path = p.Base + "/timeline"
		s.render(w, r, http.StatusOK, "timeline", p)
		return nil
	}
}
