package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// parse checks that out is well-formed XML with one svg root, and returns
// its rects' heights or widths (by orientation), its title and its texts.
func parse(t *testing.T, out string, horizontal bool) (sizes []string, title string, texts []string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(out))
	depth, roots := 0, 0
	var in string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Local != "svg" {
					t.Fatalf("root is %s", tok.Name.Local)
				}
			}
			depth++
			in = tok.Name.Local
			if tok.Name.Local == "rect" {
				for _, a := range tok.Attr {
					if horizontal && a.Name.Local == "width" || !horizontal && a.Name.Local == "height" {
						sizes = append(sizes, a.Value)
					}
				}
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			switch in {
			case "title":
				title += string(tok)
			case "text":
				texts = append(texts, string(tok))
			}
		}
	}
	if roots != 1 || depth != 0 {
		t.Fatalf("%d roots, depth %d", roots, depth)
	}
	return sizes, title, texts
}

func TestBarsVertical(t *testing.T) {
	c := Bars{ID: "c", Title: "Contacten per maand", Desc: "jan 4, feb 8, mrt <5", Bars: []Bar{
		{Label: "jan", Value: 4}, {Label: "feb", Value: 8}, {Label: "mrt", Value: 3, Shown: "<5", Hidden: true}}}
	sizes, title, texts := parse(t, string(c.SVG()), false)
	if title != "Contacten per maand" {
		t.Errorf("title = %q", title)
	}
	// The tallest bar fills the plot (120), the others in proportion; a
	// hidden figure has no bar.
	if strings.Join(sizes, ",") != "60,120,0" {
		t.Errorf("heights = %v", sizes)
	}
	if strings.Join(texts, ",") != "4,jan,8,feb,<5,mrt" {
		t.Errorf("texts = %v", texts)
	}
	out := string(c.SVG())
	for _, want := range []string{`role="img"`, `aria-labelledby="c-title c-desc"`, `<desc id="c-desc">jan 4, feb 8, mrt &lt;5</desc>`} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
}

func TestBarsHorizontal(t *testing.T) {
	c := Bars{ID: "d", Title: "Naar geslacht", Horizontal: true, Bars: []Bar{{Label: "meisje", Value: 10}, {Label: "jongen", Value: 5}}}
	sizes, _, texts := parse(t, string(c.SVG()), true)
	if strings.Join(sizes, ",") != "240,120" {
		t.Errorf("widths = %v", sizes)
	}
	if strings.Join(texts, ",") != "meisje,10,jongen,5" {
		t.Errorf("texts = %v", texts)
	}
}

// Odd input still gives a valid SVG: no bars, one bar, zeros, huge and
// negative numbers, and labels that are no text at all.
func TestBarsOddInput(t *testing.T) {
	for name, bars := range map[string][]Bar{
		"empty":    nil,
		"one":      {{Label: "x", Value: 1}},
		"zeros":    {{Value: 0}, {Value: 0}},
		"huge":     {{Label: "a", Value: math.MaxInt}, {Label: "b", Value: math.MaxInt - 1}, {Label: "c", Value: 1}},
		"negative": {{Label: "a", Value: -5}, {Label: "b", Value: math.MinInt}},
		"markup":   {{Label: `</text><script>alert(1)</script>`, Shown: `"&'<>`}},
		"binary":   {{Label: "\x00\x01\xff\xfe", Shown: "\x1b"}},
	} {
		for _, horizontal := range []bool{false, true} {
			c := Bars{ID: `i"d`, Title: name + " <&>", Desc: "\x00", Bars: bars, Horizontal: horizontal}
			sizes, _, _ := parse(t, string(c.SVG()), horizontal)
			for _, s := range sizes {
				if strings.HasPrefix(s, "-") {
					t.Errorf("%s: negative size %s", name, s)
				}
			}
			if strings.Contains(string(c.SVG()), "<script") {
				t.Errorf("%s: markup got through", name)
			}
		}
	}
}

func FuzzBars(f *testing.F) {
	f.Add("jan", 3, "feb", 0, false, "t")
	f.Add("", -1, "\x00<", math.MaxInt, true, "&")
	f.Fuzz(func(t *testing.T, l1 string, v1 int, l2 string, v2 int, horizontal bool, title string) {
		c := Bars{ID: title, Title: title, Desc: l1 + l2, Horizontal: horizontal,
			Bars: []Bar{{Label: l1, Value: v1}, {Label: l2, Value: v2, Hidden: v2%2 == 0, Shown: l2}}}
		sizes, _, _ := parse(t, string(c.SVG()), horizontal)
		if len(sizes) != 2 {
			t.Fatalf("%d bars drawn, want 2", len(sizes))
		}
	})
}
