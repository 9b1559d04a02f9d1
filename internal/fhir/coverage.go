package fhir

import (
	"github.com/spil-zorg/spil/internal/care"
)

// The coverage plan: each period of an item (the indication and every
// renewal) is a Coverage; the item's own fields travel on each of its
// periods; documents attached to the plan are DocumentReferences with
// their content as a Binary.

// coverageStatuses maps a period's status to Coverage.status: granted is
// active; refused, expired and ended are cancelled; to apply, applied and
// under objection are draft (not yet in force).
var coverageStatuses = map[string]string{
	care.CoverageGranted: "active", care.CoverageRefused: "cancelled", care.CoverageExpired: "cancelled",
	care.CoverageEnded: "cancelled", care.CoverageToApply: "draft", care.CoverageApplied: "draft", care.CoverageObjection: "draft",
}

func coverageID(fam string, id int64) string { return scopedID("coverage-", fam, id) }
func documentID(fam string, id int64) string { return scopedID("document-", fam, id) }

func (x *exporter) coverage() {
	for _, c := range x.in.Coverage {
		for i, p := range c.Periods {
			r := &Coverage{Status: coverageStatuses[p.Status], Beneficiary: x.patientRef(),
				Payor: []Reference{{Display: p.Law}}}
			r.Identifier = []Identifier{{System: sysCoverage, Value: itoa(p.ID)}}
			if r.Status == "" {
				r.Status = "draft"
			}
			if p.Law != "" {
				r.Type = &CodeableConcept{Coding: []Coding{{System: csCoverageLaw, Code: p.Law}}}
			} else {
				r.Payor = []Reference{{Display: care.LawUnknown}}
			}
			if !p.Start.IsZero() || !p.End.IsZero() {
				r.Period = &Period{Start: fmtDate(p.Start), End: fmtDate(p.End)}
			}
			e := &exts{}
			if i == 0 {
				e.complex("coverage-item", func(sub *exts) {
					sub.integer("id", c.ID)
					sub.code("kind", c.Kind)
					sub.str("description", c.Description)
					sub.integer("network-member", c.NetworkMemberID)
					sub.str("provider-name", c.ProviderName)
					sub.code("applicant", c.Applicant)
					for _, g := range c.Goals {
						sub.str("goal", g)
					}
					sub.instant("created", c.CreatedAt)
					sub.integer("created-by", c.CreatedBy.AccountID)
					sub.str("created-by-name", c.CreatedBy.Name)
				})
			} else {
				e.integer("coverage-item-id", c.ID)
			}
			e.code("coverage-status", p.Status)
			e.code("coverage-form", p.Form)
			e.decimal("hours-per-week", p.HoursPerWeek)
			e.integer("amount-cents", p.AmountCents)
			e.str("decision-reference", p.Reference)
			e.code("indicated-by", p.IndicatedBy)
			e.date("applied-on", p.AppliedOn)
			e.date("decided-on", p.DecidedOn)
			e.date("objection-filed-on", p.ObjectionFiledOn)
			e.date("objection-due", p.ObjectionDue)
			e.str("note", p.Note)
			e.instant("created", p.CreatedAt)
			e.person("created-by", p.CreatedBy.AccountID, p.CreatedBy.Name)
			if i == 0 {
				// The item's corrections, with the item.
				x.corrections(e, care.CorrectCoverageItem, c.ID)
			}
			x.add(r, "Coverage", coverageID(x.fam, p.ID), ProfileSpilCoverage, e)
		}
		var related []Reference
		if len(c.Periods) > 0 {
			related = []Reference{refv("Coverage", coverageID(x.fam, c.Periods[len(c.Periods)-1].ID))}
		}
		for _, d := range c.Documents {
			x.document(d, related)
		}
	}
}

// document writes a document attached to the coverage plan, an aid or a
// message as a DocumentReference about related, and its content, when
// read, as the Binary it points at. Every document has content (an upload
// is never empty), so the reference points at its Binary also when the
// content was not read: the Binary is read on its own then (GET
// Binary/{id}).
func (x *exporter) document(d care.Document, related []Reference) {
	r := &DocumentReference{Status: "current", Subject: ref("Patient", patientID(x.fam)), Date: fmtInstant(d.UploadedAt),
		Content: []DocumentContent{{Attachment: Attachment{ContentType: d.ContentType, Title: d.FileName, Size: d.Size}}}}
	r.Identifier = []Identifier{{System: sysDocument, Value: itoa(d.ID)}}
	if related != nil {
		r.Context = &DocumentContext{Related: related}
	}
	e := &exts{}
	e.code("document-kind", d.Kind)
	e.integer("coverage-item-id", d.CoverageItemID)
	e.integer("aid", d.AidID)
	e.integer("message", d.MessageID)
	e.integer("thread", d.ThreadID)
	e.person("uploaded-by", d.UploadedBy.AccountID, d.UploadedBy.Name)
	r.Content[0].Attachment.URL = "Binary/" + binaryID(x.fam, d.ID)
	x.add(r, "DocumentReference", documentID(x.fam, d.ID), ProfileSpilDocument, e)
	if d.Content != nil {
		x.add(&Binary{ContentType: d.ContentType, Data: d.Content}, "Binary", binaryID(x.fam, d.ID), ProfileSpilBinary, nil)
	}
}

