package web

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"
)

// The timeline drawn on the server as SVG: no script, readable on a phone
// (the picture keeps its width and its container scrolls sideways) and in
// print (the viewBox lets it shrink to the page). Every text is escaped
// here, so the result is well-formed XML whatever the file holds.

// svgChart is what the picture shows, its texts already in the reader's
// language.
type svgChart struct {
	ID         string // prefix of the element ids
	Title      string
	Desc       string
	From, To   time.Time // first day, and the day after the last
	Lanes      []svgLane
	Marks      []svgMark
	MonthNames []string // twelve short month names
}

// svgLane is a lane of bands with its heading.
type svgLane struct {
	Title string
	Rows  int
	Bands []svgBand
}

// svgBand is one period: its row in the lane, its days and its text.
type svgBand struct {
	Row        int
	Start, End time.Time
	Label      string
	Class      string // one of svgFills' keys
}

// svgMark is an event on one day.
type svgMark struct {
	Date  time.Time
	Label string
}

// svgFills are the colours of the bands, by class: calm, distinct, and
// dark text readable on each.
var svgFills = map[string]string{
	"home": "#cfe8d5", "hospital": "#f6c9c4", "hospice": "#ddd0ee", "respite": "#fbe0b8", "other": "#dde3ea",
	"zvw": "#c9def5", "wlz": "#d4ecd0", "wmo": "#f3e1c2", "jeugdwet": "#efd0e3", "law_other": "#e2e2e2",
}

// Sizes, in pixels.
const (
	svgPad        = 8
	svgAxis       = 34 // the years and months on top
	svgLaneTitle  = 18
	svgRow        = 26
	svgRowGap     = 4
	svgLaneGap    = 10
	svgMarkRow    = 16
	svgCharWidth  = 6.4 // an estimate of a character of the 11px font
	svgMinWidth   = 340
	svgMaxWidth   = 4000
	svgDayWidth   = 1.4
	svgBandInset  = 4
	svgMarkSymbol = 5
)

