package fhir

import (
	"cmp"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
)

// Input is what one export holds: a family's file as one reader may take
// it out, in plain structs. Export writes it; Import reads it back.
type Input struct {
	Organisation Organisation // the organisation that keeps the file
	Family       care.Family
	Members      []care.Member
	Episode      *care.Episode
	CaseManagers care.CaseManagers
	Network      []care.NetworkMember
	Contacts     []care.Contact
	Tasks        []care.Task
	Plan         *care.CarePlan
	Consents     []care.ConsentRecord
	Stays        []care.Stay
	Transfers    []care.Transfer
	Meetings     []care.Meeting
	// Coverage is the coverage plan's items with their periods and the
	// documents attached to them (without their content).
	Coverage []care.CoverageItem
	// Death is the death record in force as the export carries it: the
	// date and time, the place, and the preferred place and whether it
	// was met. Nil while no death is recorded.
	Death *care.DeathRecord
	// The aids and adaptations, the intensity history and the turning-18
	// checklist (see aids.go and history.go).
	care.ExportMore
}

// Organisation is the organisation that keeps the file; URA is its
// identifier in the Dutch healthcare provider register (UZI register),
// "" when not known.
type Organisation struct {
	ID   int64
	Name string
	URA  string
}

// InputOf makes the Input of a file read through care.Service, in a stable
// order: everything by its Spil id, contacts by date and id.
func InputOf(org Organisation, f *care.ExportFile) Input {
	in := Input{Organisation: org, Family: f.Family, Episode: f.Episode, CaseManagers: f.CaseManagers, Plan: f.Plan}
	in.Organisation.ID = f.Family.OrganisationID
	if d := f.Death; d != nil {
		in.Death = &care.DeathRecord{FamilyID: d.FamilyID, DiedOn: d.DiedOn, DiedTime: d.DiedTime, Place: d.Place,
			PlaceName: d.PlaceName, PreferredPlace: d.PreferredPlace, PreferredMet: d.PreferredMet}
	}
	in.Members = sortedBy(f.Members, func(a, b care.Member) int { return cmp.Compare(a.ID, b.ID) })
	in.Network = sortedBy(f.Network, func(a, b care.NetworkMember) int { return cmp.Compare(a.ID, b.ID) })
	in.Contacts = sortedBy(f.Contacts, func(a, b care.Contact) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
	in.Tasks = sortedBy(f.Tasks, func(a, b care.Task) int { return cmp.Compare(a.ID, b.ID) })
	in.Consents = sortedBy(f.Consents, func(a, b care.ConsentRecord) int { return cmp.Compare(a.ID, b.ID) })
	in.Stays = sortedBy(f.Stays, func(a, b care.Stay) int { return cmp.Compare(a.ID, b.ID) })
	in.Transfers = sortedBy(f.Transfers, func(a, b care.Transfer) int { return cmp.Compare(a.ID, b.ID) })
	in.Coverage = sortedBy(f.Coverage, func(a, b care.CoverageItem) int { return cmp.Compare(a.ID, b.ID) })
	in.Meetings = sortedBy(f.Meetings, func(a, b care.Meeting) int { return cmp.Compare(a.ID, b.ID) })
	in.ExportMore = moreOf(f.ExportMore)
	return in
}

// sortedBy returns a sorted copy of s (nil for none).
func sortedBy[T any](s []T, cmp func(a, b T) int) []T {
	if len(s) == 0 {
		return nil
	}
	s = slices.Clone(s)
	slices.SortFunc(s, cmp)
	return s
}