func binaryID(fam string, id int64) string { return scopedID("binary-", fam, id) }

func (m *importer) binary(r *Binary) {
	d := m.lastDoc
	m.lastDoc = nil
	if d == nil {
		m.fail("content %s without its document", r.ID)
		return
	}
	if r.ID != binaryID(m.fam, d.ID) {
		m.fail("content %s is not that of document %d", r.ID, d.ID)
	}
	d.Content = r.Data
	if d.Content == nil {
		d.Content = []byte{}
	}
}

func (m *importer) coveragePeriod(r *Coverage) {
	e := m.ext(r)
	var item *care.CoverageItem
	if ci := e.all("coverage-item"); len(ci) == 1 {
		s := ci[0]
		c := care.CoverageItem{ID: s.integer("id"), FamilyID: m.in.Family.ID, Kind: s.code("kind"), Description: s.str("description"),
			NetworkMemberID: s.integer("network-member"), ProviderName: s.str("provider-name"), Applicant: s.code("applicant"),
			CreatedAt: s.instant("created"), CreatedBy: care.Person{AccountID: s.integer("created-by"), Name: s.str("created-by-name")}}
		c.Goals = s.strs("goal")
		m.readCorrections(e, care.CorrectCoverageItem, c.ID)
		m.in.Coverage = append(m.in.Coverage, c)
		item = &m.in.Coverage[len(m.in.Coverage)-1]
	} else if n := len(m.in.Coverage); n > 0 && m.in.Coverage[n-1].ID == e.integer("coverage-item-id") {
		item = &m.in.Coverage[n-1]
	} else {
		m.fail("coverage %s without its item", r.ID)
		return
	}
	p := care.CoveragePeriod{ID: m.scopedID("coverage-", r.ID), ItemID: item.ID, FamilyID: m.in.Family.ID}
	if r.Type != nil && len(r.Type.Coding) > 0 {
		p.Law = r.Type.Coding[0].Code
	}
	if r.Period != nil {
		p.Start, p.End = parseTime(r.Period.Start, &m.err), parseTime(r.Period.End, &m.err)
	}
	p.Status = e.code("coverage-status")
	p.Form = e.code("coverage-form")
	p.HoursPerWeek = e.decimal("hours-per-week")
	p.AmountCents = e.integer("amount-cents")
	p.Reference = e.str("decision-reference")
	p.IndicatedBy = e.code("indicated-by")
	p.AppliedOn = e.date("applied-on")
	p.DecidedOn = e.date("decided-on")
	p.ObjectionFiledOn = e.date("objection-filed-on")
	p.ObjectionDue = e.date("objection-due")
	p.Note = e.str("note")
	p.CreatedAt = e.instant("created")
	p.CreatedBy.AccountID, p.CreatedBy.Name = e.person("created-by")
	item.Periods = append(item.Periods, p)
}

func (m *importer) documentReference(r *DocumentReference) {
	if len(r.Content) != 1 {
		m.fail("document %s without its content", r.ID)
		return
	}
	e := m.ext(r)
	a := r.Content[0].Attachment
	d := care.Document{ID: m.scopedID("document-", r.ID), FamilyID: m.in.Family.ID, UploadedAt: parseTime(r.Date, &m.err),
		FileName: a.Title, ContentType: a.ContentType, Size: a.Size, Kind: e.code("document-kind"),
		CoverageItemID: e.integer("coverage-item-id"), AidID: e.integer("aid"), MessageID: e.integer("message"), ThreadID: e.integer("thread")}
	d.UploadedBy.AccountID, d.UploadedBy.Name = e.person("uploaded-by")
	m.lastDoc = nil
	if d.AidID != 0 || d.MessageID != 0 {
		m.otherDocument(r.ID, d)
		return
	}
	n := len(m.in.Coverage)
	if n == 0 {
		m.fail("document %s without its coverage item", r.ID)
		return
	}
	docs := append(m.in.Coverage[n-1].Documents, d)
	m.in.Coverage[n-1].Documents, m.lastDoc = docs, &docs[len(docs)-1]
}
