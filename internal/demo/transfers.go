package demo

import (
	"github.com/spil-zorg/spil/internal/care"
)

// Transfer is a move of a demo child planned by one of the family's case
// managers, with its warm-handoff checklist: each item a task for the
// person named.
type Transfer struct {
	care.Transfer
	By    string // ByKCT or ByThuis
	Items []TransferItem
}

// TransferItem is one checklist item and who it is for: a case manager
// (ByKCT or ByThuis), a network member or a parent by name.
type TransferItem struct {
	Item, Title string
	OwnerKind   string // care.OwnerCaseManager, care.OwnerNetwork or care.OwnerParent
	Owner       string // ByKCT or ByThuis for a case manager, else the name
	Done        bool
}

// semTransfer: Sem is in the academic hospital again with pain that
// needs a pump; his parents want the last phase at home. The move home is
// planned in five days, with what must be in place first: the pump with
// home care, the medication through the GP, night care, who the parents
// call at night, and his brother's school told by his mother.
func semTransfer(c calendar) []Transfer {
	const gp, mother = "Dr. Floris Haan", "Judith de Wit"
	planned := c.in(5)
	return []Transfer{{By: ByKCT, Transfer: care.Transfer{
		FromKind: "academic_hospital", FromPlace: "Nationaal Kinderoncologisch Centrum, afdeling 4",
		ToKind: "home", PlannedOn: planned, Status: care.TransferPlanned, CreatedAt: c.at(c.ago(1), 14),
		Note: "Met pijnpomp naar huis. Ouders willen de laatste fase thuis; Sem wil zijn neven zien.",
	}, Items: []TransferItem{
		{Item: "home_care", Title: "Pijnpomp thuis: instructie en eerste aansluiting door Het Anker", OwnerKind: care.OwnerNetwork, Owner: HomeCareNurse},
		{Item: "aids", Title: "Hoog-laagbed en antidecubitusmatras thuis geleverd", OwnerKind: care.OwnerCaseManager, Owner: ByKCT, Done: true},
		{Item: "medication", Title: "Recepten pijnmedicatie en cassettes klaar; overdracht aan de huisartsenpost", OwnerKind: care.OwnerNetwork, Owner: gp},
		{Item: "night_care", Title: "Nachtdienst van Het Anker voor de eerste week", OwnerKind: care.OwnerNetwork, Owner: HomeCareNurse},
		{Item: "night_contact", Title: "Afspreken wie ouders 's nachts als eerste bellen: KCT of huisartsenpost", OwnerKind: care.OwnerCaseManager, Owner: ByKCT},
		{Item: "school", Title: "Mentor van Milan laten weten dat Sem thuiskomt", OwnerKind: care.OwnerParent, Owner: mother},
	}}}
}

// addTransfers gives the families with a move planned their transfers.
func addTransfers(c calendar, f *Family) {
	if f.ChildName == "Sem de Wit" {
		f.Transfers = semTransfer(c)
	}
}
