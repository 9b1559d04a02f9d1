package web

import (
	"net/http"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The handoff summary of a transfer: one page behind three doors (the
// case managers, the family, a provider with consent), to read in the app
// and to print on A4 from the browser. Opening it is reading it; the
// page's script reports the printing, which is recorded apart.
//
// No PDF: the browser's "print to PDF" makes one from the same page and
// print stylesheet, and the Go libraries that draw PDFs would mean a
// second layout of the same summary to keep true.

// HandoffPage is the summary as one reader sees it.
type HandoffPage struct {
	CarePage
	H       *care.Handoff
	Base    string // the reader's page of the family
	Printed string // when the page was drawn
}

// W says key in the reader's words: a professional's version of a key
// (a provider's or a case manager's: "u") has "provider." after its first
// part, a child's "child."; a key without one falls back to the family's
// words.
func (p *HandoffPage) W(key string, data ...any) string {
	if p.H.Viewer != care.ViewerFamily {
		if head, tail, ok := strings.Cut(key, "."); ok {
			if v := p.T(head+".provider."+tail, data...); v != head+".provider."+tail {
				return v
			}
		}
	}
	return p.ForChild(p.H.IsChild, key, data...)
}

// PrintedURL is where the page's script reports the printing.
func (p *HandoffPage) PrintedURL() string { return p.URL() + "/printed" }

// URL is the page's own path.
func (p *HandoffPage) URL() string {
	return p.Base + "/transfers/" + idString(p.H.Transfer.ID) + "/handoff"
}

// NoResuscitation is the plan's decision not to resuscitate, or nil: the
// page puts it first, as the emergency summary does.
func (p *HandoffPage) NoResuscitation() *care.Directive { return p.H.NoResuscitation() }

// Wishes are the family's wishes in their own words: the plan's wishes
// and the wishes for care; empty when none is written.
func (p *HandoffPage) Wishes() []string {
	if p.H.Plan == nil {
		return nil
	}
	var out []string
	for _, w := range []string{p.H.Plan.Wishes, p.H.Plan.ACP.CareWishes} {
		if strings.TrimSpace(w) != "" {
			out = append(out, w)
		}
	}
	return out
}

// GoalsOf are the plan's goals of one dimension.
func (p *HandoffPage) GoalsOf(d care.Dimension) []care.PlanGoal {
	var out []care.PlanGoal
	for _, g := range p.H.Goals {
		if g.Dimension == d {
			out = append(out, g)
		}
	}
	return out
}

// Dimensions are the plan's dimensions, for the goals.
func (p *HandoffPage) Dimensions() []care.Dimension { return care.Dimensions }

// CoverageLine says a running item's law, hours a week and end.
func (p *HandoffPage) CoverageLine(c care.CoverageItem) string {
	cur := c.Current()
	parts := []string{p.T("coverage_view.law." + cur.Law)}
	if cur.HoursPerWeek > 0 {
		parts = append(parts, p.T("coverage_view.hours", "N", coverageHours(cur.HoursPerWeek, p.Lang)))
	}
	if end := p.H.EndOf(&c); !end.IsZero() {
		parts = append(parts, p.T("transfer.handoff.until", "Date", p.Date(end)))
	} else {
		parts = append(parts, p.T("coverage_view.no_end"))
	}
	return strings.Join(parts, " · ")
}

// handoffBase is the reader's page of the family through door.
func handoffBase(door care.View, id int64) string {
	switch door {
	case care.ViewFamily:
		return myFamilyURL(id, "")
	case care.ViewProvider:
		return providerURL(id, "")
	}
	return familyURL(id, "")
}

// handoffShow draws the handoff summary through door.
func (s *Server) handoffShow(door care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		tid, err := httpx.PathID(r, "trid")
		if err != nil {
			return err
		}
		h, err := s.care.Handoff(r.Context(), s.actor(r), door, id, tid)
		if err != nil {
			return err
		}
		p := &HandoffPage{CarePage: s.carePage(r, "transfer.handoff.title"), H: h, Base: handoffBase(door, id)}
		p.Printed = p.DateTime(s.cfg.Now())
		s.render(w, r, http.StatusOK, "handoff", p)
		return nil
	}
}

// handoffPrinted records that the summary was printed through door.
func (s *Server) handoffPrinted(door care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		tid, err := httpx.PathID(r, "trid")
		if err != nil {
			return err
		}
		if err := s.care.RecordHandoffPrint(r.Context(), s.actor(r), door, id, tid); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// TransferLink is a link to the handoff summary of a planned transfer, on
// the family's and a provider's page.
type TransferLink struct {
	ID    int64
	Href  string
	Label string // in the reader's words
	Line  string // the route and the date
}

func transferLinks(p *CarePage, ts []care.Transfer, base, label string) []TransferLink {
	var out []TransferLink
	for _, t := range ts {
		out = append(out, TransferLink{ID: t.ID, Href: base + "/transfers/" + idString(t.ID) + "/handoff", Label: label,
			Line: p.Route(t) + " · " + p.Date(t.PlannedOn)})
	}
	return out
}

// TransferLinks are the family's links to the handoff summaries.
func (p *FamilyViewPage) TransferLinks() []TransferLink {
	return transferLinks(&p.CarePage, p.Ov.File.Transfers, p.Base, p.W("transfer.view.read"))
}

// TransferLinks are a provider's links to the handoff summaries.
func (p *ProviderPage) TransferLinks() []TransferLink {
	return transferLinks(&p.CarePage, p.File.Transfers, p.Base, p.T("transfer.provider.view.read"))
}

// Preferred says a preferred place in words, with its detail.
func (p *HandoffPage) Preferred(pref care.Preference) string {
	return (&PlanView{CarePage: p.CarePage}).Place(pref)
}
