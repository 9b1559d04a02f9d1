package fhir

import (
	"cmp"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
)

// The parts of the file in care.ExportMore, beyond the core and the
// parts of the first mapping: see aids.go, history.go, plan_versions.go,
// death_records.go, notes.go, threads.go and aftercare.go.

// otherDocument attaches a document of an aid to the aid read last, and
// a document of a message to the message read last, which it must belong
// to.
func (m *importer) otherDocument(id string, d care.Document) {
	if d.AidID != 0 {
		n := len(m.in.Aids)
		if n == 0 || m.in.Aids[n-1].ID != d.AidID || d.MessageID != 0 {
			m.fail("document %s without its aid", id)
			return
		}
		docs := append(m.in.Aids[n-1].Documents, d)
		m.in.Aids[n-1].Documents, m.lastDoc = docs, &docs[len(docs)-1]
		return
	}
	msg := m.lastMessage()
	if msg == nil || msg.ID != d.MessageID || msg.ThreadID != d.ThreadID || msg.Document != nil {
		m.fail("document %s without its message", id)
		return
	}
	msg.Document = &d
	m.lastDoc = msg.Document
}

// moreOf is the rest of the file in a stable order: the aids and the
// intensity history by their Spil ids, the plan's versions by number.
func moreOf(f care.ExportMore) care.ExportMore {
	f.Aids = slices.SortedFunc(slices.Values(f.Aids), func(a, b care.Aid) int { return cmp.Compare(a.ID, b.ID) })
	f.Intensity = slices.SortedFunc(slices.Values(f.Intensity), func(a, b care.IntensityChange) int { return cmp.Compare(a.ID, b.ID) })
	f.PlanVersions = slices.SortedFunc(slices.Values(f.PlanVersions), func(a, b care.CarePlan) int { return cmp.Compare(a.Version, b.Version) })
	f.Notes = slices.SortedFunc(slices.Values(f.Notes), func(a, b care.Note) int { return cmp.Compare(a.ID, b.ID) })
	f.Threads = slices.SortedFunc(slices.Values(f.Threads), func(a, b care.ExportThread) int { return cmp.Compare(a.ID, b.ID) })
	f.TaskEvents = slices.SortedFunc(slices.Values(f.TaskEvents), taskEventOrder)
	f.Corrections = slices.SortedFunc(slices.Values(f.Corrections), func(a, b care.Correction) int { return cmp.Compare(a.ID, b.ID) })
	f.Proposals = slices.SortedFunc(slices.Values(f.Proposals), func(a, b care.Proposal) int { return cmp.Compare(a.ID, b.ID) })
	f.FamilyProposals = slices.SortedFunc(slices.Values(f.FamilyProposals), func(a, b care.FamilyProposal) int { return cmp.Compare(a.ID, b.ID) })
	if a := f.Aftercare; a != nil {
		// The parents first, then each brother or sister; the contacts by
		// date, as the store reads them.
		sorted := care.Aftercare{
			People: slices.SortedFunc(slices.Values(a.People), func(x, y care.AftercarePerson) int {
				return cmp.Or(cmp.Compare(min(x.MemberID, 1), min(y.MemberID, 1)), cmp.Compare(x.ID, y.ID))
			}),
			Contacts: slices.SortedFunc(slices.Values(a.Contacts), func(x, y care.AftercareContact) int {
				return cmp.Or(x.DueOn.Compare(y.DueOn), cmp.Compare(x.ID, y.ID))
			}),
		}
		f.Aftercare = &sorted
	}
	return f
}

// onlyMore is the rest of the file with only what parts reads.
func (in Input) onlyMore(parts care.ExportParts) care.ExportMore {
	f := in.ExportMore
	if !parts.Has(care.ExportAids) {
		f.Aids = nil
	} else if !parts.Has(care.ExportDocumentContent) {
		f.Aids = slices.Clone(f.Aids)
		for i := range f.Aids {
			docs := slices.Clone(f.Aids[i].Documents)
			for j := range docs {
				docs[j].Content = nil
			}
			f.Aids[i].Documents = docs
		}
	}
	if !parts.Has(care.ExportIntensity) {
		f.Intensity = nil
	}
	if !parts.Has(care.ExportTransition) {
		f.Transition = nil
	}
	if !parts.Has(care.ExportPlanVersions) {
		f.PlanVersions = nil
	}
	if !parts.Has(care.ExportDeathRecords) {
		f.DeathRecords = nil
	}
	if !parts.Has(care.ExportNotes) {
		f.Notes = nil
	}
	if !parts.Has(care.ExportAftercare) {
		f.Aftercare = nil
	}
	if !parts.Has(care.ExportTaskHistory) || !parts.Has(care.ExportTasks) {
		f.TaskEvents = nil
	}
	if !parts.Has(care.ExportProposals) {
		f.Proposals, f.FamilyProposals = nil, nil
	}
	if !parts.Has(care.ExportCorrections) {
		f.Corrections = nil
	} else {
		f.Corrections = slices.DeleteFunc(slices.Clone(f.Corrections), func(c care.Correction) bool {
			return !parts.Has(care.CorrectionPart[c.ObjectType])
		})
	}
	if !parts.Has(care.ExportThreads) {
		f.Threads = nil
	} else if !parts.Has(care.ExportDocumentContent) {
		f.Threads = slices.Clone(f.Threads)
		for i := range f.Threads {
			ms := slices.Clone(f.Threads[i].Messages)
			for j := range ms {
				if d := ms[j].Document; d != nil {
					d2 := *d
					d2.Content = nil
					ms[j].Document = &d2
				}
			}
			f.Threads[i].Messages = ms
		}
	}
	return f
}