// timelineSVG draws the chart.
func timelineSVG(c svgChart) template.HTML {
	days := max(1, int(math.Round(c.To.Sub(c.From).Hours()/24)))
	perDay := min(max(svgDayWidth, float64(svgMinWidth-2*svgPad)/float64(days)), float64(svgMaxWidth-2*svgPad)/float64(days))
	plot := perDay * float64(days)
	width := plot + 2*svgPad
	x := func(t time.Time) float64 {
		d := t.Sub(c.From).Hours() / 24
		return svgPad + math.Max(0, math.Min(d, float64(days)))*perDay
	}

	var b strings.Builder
	y := float64(svgAxis)
	lanesTop := y
	var body strings.Builder
	for li, lane := range c.Lanes {
		fmt.Fprintf(&body, `<text class="lane-title" x="%d" y="%.1f" font-size="12" font-weight="bold" fill="#1a1a1a">%s</text>`,
			svgPad, y+13, esc(lane.Title))
		y += svgLaneTitle
		rows := max(1, lane.Rows)
		for _, band := range lane.Bands {
			x0, x1 := x(band.Start), x(band.End)
			w := math.Max(1, x1-x0)
			top := y + float64(band.Row)*(svgRow+svgRowGap)
			fill, ok := svgFills[band.Class]
			if !ok {
				fill = svgFills["other"]
			}
			fmt.Fprintf(&body, `<g class="band lane-%d"><title>%s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%d" rx="3" fill="%s" stroke="#5b6670" stroke-width="0.6"/>`,
				li, esc(band.Label), x0, top, w, svgRow, fill)
			if label := fitText(band.Label, w-2*svgBandInset); label != "" {
				fmt.Fprintf(&body, `<text x="%.1f" y="%.1f" font-size="11" fill="#1a1a1a">%s</text>`, x0+svgBandInset, top+17, esc(label))
			}
			body.WriteString(`</g>`)
		}
		y += float64(rows)*(svgRow+svgRowGap) - svgRowGap + svgLaneGap
	}
	lanesBottom := y

	// Marks: a line through the lanes, a dot on top of the axis, and the
	// label below the lanes on the first row where it does not run into
	// the label before it.
	var rowEnds []float64
	var marks strings.Builder
	for _, m := range c.Marks {
		mx := x(m.Date) + 0.5*perDay
		text := m.Label
		tw := float64(len([]rune(text)))*svgCharWidth + 6
		tx := mx - 3
		if tx+tw > width-svgPad {
			tx = math.Max(svgPad, width-svgPad-tw)
		}
		row := -1
		for i, e := range rowEnds {
			if e <= tx {
				row = i
				break
			}
		}
		if row < 0 {
			row, rowEnds = len(rowEnds), append(rowEnds, 0)
		}
		rowEnds[row] = tx + tw
		ty := lanesBottom + float64(row+1)*svgMarkRow
		fmt.Fprintf(&marks, `<g class="mark"><title>%s</title><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#3a4650" stroke-width="1" stroke-dasharray="3 2"/><circle cx="%.1f" cy="%.1f" r="%d" fill="#3a4650"/><text x="%.1f" y="%.1f" font-size="11" fill="#1a1a1a">%s</text></g>`,
			esc(text), mx, lanesTop-4, mx, ty-11, mx, lanesTop-4, svgMarkSymbol-2, tx, ty, esc(text))
	}
	height := lanesBottom + float64(len(rowEnds))*svgMarkRow + svgPad

	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" role="img" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" aria-labelledby="%s-title %s-desc" font-family="system-ui, sans-serif">`,
		math.Ceil(width), math.Ceil(height), math.Ceil(width), math.Ceil(height), c.ID, c.ID)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, c.ID, esc(c.Title), c.ID, esc(c.Desc))
	b.WriteString(axis(c, x, perDay, lanesTop, width, height))
	b.WriteString(body.String())
	b.WriteString(marks.String())
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// axis draws the years, and the months when there is room for them, with
// a thin line down the chart at each.
func axis(c svgChart, x func(time.Time) float64, perDay, top, width, height float64) string {
	var b strings.Builder
	b.WriteString(`<g class="axis">`)
	showMonths := perDay*30 >= 22
	first := time.Date(c.From.Year(), c.From.Month(), 1, 0, 0, 0, 0, time.UTC)
	for m := first; m.Before(c.To); m = m.AddDate(0, 1, 0) {
		if m.Before(c.From) {
			continue
		}
		mx := x(m)
		switch {
		case m.Month() == time.January || m.Equal(first) && !m.Before(c.From):
			fmt.Fprintf(&b, `<line x1="%.1f" y1="4" x2="%.1f" y2="%.1f" stroke="#8a949c" stroke-width="0.8"/><text x="%.1f" y="14" font-size="11" font-weight="bold" fill="#1a1a1a">%d</text>`,
				mx, mx, height-svgPad, mx+3, m.Year())
		case showMonths:
			fmt.Fprintf(&b, `<line x1="%.1f" y1="20" x2="%.1f" y2="%.1f" stroke="#d5dade" stroke-width="0.6"/>`, mx, mx, height-svgPad)
		}
		if name := c.MonthNames; showMonths && len(name) == 12 &&
			mx+2+float64(len([]rune(name[m.Month()-1])))*svgCharWidth <= width {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" fill="#4a555e">%s</text>`, mx+2, top-10, esc(c.MonthNames[m.Month()-1]))
		}
	}
	if first.Before(c.From) {
		// The first year, named at the start when it began earlier.
		fmt.Fprintf(&b, `<text x="%d" y="14" font-size="11" font-weight="bold" fill="#1a1a1a">%d</text>`, svgPad, c.From.Year())
	}
	b.WriteString(`</g>`)
	return b.String()
}

// fitText is the label when it fits in width, else a shortened one with
// an ellipsis, else "" when not even a few characters fit.
func fitText(s string, width float64) string {
	n := int(width / svgCharWidth)
	r := []rune(s)
	switch {
	case len(r) <= n:
		return s
	case n < 4:
		return ""
	}
	return string(r[:n-1]) + "…"
}

// esc escapes text for XML: element text and attribute values alike.
// Characters XML cannot hold at all are dropped.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return -1
	}, s)
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
