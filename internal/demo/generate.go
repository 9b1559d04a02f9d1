package demo

import (
	"errors"
	"math/rand/v2"
	"time"
)

// diagnosis is a Dutch diagnosis with its ICD-10 code.
type diagnosis struct {
	text, icd10 string
}

// diagnoses are conditions that are common among children in palliative care,
// spread over the four groups: progressive, oncological, severe congenital
// and long-term conditions.
var diagnoses = []diagnosis{
	{"Duchenne spierdystrofie", "G71.0"},
	{"Congenitale myotone dystrofie", "G71.1"},
	{"Spinale musculaire atrofie type 1", "G12.0"},
	{"Leigh-syndroom (mitochondriale ziekte)", "G31.8"},
	{"Metachromatische leukodystrofie", "E75.2"},
	{"Neuronale ceroïdlipofuscinose (ziekte van Batten)", "E75.4"},
	{"Mucopolysacharidose type III (syndroom van Sanfilippo)", "E76.2"},
	{"Rett-syndroom", "F84.2"},
	{"Dravet-syndroom", "G40.4"},
	{"Spastische tetraplegische cerebrale parese", "G80.0"},
	{"Pontocerebellaire hypoplasie", "Q04.3"},
	{"Trisomie 18 (syndroom van Edwards)", "Q91.3"},
	{"Trisomie 13 (syndroom van Patau)", "Q91.7"},
	{"Hypoplastisch linkerhartsyndroom", "Q23.4"},
	{"Congenitale cytomegalovirusinfectie", "P35.1"},
	{"Cystische fibrose", "E84.0"},
	{"Diffuus intrinsiek ponsglioom (hersenstamtumor)", "C71.7"},
	{"Medulloblastoom", "C71.6"},
	{"Neuroblastoom", "C74.9"},
	{"Acute myeloïde leukemie", "C92.0"},
	{"Osteosarcoom", "C40.9"},
}

var girlNames = []string{
	"Anna", "Sophie", "Julia", "Emma", "Mila", "Tess", "Zoë", "Sara", "Noor", "Nina",
	"Lotte", "Evi", "Fleur", "Lieke", "Femke", "Isa", "Roos", "Jasmijn", "Liv", "Fenna",
	"Hanna", "Saar", "Yara", "Amira", "Lina", "Maud", "Floor", "Elin", "Ilse", "Merel",
}

var boyNames = []string{
	"Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Bram", "Thijs", "Jesse", "Luuk",
	"Ruben", "Gijs", "Stijn", "Jens", "Mees", "Siem", "Teun", "Ties", "Noah", "Adam",
	"Mohammed", "Ayoub", "Joep", "Olivier", "Hugo", "Wout", "Jurre", "Niels", "Sven", "Koen",
}

var lastNames = []string{
	"de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
	"Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
	"Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
	"Hermans", "Verhoef", "Wierenga", "Hoekstra", "Kramer", "Postma", "Koster", "Prins",
	"van Dam", "Schouten", "Huisman", "Willems", "Maas", "Kuipers", "Verbeek", "Timmermans",
	"El Amrani", "Yilmaz", "Bouzid", "Kaya", "Nguyen", "Pinas", "Martens", "Claassen",
}

// Sentence fragments for generated summaries. Each is one Dutch sentence.
var (
	homeFragments = []string{
		"Woont met beide ouders en een oudere broer.",
		"Woont met beide ouders en twee jongere zusjes.",
		"Enig kind; ouders wonen ver van het academisch ziekenhuis.",
		"Ouders zijn gescheiden en het kind woont om de week bij vader en bij moeder.",
		"Woont bij moeder met een broer en een zus; vader is uit beeld.",
		"Woont met ouders en drie broers en zussen in een te kleine huurwoning.",
		"Woont met ouders en een tweeling van vier in een dorp.",
		"Ouders spreken beperkt Nederlands; bij gesprekken een tolk inzetten.",
	}
	undiagnosedFragments = []string{
		"Nog geen diagnose; het genetisch onderzoek loopt nog.",
		"Nog geen diagnose, wel een vermoeden van een progressieve stofwisselingsziekte.",
	}
	worryFragments = []string{
		"De indicatie voor thuiszorg loopt over twee maanden af en de herindicatie is nog niet aangevraagd.",
		"Bij de herindicatie zijn de uren verlaagd; ouders hebben bezwaar gemaakt.",
		"Zorg in natura is niet rond te krijgen, ouders regelen de zorg nu met een pgb.",
		"De aangepaste rolstoel wacht al maanden op levering.",
		"De aanvraag voor een woningaanpassing ligt nog bij de gemeente.",
		"Onduidelijk of het hoog-laagbed via de gemeente of de zorgverzekeraar moet lopen.",
		"Er zijn te weinig kinderverpleegkundigen voor de nachten.",
		"Een logeerplek voor respijtzorg is in de regio niet te vinden.",
		"Een van de ouders is gestopt met werken om de zorg rond te krijgen.",
		"De broers en zussen krijgen weinig aandacht en psychosociale steun ontbreekt.",
		"Na de laatste opname was er geen overdracht naar de huisarts.",
		"Het ziekenhuis en het academisch centrum geven ouders verschillende informatie.",
	}
	schoolFragments = []string{
		"Het leerlingenvervoer komt vaak te laat, waardoor school nauwelijks lukt.",
		"Passend onderwijs is nog niet geregeld; het kind zit al weken thuis.",
		"School kan de zorg overdag niet meer aan; een individueel leertraject wordt besproken.",
	}
	babyFragments = []string{
		"Net thuis na een lange opname op de NICU; de thuiszorg is nog niet compleet.",
		"Sondevoeding thuis; ouders voelen zich na het ontslag slecht voorbereid.",
	}
	transitionFragment = "Wordt binnen een jaar 18: overstap van Jeugdwet naar Wlz en van kinderarts naar volwassenenzorg voorbereiden."
	adultFragments     = []string{
		"De overgang naar volwassenenzorg is gemaakt, maar niemand heeft de regie van de kinderarts overgenomen.",
		"Een verhuizing naar een Wlz-woonvorm wordt voorbereid; ouders willen nauw betrokken blijven.",
	}
	deceasedFragments = []string{
		"Het kind is thuis overleden; nazorg voor ouders en broers en zussen loopt.",
		"Het kind is in het ziekenhuis overleden; ouders zoeken betaalbare rouwbegeleiding.",
		"Het kind is in het kinderzorghuis overleden; de nazorg loopt via de huisarts.",
	}
	intensityFragments = map[string][]string{
		"intensive": {
			"Wekelijks contact en een MDO binnenkort.",
			"Dagelijks telefonisch contact in deze fase.",
		},
		"regular": {
			"Contact om de twee weken.",
			"Maandelijks een huisbezoek.",
		},
		"waakvlam": {
			"Contact eens per kwartaal; ouders bellen bij veranderingen.",
			"Stabiel, contact op afroep.",
		},
	}
)

