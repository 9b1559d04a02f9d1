package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// KaartRegion is the region of the demo organisation: most demo families
// live around Amsterdam and Haarlem.
const KaartRegion = "noordwest"

// Kaart is a small sociale kaart for the demo region, with a gap: both
// respite houses take children with a feeding tube or on oxygen, neither
// a child on ventilation, while Noor, ventilated since her last
// admission, needs respite (see noorCoverage). The region also has no
// medical day care and no school support on the kaart. capacityOn is the
// day the capacity was last updated.
func Kaart(today time.Time) []care.DirectoryEntry {
	c := newCalendar(today)
	return []care.DirectoryEntry{
		{Name: "Kinderhospice De Lindeboom", Kind: care.ServiceHospice, Region: KaartRegion, Address: "Lindelaan 4, Haarlem",
			Phone: "023 555 01 10", Email: "zorg@lindeboom.example", Website: "https://lindeboom.example", MinAge: 0, MaxAge: 23,
			Offers:       "Palliatieve zorg en zorg in de laatste levensfase; ouders kunnen blijven slapen.",
			Capabilities: []string{care.CapVentilation, care.CapTubeFeeding, care.CapOxygen, care.CapEpilepsy, care.CapNightCare},
			Capacity:     care.CapacityWaitlist, CapacityOn: c.ago(3)},
		{Name: "Kinderzorghuis De Vuurtoren", Kind: care.ServiceKinderzorghuis, Region: KaartRegion, Address: "Strandweg 12, Zandvoort",
			Phone: "023 555 02 20", Email: "info@vuurtoren.example", MinAge: 0, MaxAge: 18,
			Offers:       "Wonen en logeren voor kinderen met intensieve zorg, met verpleging dag en nacht.",
			Capabilities: []string{care.CapTubeFeeding, care.CapOxygen, care.CapEpilepsy, care.CapNightCare},
			Capacity:     care.CapacityFull, CapacityOn: c.ago(10)},
		{Name: "Logeerhuis Het Zwaluwnest", Kind: care.ServiceRespite, Region: KaartRegion, Address: "Zwaluwstraat 8, Alkmaar",
			Phone: "072 555 03 30", Email: "logeren@zwaluwnest.example", MinAge: 2, MaxAge: 18,
			Offers:       "Logeerweekenden en vakantieopvang, ook voor kinderen met sondevoeding of zuurstof.",
			Capabilities: []string{care.CapTubeFeeding, care.CapOxygen, care.CapNightCare},
			Capacity:     care.CapacityAvailable, CapacityOn: c.ago(1)},
		{Name: "Logeeropvang De Regenboog", Kind: care.ServiceRespite, Region: KaartRegion, Address: "Boogstraat 3, Almere",
			Phone: "036 555 04 40", MinAge: 4, MaxAge: 16,
			Offers: "Logeren op zaterdag en zondag; begeleiding bij epilepsie.", Capabilities: []string{care.CapEpilepsy},
			Capacity: care.CapacityWaitlist, CapacityOn: c.ago(20)},
		{Name: "Kinderthuiszorg Kennemerland", Kind: care.ServiceHomeCare, Region: KaartRegion, Phone: "023 555 05 50",
			Email: "team@ktz-kennemerland.example", MinAge: 0, MaxAge: 18,
			Offers:       "Kinderverpleegkundigen thuis, ook in de nacht en bij beademing.",
			Capabilities: []string{care.CapVentilation, care.CapTubeFeeding, care.CapOxygen, care.CapEpilepsy, care.CapNightCare},
			Capacity:     care.CapacityAvailable, CapacityOn: c.ago(2)},
		{Name: "Praktijk Kind en Verlies", Kind: care.ServicePsychologist, Region: KaartRegion, Address: "Spaarne 40, Haarlem",
			Phone: "023 555 06 60", MinAge: 4, MaxAge: 23, Offers: "Kinderpsycholoog met ervaring in ziekte en rouw; ook voor brusjes.",
			Capacity: care.CapacityWaitlist, CapacityOn: c.ago(14)},
		{Name: "Rouwgroep Samen Verder", Kind: care.ServiceBereavement, Region: KaartRegion, Phone: "020 555 07 70", MinAge: 0, MaxAge: 23,
			Offers: "Rouwbegeleiding voor ouders en broers en zussen, in een groep of alleen.", Capacity: care.CapacityAvailable, CapacityOn: c.ago(5)},
		{Name: "Pgb-spreekuur Noord-Holland", Kind: care.ServicePGBHelp, Region: KaartRegion, Phone: "020 555 08 80",
			Website: "https://pgb-spreekuur.example", MaxAge: 23, Offers: "Hulp bij het aanvragen en beheren van een pgb.",
			Capacity: care.CapacityAvailable, CapacityOn: c.ago(30)},
		{Name: "Oudervereniging Kinderen met Zorg", Kind: care.ServiceParentAssociation, Region: KaartRegion,
			Website: "https://ouders-met-zorg.example", MaxAge: 23, Offers: "Lotgenotencontact en informatie van ouders voor ouders.",
			Capacity: care.CapacityUnknown},
	}
}
