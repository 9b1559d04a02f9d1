// Package chart draws simple bar charts as SVG on the server: bars over
// time (vertical) and a distribution (horizontal), each with a title and
// a description for screen readers. The page shows the figures in a table
// beside the chart; the chart adds the picture, never information of its
// own.
package chart

import (
	"encoding/xml"
	"html/template"
	"strconv"
	"strings"
)

// Bar is one bar: its label, its value, and the text shown for it (the
// value itself when empty; "<5" for a hidden figure, drawn without a bar).
type Bar struct {
	Label  string
	Value  int
	Shown  string
	Hidden bool
}

// Bars is a bar chart.
type Bars struct {
	ID    string // unique on the page: names the title and description
	Title string
	Desc  string // what the chart shows, in words
	Bars  []Bar
	// Horizontal draws one row per bar, for a distribution; vertical
	// bars are for values over time.
	Horizontal bool
}

// Sizes, in the SVG's own units (the SVG scales to its box).
const (
	rowHeight  = 26
	labelWidth = 150
	plotWidth  = 240
	colWidth   = 44
	plotHeight = 140
	margin     = 6
)

// SVG draws the chart.
func (c Bars) SVG() template.HTML {
	var b strings.Builder
	max := 0
	for _, bar := range c.Bars {
		if !bar.Hidden && bar.Value > max {
			max = bar.Value
		}
	}
	var w, h int
	if c.Horizontal {
		w, h = labelWidth+plotWidth+60, margin*2+rowHeight*max1(len(c.Bars))
	} else {
		w, h = margin*2+colWidth*max1(len(c.Bars)), plotHeight+48
	}
	id := esc(c.ID)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 `)
	b.WriteString(strconv.Itoa(w) + " " + strconv.Itoa(h) + `" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h))
	b.WriteString(`" preserveAspectRatio="xMinYMin meet" aria-labelledby="` + id + `-title ` + id + `-desc">`)
	b.WriteString(`<title id="` + id + `-title">` + esc(c.Title) + `</title>`)
	b.WriteString(`<desc id="` + id + `-desc">` + esc(c.Desc) + `</desc>`)
	scale := func(v, room int) int {
		if max == 0 || v <= 0 {
			return 0
		}
		// In floating point: a product of two large ints would overflow.
		return int(float64(v) / float64(max) * float64(room))
	}
	for i, bar := range c.Bars {
		shown := bar.Shown
		if shown == "" {
			shown = strconv.Itoa(bar.Value)
		}
		length := 0
		if !bar.Hidden {
			length = scale(bar.Value, plotWidth)
		}
		if c.Horizontal {
			y := margin + i*rowHeight
			b.WriteString(`<g><text class="chart-label" x="` + strconv.Itoa(labelWidth-6) + `" y="` + strconv.Itoa(y+17) +
				`" text-anchor="end">` + esc(bar.Label) + `</text>`)
			b.WriteString(`<rect class="chart-bar" x="` + strconv.Itoa(labelWidth) + `" y="` + strconv.Itoa(y+4) +
				`" width="` + strconv.Itoa(length) + `" height="` + strconv.Itoa(rowHeight-8) + `"></rect>`)
			b.WriteString(`<text class="chart-value" x="` + strconv.Itoa(labelWidth+length+6) + `" y="` + strconv.Itoa(y+17) + `">` +
				esc(shown) + `</text></g>`)
			continue
		}
		height := 0
		if !bar.Hidden {
			height = scale(bar.Value, plotHeight-20)
		}
		x := margin + i*colWidth
		base := plotHeight
		b.WriteString(`<g><rect class="chart-bar" x="` + strconv.Itoa(x+6) + `" y="` + strconv.Itoa(base-height) +
			`" width="` + strconv.Itoa(colWidth-12) + `" height="` + strconv.Itoa(height) + `"></rect>`)
		b.WriteString(`<text class="chart-value" x="` + strconv.Itoa(x+colWidth/2) + `" y="` + strconv.Itoa(base-height-4) +
			`" text-anchor="middle">` + esc(shown) + `</text>`)
		b.WriteString(`<text class="chart-label" x="` + strconv.Itoa(x+colWidth/2) + `" y="` + strconv.Itoa(base+18) +
			`" text-anchor="middle">` + esc(bar.Label) + `</text></g>`)
	}
	if !c.Horizontal {
		b.WriteString(`<line class="chart-axis" x1="` + strconv.Itoa(margin) + `" y1="` + strconv.Itoa(plotHeight) + `" x2="` +
			strconv.Itoa(w-margin) + `" y2="` + strconv.Itoa(plotHeight) + `"></line>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it is escaped by esc
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// esc escapes text for XML, and replaces what XML cannot hold (invalid
// UTF-8, control characters) with U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