// Generate returns n generated families for load tests through fn, in order
// i = 0..n-1, deterministic for a seed and today's date. Each comes with a
// small file: parents and siblings, an episode, a care network of three to
// six members (one in twenty without a GP), one to three intensity steps,
// one to four contacts and one to three tasks, all held by the KCT case
// manager. It stops at the first error from fn and returns that error.
// Families are built one at a time, so n can be large.
func Generate(n int, seed int64, today time.Time, fn func(i int, f Family) error) error {
	if n < 0 {
		return errors.New("demo: negative number of families")
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x5350494c)) // "SPIL"
	c := newCalendar(today)
	day := c.day
	// The oldest possible birth date for an age of at most 23.
	oldest := time.Date(day.Year()-24, day.Month(), day.Day()+1, 0, 0, 0, 0, time.UTC)
	span := int(day.Sub(oldest).Hours()/24) + 1
	for i := range n {
		f := generate(r, day, span)
		generateFile(r, c, &f)
		if err := fn(i, f); err != nil {
			return err
		}
	}
	return nil
}

// generate makes one family born up to span-1 days before day.
func generate(r *rand.Rand, day time.Time, span int) Family {
	var f Family

	switch p := r.IntN(100); {
	case p < 48:
		f.Sex = "female"
	case p < 96:
		f.Sex = "male"
	case p < 97:
		f.Sex = "other"
	default:
		f.Sex = "unknown"
	}
	first := girlNames
	if f.Sex == "male" || (f.Sex != "female" && r.IntN(2) == 0) {
		first = boyNames
	}
	f.ChildName = first[r.IntN(len(first))] + " " + lastNames[r.IntN(len(lastNames))]

	// A quarter are under two, as many children in palliative care are
	// infants; the others are spread evenly over 0-23 years.
	back := r.IntN(span)
	if r.IntN(4) == 0 {
		back = r.IntN(2 * 365)
	}
	f.BirthDate = day.AddDate(0, 0, -back)
	age := ageOn(f.BirthDate, day)

	if r.IntN(10) != 0 {
		d := diagnoses[r.IntN(len(diagnoses))]
		f.Diagnosis, f.ICD10 = d.text, d.icd10
	}

	switch p := r.IntN(4); p {
	case 0:
		f.Intensity = "intensive"
	case 1, 2:
		f.Intensity = "regular"
	default:
		f.Intensity = "waakvlam"
	}
	f.Deceased = r.IntN(20) == 0

	f.Summary = summary(r, &f, age)
	return f
}

// summary builds two to four sentences from the fragments that fit f.
func summary(r *rand.Rand, f *Family, age int) string {
	s := pick(r, homeFragments)
	if f.Deceased {
		return s + " " + pick(r, deceasedFragments)
	}
	if f.Diagnosis == "" {
		s += " " + pick(r, undiagnosedFragments)
	}
	switch {
	case age < 1:
		s += " " + pick(r, babyFragments)
	case age >= 18:
		s += " " + pick(r, adultFragments)
	case age == 17:
		s += " " + transitionFragment
	case age >= 4 && r.IntN(3) == 0:
		s += " " + pick(r, schoolFragments)
	default:
		s += " " + pick(r, worryFragments)
	}
	if f.Diagnosis != "" {
		s += " " + pick(r, intensityFragments[f.Intensity])
	}
	return s
}

func pick(r *rand.Rand, list []string) string {
	return list[r.IntN(len(list))]
}
