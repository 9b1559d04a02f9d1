package fhir

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// sample is a file with every field Spil exports filled in.
func sample() Input {
	in := Input{
		Organisation: Organisation{ID: 3, Name: "Kinder Comfort Team Noord", URA: "90000123"},
		Family: care.Family{ID: 7, OrganisationID: 3, ChildName: "Lotte de Vries", BirthDate: day("2015-04-02"),
			Sex: "female", BSN: "123456782", Diagnosis: "Spinale musculaire atrofie", ICD10: "G12.1",
			Secondary:       []care.Diagnosis{{ID: 11, Description: "Epilepsie", ICD10: "G40.9"}, {ID: 12, Description: "Slaapproblemen"}},
			LivingSituation: "Ouders gescheiden, om de week", CultureNotes: "Thuis Nederlands en Turks", Intensity: care.Waakvlam,
			NextContact: day("2026-12-10"), Summary: "Stabiel", Deceased: false,
			CreatedAt: at("2024-01-02T09:10:11.123456Z"), UpdatedAt: at("2026-11-30T15:00:00Z")},
		Members: []care.Member{
			{ID: 21, FamilyID: 7, Kind: "parent", Name: "Anna de Vries", Relation: "moeder", Custody: true, Phone: "0612345678",
				Email: "anna@example.org", Language: "Nederlands", Notes: "Belt liever na 17 uur"},
			{ID: 22, FamilyID: 7, Kind: "carer", Name: "Kees", Relation: "partner van moeder", EndedOn: day("2026-01-01")},
			{ID: 23, FamilyID: 7, Kind: "sibling", Name: "Tim", Relation: "broer", BirthDate: day("2012-06-01")},
		},
		Episode: &care.Episode{FamilyID: 7, ReferralDate: day("2024-01-01"), ReferredBy: "Kinderarts", Reason: "Complexe zorg",
			FactorWish: true, FactorComplexity: true, FactorCapacity: true, SurpriseQuestion: "no", Status: "accepted",
			StatusDate: day("2024-01-10"), StatusNote: "Graag", DivisionOfTasks: "KCT medisch, thuis de rest"},
		CaseManagers: care.CaseManagers{KCT: care.Person{AccountID: 31, Name: "Sanne Bakker"}, Thuis: care.Person{AccountID: 32, Name: "Eva Smit"},
			KCTReach: care.Reachability{WorkPhone: "0201234567", Hours: "ma-vr 8-17", StandIn: "Het KCT"}},
		Network: []care.NetworkMember{
			{ID: 41, FamilyID: 7, Name: "Dr. Jansen", Role: "gp", Organisation: "Huisartsenpraktijk Oost", Line: 1, Domain: "medical",
				Phone: "0209876543", Email: "jansen@example.org", Reachability: "ochtend", AlwaysReachable: true,
				Responsibilities: "Pijnbestrijding", Bereavement: true, StartedOn: day("2024-01-05")},
			{ID: 42, FamilyID: 7, Name: "Thuiszorg West", Role: "homecare", EndedOn: day("2025-05-05")},
		},
	}
	return in
}
