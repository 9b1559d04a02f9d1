package demo

// Thread is a conversation in a demo family's file.
type Thread struct {
	Subject string
	// Providers are the network members (by name) a case manager added.
	Providers []string
	Messages  []Message
}

// Message is one message of a demo thread. By is ByKCT, ByThuis, or the
// name of the family member or network member whose demo account writes
// it; DaysAgo and Hour say when.
type Message struct {
	By      string
	DaysAgo int
	Hour    int
	Body    string
	// ReadByFamily marks that the family has read up to this message.
	ReadByFamily bool
}

// ThreadsReader is the family member whose demo account reads the threads.
const ThreadsReader = "Sandra Hermans"

// Threads are the demo conversations of a family, by the child's name: only
// the family whose demo accounts can take part has them.
func Threads(child string) []Thread {
	if child != "Daan Hermans" {
		return nil
	}
	return []Thread{
		{
			Subject:   "Nachtzorg in de zomervakantie",
			Providers: []string{"Pieter de Graaf"},
			Messages: []Message{
				{By: "Sandra Hermans", DaysAgo: 6, Hour: 21, ReadByFamily: true,
					Body: "In de zomervakantie is de vaste nachtverpleegkundige drie weken weg. Wie vangt die nachten op? Wij kunnen niet drie weken zelf wakker blijven."},
				{By: ByKCT, DaysAgo: 5, Hour: 10, ReadByFamily: true,
					Body: "Goed dat jullie het nu al vragen. Ik bel de thuiszorg over vervanging en vraag de huisarts mee te kijken naar de medicatie voor de nacht. Ik heb hem aan dit gesprek toegevoegd."},
				{By: "Pieter de Graaf", DaysAgo: 4, Hour: 17,
					Body: "Ik kijk mee. Laten we de nachtmedicatie voor de vakantie samen doornemen; ik plan een huisbezoek in de week ervoor."},
			},
		},
		{
			Subject: "Logeeropvang in het kinderzorghuis",
			Messages: []Message{
				{By: ByKCT, DaysAgo: 1, Hour: 14,
					Body: "Het kinderzorghuis heeft in september een logeerplek voor een weekend. Willen jullie dat Daan daar een keer logeert, zodat jullie een weekend kunnen bijslapen?"},
			},
		},
	}
}
