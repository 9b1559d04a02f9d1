package demo

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// The national shape: what a deployment for the whole of the Netherlands
// holds after five years of use. NationalShape scales it down for tests and
// quick runs; GenerateNational makes it.

// Region is one of the seven regions of paediatric palliative care, each
// around its academic children's hospital. An organisation carries its
// region's code (one of care.Regions, as the sociale kaart and the
// registration report know it) and its name in its own name, "… (regio
// Noord)".
type Region struct {
	Code   string // one of care.Regions
	Name   string
	Centre string   // the academic children's hospital of the region
	Towns  []string // where its organisations are, in order of size
}

// NationalRegions are the seven regions.
var NationalRegions = []Region{
	{"noord", "Noord", "Beatrix Kinderziekenhuis, UMCG", []string{"Groningen", "Leeuwarden", "Assen", "Emmen"}},
	{"oost", "Oost", "Amalia Kinderziekenhuis, Radboudumc", []string{"Nijmegen", "Enschede", "Zwolle", "Arnhem"}},
	{"midden", "Midden", "Wilhelmina Kinderziekenhuis, UMC Utrecht", []string{"Utrecht", "Amersfoort", "Hilversum", "Ede"}},
	{"noordwest", "Noordwest", "Emma Kinderziekenhuis, Amsterdam UMC", []string{"Amsterdam", "Haarlem", "Alkmaar", "Almere"}},
	{"west", "West", "Willem-Alexander Kinderziekenhuis, LUMC", []string{"Leiden", "Den Haag", "Delft", "Zoetermeer"}},
	{"zuidwest", "Zuidwest", "Sophia Kinderziekenhuis, Erasmus MC", []string{"Rotterdam", "Dordrecht", "Middelburg", "Gouda"}},
	{"zuid", "Zuid", "Kinderziekenhuis MUMC+", []string{"Maastricht", "Eindhoven", "Tilburg", "Venlo"}},
}

// regionTag starts the part of an organisation's name that names its region.
const regionTag = " (regio "

// OrganisationName is the name of a generated organisation in town, in region.
func OrganisationName(town, region string) string {
	return "Netwerk Kinderpalliatieve Zorg " + town + regionTag + region + ")"
}

// RegionOf returns the code of the region an organisation's name ends
// with, or "" when it names none.
func RegionOf(organisation string) string {
	i := strings.LastIndex(organisation, regionTag)
	if i < 0 || !strings.HasSuffix(organisation, ")") {
		return ""
	}
	name := organisation[i+len(regionTag) : len(organisation)-1]
	for _, r := range NationalRegions {
		if r.Name == name {
			return r.Code
		}
	}
	return ""
}

// The national shape at scale 1.
const (
	nationalCaseManagers  = 1000
	nationalOrganisations = 25
	nationalFamilies      = 10000
	nationalContacts      = 3_000_000
	nationalAudit         = 20_000_000
	nationalYears         = 5
	// kctShare of the case managers of an organisation are KCT case
	// managers (the hospital side); the others are thuis case managers.
	kctShare = 0.17
	// thuisShare of the families have a thuis case manager besides their KCT one.
	thuisShare = 0.85
	// taskShare of the contacts lead to a task.
	taskShare = 0.25
)

// NationalShape is what GenerateNational makes. Scale 1 is the national
// deployment: 7 regions, 25 organisations, 1,000 case managers, 10,000
// families and five years of history with about 3 million contacts and 20
// million audit records. A smaller scale keeps what matters for the cost of
// a request: the number of families per case manager and the length of each
// family's history. So it scales the case managers, the families and the
// history, and keeps at least four case managers per organisation (fewer
// organisations, and regions, below scale 0.1).
type NationalShape struct {
	Scale         float64
	Regions       int
	Organisations int
	CaseManagers  int
	Families      int
	Days          int // days of history, up to yesterday
	Contacts      int // made exactly
	AuditRecords  int // made exactly, unless the fixed events alone are more
}

// NewNationalShape returns the national shape at scale.
func NewNationalShape(scale float64) (NationalShape, error) {
	if math.IsNaN(scale) || scale <= 0 || scale > 10 {
		return NationalShape{}, errors.New("demo: the scale must be above 0 and at most 10")
	}
	round := func(x float64) int { return int(math.Round(x)) }
	s := NationalShape{Scale: scale, Days: nationalYears*365 + 1}
	s.CaseManagers = max(2, round(nationalCaseManagers*scale))
	s.Families = max(s.CaseManagers, round(nationalFamilies*scale))
	s.Organisations = min(nationalOrganisations, max(1, s.CaseManagers/4))
	s.Regions = min(len(NationalRegions), s.Organisations)
	s.Contacts = round(nationalContacts * scale)
	s.AuditRecords = round(nationalAudit * scale)
	return s, nil
}

// NationalIDs are the first ids GenerateNational hands out, per table: the
// caller reads them from the database, so that the generated rows can refer
// to each other before they are stored.
type NationalIDs struct {
	Organisation, Account, Family, Member, NetworkMember, IntensityChange, Contact, Task int64
	CoverageItem                                                                         int64
}

// NationalOrganisation is a generated organisation.
type NationalOrganisation struct {
	ID        int64
	Name      string // ends with its region: see RegionOf
	Region    string // its region's code, one of care.Regions
	CreatedAt time.Time
}

// NationalCaseManager is a generated case manager's account.
type NationalCaseManager struct {
	ID             int64
	OrganisationID int64
	Email          string
	Name           string
	Kind           string  // ByKCT or ByThuis
	FTE            float64 // part of a full working week; the caseload follows it
	CreatedAt      time.Time
}

// NationalFile is a family's file as it was opened at intake, with what
// only changes later already in its final state (the intensity and next
// contact, the episode's status). The history comes in separate calls.
type NationalFile struct {
	Family  care.Family
	Episode care.Episode
	KCT     int64 // account of the KCT case manager
	Thuis   int64 // account of the thuis case manager; 0 when none
	Members []care.Member
	Network []care.NetworkMember
	Intake  care.IntensityChange // the first intensity record
	// Coverage is the coverage plan of a family in care today, each item
	// with its periods, and Aids its aids; dated up to today.
	Coverage []care.CoverageItem
	Aids     []care.Aid
}

// NationalSink stores what GenerateNational makes, in an order a database
// with foreign keys can follow: the organisations, the case managers, every
// family's file, then the history day by day (intensity changes, contacts,
// tasks in their final state, care plan versions, and each day's audit
// records in time order), and last the current version of every care plan.
type NationalSink interface {
	Organisation(o *NationalOrganisation) error
	CaseManager(cm *NationalCaseManager) error
	Family(f *NationalFile) error
	IntensityChange(c *care.IntensityChange) error
	Contact(c *care.Contact) error
	Task(t *care.Task) error
	CarePlanVersion(p *care.CarePlan) error
	CurrentCarePlan(p *care.CarePlan) error
	// Audit receives the records in the order of the chain; the sink
	// chains them (PrevHash, Hash) and gives them their ids.
	Audit(e *care.AuditEvent) error
}

// NationalCounts is what GenerateNational made.
type NationalCounts struct {
	Regions, Organisations, CaseManagers, Families             int
	Members, NetworkMembers, IntensityChanges, Contacts, Tasks int
	PlanVersions, AuditRecords                                 int
	CoverageItems, Aids                                        int
	From, To                                                   time.Time // the first and last day of the history
	MinCaseload, MaxCaseload                                   int       // families per case manager
	MeanKCTCaseload, MeanThuisCaseload                         float64
}

// Intensity classes of the simulation: the three intensities, and closed
// (declined or ended: no more contacts).
const (
	classIntensive = iota
	classRegular
	classWaakvlam
	classClosed
)

var classIntensity = [3]care.Intensity{care.Intensive, care.Regular, care.Waakvlam}

// classWeight is how many contacts a family gets at each intensity,
// relative to the others.
var classWeight = [3]float64{3, 1, 0.25}

// segment is a period from day on at one intensity class.
type segment struct {
	day   int
	class int
}

// planTask is a task that is an action of the care plan, as far as a
// version's snapshot of it needs.
type planTask struct {
	task    care.Task
	doneDay int // the day it was done; past the end when it is still open
}

// natFamily is a family during the simulation.
type natFamily struct {
	id         int64
	org        int
	kct, thuis int // case managers (index); thuis -1 when none
	intake     int // day
	segments   []segment
	members    []string // names of the family members and the network, for task owners
	network    []string
	plan       *care.CarePlan // the current version, nil before the first
	goals      map[care.Dimension]string
	planTasks  []planTask
	planUntil  int // no plan versions from this day on (death, end of case management)
	deceased   bool
	next       time.Time     // the next contact planned now
	file       *NationalFile // until the intake is recorded
	class      int           // the current class; -1 before intake
	pos        int           // place in its class list
}

// natEvent is a change of class on a day.
type natEvent struct {
	family, seg int
}

// nationalGen holds the state of one generation.
type nationalGen struct {
	shape    NationalShape
	r        *rand.Rand
	ids      NationalIDs
	sink     NationalSink
	start    time.Time // day 0, UTC midnight
	now      time.Time
	orgs     []NationalOrganisation
	cms      []NationalCaseManager
	points   []string // access point (client address) per case manager
	fams     []natFamily
	active   [][]int           // per case manager: families past intake
	lists    [3][]int          // families per open class
	changes  [][]natEvent      // class changes per day
	planDays [][]int           // families whose plan gets a version, per day
	doneDays [][]doneTask      // tasks done, per day
	audit    []care.AuditEvent // the records of the current day
	counts   NationalCounts
}

type doneTask struct {
	family int
	task   int64
	by     int
}

// GenerateNational makes the national shape through sink, deterministic
// for a seed and the day of now: five years of history up to yesterday,
// with every date relative to now, like the other demo data.
func GenerateNational(shape NationalShape, seed int64, now time.Time, ids NationalIDs, sink NationalSink) (NationalCounts, error) {
	if shape.CaseManagers < 2 || shape.Organisations < 1 || shape.Families < 1 || shape.Days < 30 {
		return NationalCounts{}, errors.New("demo: the national shape is too small")
	}
	now = now.UTC()
	g := &nationalGen{
		shape: shape, r: rand.New(rand.NewPCG(uint64(seed), 0x4e4154)), ids: ids, sink: sink, now: now,
		start: dateOf(now).AddDate(0, 0, -shape.Days),
	}
	g.counts.From, g.counts.To = g.start, g.start.AddDate(0, 0, shape.Days-1)
	steps := []func() error{g.organisations, g.caseManagers, g.families, g.history, g.currentPlans}
	for _, step := range steps {
		if err := step(); err != nil {
			return g.counts, err
		}
	}
	return g.counts, nil
}

// day returns the date of day d.
func (g *nationalGen) day(d int) time.Time { return g.start.AddDate(0, 0, d) }

// at returns a moment on day d, minute minutes after midnight UTC, with a
// random number of microseconds.
func (g *nationalGen) at(d, minute int) time.Time {
	return g.day(d).Add(time.Duration(minute)*time.Minute + time.Duration(g.r.IntN(60_000_000))*time.Microsecond)
}

// workMinute is a random minute of the working day, 7:00 to 16:00 UTC
// (8 or 9 to 17 or 18 in the Netherlands).
func (g *nationalGen) workMinute() int { return 7*60 + g.r.IntN(9*60) }

// weekday moves day d forward to a working day.
func (g *nationalGen) weekday(d int) int {
	for {
		switch g.day(d).Weekday() {
		case time.Saturday:
			d += 2
		case time.Sunday:
			d++
		default:
			return d
		}
	}
}

func (g *nationalGen) isWeekday(d int) bool {
	wd := g.day(d).Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

func (g *nationalGen) organisations() error {
	n := g.shape.Organisations
	g.counts.Regions = g.shape.Regions
	for i := range n {
		region := NationalRegions[i%g.shape.Regions]
		town := region.Towns[(i/g.shape.Regions)%len(region.Towns)]
		if i >= g.shape.Regions*len(region.Towns) {
			town = fmt.Sprintf("%s %d", town, i/(g.shape.Regions*len(region.Towns))+1)
		}
		o := NationalOrganisation{ID: g.ids.Organisation + int64(i), Name: OrganisationName(town, region.Name),
			Region: region.Code, CreatedAt: g.start}
		g.orgs = append(g.orgs, o)
		if err := g.sink.Organisation(&o); err != nil {
			return err
		}
	}
	g.counts.Organisations = n
	return nil
}

// caseManagers divides the case managers over the organisations, by an
// organisation size drawn at random, with at least one KCT and one thuis
// case manager (and four in all) in each.
func (g *nationalGen) caseManagers() error {
	n, orgs := g.shape.CaseManagers, len(g.orgs)
	weights := make([]float64, orgs)
	var total float64
	for i := range weights {
		weights[i] = 0.6 + 0.8*g.r.Float64()
		total += weights[i]
	}
	minimum := min(4, n/orgs)
	sizes := make([]int, orgs)
	left := n - minimum*orgs
	given := 0
	for i := range sizes {
		sizes[i] = minimum + int(float64(left)*weights[i]/total)
		given += sizes[i]
	}
	for i := 0; given < n; i = (i + 1) % orgs {
		sizes[i]++
		given++
	}
	id := g.ids.Account
	for o, size := range sizes {
		kct := max(1, int(math.Round(kctShare*float64(size))))
		for j := range size {
			kind := ByThuis
			if j < kct {
				kind = ByKCT
			}
			cm := NationalCaseManager{
				ID: id, OrganisationID: g.orgs[o].ID, Name: fullName(g.r),
				Email: fmt.Sprintf("casemanager%04d@landelijk.spil.test", len(g.cms)+1),
				Kind:  kind, FTE: float64(20+4*g.r.IntN(5)) / 36, CreatedAt: g.start,
			}
			id++
			g.cms = append(g.cms, cm)
			g.points = append(g.points, fmt.Sprintf("10.%d.%d.%d", o%g.shape.Regions+1, o+1, j+1))
			if err := g.sink.CaseManager(&cm); err != nil {
				return err
			}
		}
	}
	g.counts.CaseManagers = len(g.cms)
	g.active = make([][]int, len(g.cms))
	return nil
}

// families makes every family's file and its course: intake, intensity
// over time, and the end of case management where there is one. Families
// go to the organisation with the least families for its KCT capacity, and
// there to the case managers with the smallest caseload for their FTE, so
// caseloads follow working hours.
func (g *nationalGen) families() error {
	days := g.shape.Days
	last := days - 1
	g.changes = make([][]natEvent, days)
	g.planDays = make([][]int, days)
	g.doneDays = make([][]doneTask, days)
	g.fams = make([]natFamily, g.shape.Families)

	type member struct {
		cm    int
		count int
	}
	byOrg := make([][2][]member, len(g.orgs)) // KCT, thuis
	capacity := make([]float64, len(g.orgs))
	for i, cm := range g.cms {
		o := int(cm.OrganisationID - g.ids.Organisation)
		k := 1
		if cm.Kind == ByKCT {
			k = 0
			capacity[o] += cm.FTE
		}
		byOrg[o][k] = append(byOrg[o][k], member{cm: i})
	}
	orgFamilies := make([]int, len(g.orgs))
	least := func(ms []member) int {
		best := 0
		for j := range ms {
			if float64(ms[j].count)/g.cms[ms[j].cm].FTE < float64(ms[best].count)/g.cms[ms[best].cm].FTE {
				best = j
			}
		}
		ms[best].count++
		return ms[best].cm
	}

	today := dateOf(g.now)
	oldest := time.Date(today.Year()-24, today.Month(), today.Day()+1, 0, 0, 0, 0, time.UTC)
	span := int(today.Sub(oldest).Hours()/24) + 1
	memberID, networkID, stepID, itemID := g.ids.Member, g.ids.NetworkMember, g.ids.IntensityChange, g.ids.CoverageItem
	for i := range g.fams {
		o := 0
		for j := range g.orgs {
			if float64(orgFamilies[j])/capacity[j] < float64(orgFamilies[o])/capacity[o] {
				o = j
			}
		}
		orgFamilies[o]++
		nf := &g.fams[i]
		nf.id, nf.org, nf.class, nf.thuis = g.ids.Family+int64(i), o, -1, -1
		nf.kct = least(byOrg[o][0])
		if g.r.Float64() < thuisShare {
			nf.thuis = least(byOrg[o][1])
		}

		f := generate(g.r, today, span)
		if latest := g.day(last - 14); f.BirthDate.After(latest) {
			f.BirthDate = latest // born before the file can be opened
		}
		birth := int(f.BirthDate.Sub(g.start).Hours() / 24)
		status := "accepted"
		switch p := g.r.IntN(100); {
		case f.Deceased:
		case p < 7:
			status = "offered"
		case p < 12:
			status = "declined"
		case p < 15:
			status = "ended"
		}
		// Intake: families stay long in palliative care, so more of them
		// arrived early in the five years than late; "offered" ones wait
		// for their decision, which comes within two months.
		u := g.r.Float64()
		intake := int(float64(last) * u * u)
		if status == "offered" {
			intake = last - g.r.IntN(60)
		}
		intake = g.weekday(max(intake, birth+g.r.IntN(14)))
		for intake > last || !g.isWeekday(intake) {
			intake--
		}
		nf.intake = intake
		generateFile(g.r, newCalendar(g.day(intake).Add(12*time.Hour)), &f)
		nf.segments = g.course(&f, status, intake, last)
		end := nf.segments[len(nf.segments)-1]
		statusDay := intake
		switch {
		case end.class == classClosed:
			statusDay = end.day
		case status == "declined":
			status = "offered" // the decline would come after today
		case status == "ended":
			status = "accepted" // too short in care to have ended
		}
		nf.deceased = f.Deceased
		nf.planUntil = last + 1
		if len(nf.segments) > 1 && (end.class == classClosed || f.Deceased) {
			nf.planUntil = end.day
		}
		if status == "accepted" || status == "ended" {
			if start := g.weekday(intake + 14 + g.r.IntN(47)); start < nf.planUntil && start <= last {
				g.planDays[start] = append(g.planDays[start], i)
			}
		}
		for s := range nf.segments {
			g.changes[nf.segments[s].day] = append(g.changes[nf.segments[s].day], natEvent{family: i, seg: s})
		}

		// The file as opened, with what changes later in its final state.
		fam := f.CareFamily()
		fam.ID, fam.OrganisationID = nf.id, g.orgs[o].ID
		fam.CreatedAt = g.at(intake, g.workMinute())
		fam.UpdatedAt = fam.CreatedAt
		final := nf.segments[0]
		for _, s := range nf.segments {
			if s.class != classClosed {
				final = s
			}
		}
		fam.Intensity = classIntensity[final.class]
		if end.class != classClosed {
			fam.NextContact = today.AddDate(0, 0, nextContactDays(g.r, fam.Intensity))
		}
		nf.next = fam.NextContact
		ep := f.Episode
		ep.FamilyID = nf.id
		ep.ReferralDate = g.day(max(0, intake-g.r.IntN(30)))
		ep.Status, ep.StatusDate = status, g.day(statusDay)
		file := &NationalFile{Family: fam, Episode: ep, KCT: g.cms[nf.kct].ID}
		if nf.thuis >= 0 {
			file.Thuis = g.cms[nf.thuis].ID
		}
		for _, m := range f.Members {
			m.ID, m.FamilyID = memberID, nf.id
			memberID++
			file.Members = append(file.Members, m)
			nf.members = append(nf.members, m.Name)
		}
		for _, n := range f.Network {
			n.ID, n.FamilyID = networkID, nf.id
			networkID++
			file.Network = append(file.Network, n)
			nf.network = append(nf.network, n.Name)
		}
		next := g.day(intake).AddDate(0, 0, 14)
		if len(nf.segments) == 1 || len(nf.segments) == 2 && end.class == classClosed {
			next = fam.NextContact
		}
		file.Intake = care.IntensityChange{ID: stepID, FamilyID: nf.id, Intensity: classIntensity[nf.segments[0].class],
			NextContact: next, Reason: "intake", ChangedAt: fam.CreatedAt, ChangedBy: g.person(nf.kct)}
		stepID++
		if status == "accepted" && end.class != classClosed && !f.Deceased {
			itemID = g.coverage(file, &f, g.person(nf.kct), intake, itemID)
		}
		nf.file = file
		g.counts.Members += len(file.Members)
		g.counts.NetworkMembers += len(file.Network)
		g.counts.IntensityChanges++
	}
	g.ids.IntensityChange, g.ids.CoverageItem = stepID, itemID
	g.counts.Families = len(g.fams)
	for _, f := range g.fams {
		if err := g.sink.Family(f.file); err != nil {
			return err
		}
	}
	g.caseloads()
	return nil
}

// course returns a family's intensity over time from intake: a first
// intensity, a change every two to ten months, the family's current
// intensity last; for a child who died, the last months at the highest
// intensity and then aftercare at the lowest; and the day case management
// ended or was declined.
func (g *nationalGen) course(f *Family, status string, intake, last int) []segment {
	segs := []segment{{day: intake, class: g.r.IntN(3)}}
	switch status {
	case "offered":
		segs[0].class = classRegular
		return segs
	case "declined":
		if d := g.weekday(intake + 7 + g.r.IntN(15)); d <= last {
			segs = append(segs, segment{day: d, class: classClosed})
		}
		return segs
	}
	end, after := last+1, -1 // from end on: aftercare or closed
	switch {
	case f.Deceased && last-intake > 30:
		end, after = g.weekday(intake+14+g.r.IntN(last-intake-14)), classWaakvlam
	case status == "ended" && last-intake > 60:
		end, after = g.weekday(intake+30+g.r.IntN(last-intake-30)), classClosed
	}
	for d := g.weekday(intake + 60 + g.r.IntN(241)); d < end; d = g.weekday(d + 60 + g.r.IntN(241)) {
		segs = append(segs, segment{day: d, class: g.r.IntN(3)})
	}
	switch {
	case after == classWaakvlam:
		segs[len(segs)-1].class = classIntensive
	case after < 0:
		segs[len(segs)-1].class = classOf(f.Intensity)
		if f.Deceased {
			segs[len(segs)-1].class = classWaakvlam
		}
	}
	if after >= 0 && end <= last {
		segs = append(segs, segment{day: end, class: after})
	}
	// Two segments in a row at the same intensity are no change.
	out := segs[:1]
	for _, s := range segs[1:] {
		if s.class != out[len(out)-1].class && s.day > out[len(out)-1].day {
			out = append(out, s)
		}
	}
	return out
}

// classOf returns the class of an intensity.
func classOf(intensity string) int {
	for c, in := range classIntensity {
		if string(in) == intensity {
			return c
		}
	}
	return classRegular
}

// caseloads counts the families of each case manager.
func (g *nationalGen) caseloads() {
	loads := make([]int, len(g.cms))
	for _, f := range g.fams {
		loads[f.kct]++
		if f.thuis >= 0 {
			loads[f.thuis]++
		}
	}
	g.counts.MinCaseload = math.MaxInt
	var kct, thuis, nk, nt int
	for i, n := range loads {
		g.counts.MinCaseload = min(g.counts.MinCaseload, n)
		g.counts.MaxCaseload = max(g.counts.MaxCaseload, n)
		if g.cms[i].Kind == ByKCT {
			kct, nk = kct+n, nk+1
		} else {
			thuis, nt = thuis+n, nt+1
		}
	}
	if nk > 0 {
		g.counts.MeanKCTCaseload = float64(kct) / float64(nk)
	}
	if nt > 0 {
		g.counts.MeanThuisCaseload = float64(thuis) / float64(nt)
	}
}

func (g *nationalGen) person(cm int) care.Person {
	return care.Person{AccountID: g.cms[cm].ID, Name: g.cms[cm].Name}
}

// history runs the days one by one.
func (g *nationalGen) history() error {
	days := g.shape.Days
	// The contacts and the audit records are spread over the working days
	// by how many families are in care, weighted by their intensity; the
	// quota of a day is what brings the running total to its share.
	weight := make([]float64, days)
	var count [4]int
	for d := range days {
		for _, ev := range g.changes[d] {
			f := &g.fams[ev.family]
			if ev.seg > 0 {
				count[f.segments[ev.seg-1].class]--
			}
			count[f.segments[ev.seg].class]++
		}
		if g.isWeekday(d) {
			for c := range 3 {
				weight[d] += classWeight[c] * float64(count[c])
			}
		}
	}
	var total float64
	for _, w := range weight {
		total += w
	}
	if total == 0 {
		return errors.New("demo: no family is in care on any working day")
	}
	var cum float64
	for d := range days {
		cum += weight[d]
		if err := g.runDay(d, cum/total); err != nil {
			return err
		}
	}
	return nil
}

// runDay makes the events of day d, up to share (0..1) of the contacts
// and audit records made so far.
func (g *nationalGen) runDay(d int, share float64) error {
	g.audit = g.audit[:0]
	for _, ev := range g.changes[d] {
		if err := g.changeClass(d, ev); err != nil {
			return err
		}
	}
	if !g.isWeekday(d) {
		return g.flushAudit()
	}
	working := g.logins(d)
	contacts := int(math.Round(share*float64(g.shape.Contacts))) - g.counts.Contacts
	for range contacts {
		if err := g.contact(d); err != nil {
			return err
		}
	}
	for _, i := range g.planDays[d] {
		if err := g.planVersion(d, i); err != nil {
			return err
		}
	}
	for _, t := range g.doneDays[d] {
		at := g.at(d, g.workMinute())
		f := &g.fams[t.family]
		g.event(t.by, f.id, "family", f.id, care.ActionRead, at.Add(-time.Minute))
		g.event(t.by, f.id, "task", t.task, care.ActionUpdate, at)
	}
	// Reading files makes up the rest: the family page, the care plan and
	// its versions, by case managers at work, in their own caseload.
	reads := int(math.Round(share*float64(g.shape.AuditRecords))) - g.counts.AuditRecords - len(g.audit)
	for n := 0; n < reads && len(working) > 0; n++ {
		cm := working[g.r.IntN(len(working))]
		f := &g.fams[g.active[cm][g.r.IntN(len(g.active[cm]))]]
		object := "family"
		switch p := g.r.IntN(100); {
		case f.plan != nil && p < 20:
			object = "careplan"
		case f.plan != nil && p < 25:
			object = "careplan_version"
		}
		g.event(cm, f.id, object, f.id, care.ActionRead, g.at(d, g.workMinute()))
	}
	return g.flushAudit()
}

// changeClass moves a family to its next intensity class: intake, a step
// up or down, aftercare, or the end of case management.
func (g *nationalGen) changeClass(d int, ev natEvent) error {
	f := &g.fams[ev.family]
	seg := f.segments[ev.seg]
	if f.class >= 0 && f.class != classClosed {
		g.leave(ev.family)
	}
	f.class = seg.class
	if seg.class != classClosed {
		f.pos = len(g.lists[seg.class])
		g.lists[seg.class] = append(g.lists[seg.class], ev.family)
	}
	if ev.seg == 0 {
		return g.intake(d, ev.family)
	}
	if seg.class == classClosed {
		return nil
	}
	by := f.kct
	if f.thuis >= 0 && g.r.IntN(10) < 3 {
		by = f.thuis
	}
	at := g.at(d, g.workMinute())
	in := classIntensity[seg.class]
	next := g.day(d).AddDate(0, 0, 14)
	if ev.seg == len(f.segments)-1 || ev.seg == len(f.segments)-2 && f.segments[len(f.segments)-1].class == classClosed {
		next = f.next
	}
	reason := pick(g.r, stepReasons[in])
	if seg.class == classWaakvlam && ev.seg == len(f.segments)-1 && f.deceased {
		reason = "Kind overleden; nazorg voor het gezin."
	}
	c := care.IntensityChange{ID: g.ids.IntensityChange, FamilyID: f.id, Intensity: in, NextContact: next,
		Reason: reason, ChangedAt: at, ChangedBy: g.person(by)}
	g.ids.IntensityChange++
	g.counts.IntensityChanges++
	g.event(by, f.id, "family", f.id, care.ActionRead, at.Add(-2*time.Minute))
	g.event(by, f.id, "intensity", c.ID, care.ActionCreate, at)
	g.event(by, f.id, "family", f.id, care.ActionRead, at.Add(time.Second))
	return g.sink.IntensityChange(&c)
}

// leave takes a family out of its class list.
func (g *nationalGen) leave(i int) {
	f := &g.fams[i]
	list := g.lists[f.class]
	moved := list[len(list)-1]
	list[f.pos] = moved
	g.fams[moved].pos = f.pos
	g.lists[f.class] = list[:len(list)-1]
}

// intake records the opening of a file: the family, its members and
// network, and the thuis case manager joining the next day.
func (g *nationalGen) intake(d, i int) error {
	f := &g.fams[i]
	g.active[f.kct] = append(g.active[f.kct], i)
	if f.thuis >= 0 {
		g.active[f.thuis] = append(g.active[f.thuis], i)
	}
	file := f.file
	at := file.Family.CreatedAt
	g.event(f.kct, f.id, "family", f.id, care.ActionCreate, at)
	for j, m := range file.Members {
		g.event(f.kct, f.id, "member", m.ID, care.ActionCreate, at.Add(time.Duration(j+1)*time.Minute))
	}
	for j, n := range file.Network {
		g.event(f.kct, f.id, "network_member", n.ID, care.ActionCreate, at.Add(time.Duration(j+10)*time.Minute))
	}
	g.event(f.kct, f.id, "episode", f.id, care.ActionUpdate, at.Add(20*time.Minute))
	if f.thuis >= 0 {
		g.event(f.kct, f.id, "case_manager", file.Thuis, care.ActionUpdate, at.Add(21*time.Minute))
	}
	f.file = nil // stored already; the rest of the simulation needs less
	return nil
}

// logins lets the case managers with families in care log in and open
// their caseload, on the days they work, and returns who worked.
func (g *nationalGen) logins(d int) []int {
	var working []int
	for cm := range g.cms {
		if len(g.active[cm]) == 0 || g.r.Float64() >= g.cms[cm].FTE {
			continue
		}
		working = append(working, cm)
		at := g.at(d, 6*60+g.r.IntN(3*60))
		g.loginEvent(cm, at)
		g.caseloadEvent(cm, at.Add(time.Minute))
		if g.r.IntN(2) == 0 {
			g.caseloadEvent(cm, g.at(d, 11*60+g.r.IntN(4*60)))
		}
	}
	return working
}

// contact registers one contact with a family in care, chosen by
// intensity: the file is opened, the contact saved, the file shown again;
// one in four contacts leads to a task.
func (g *nationalGen) contact(d int) error {
	var total float64
	for c := range 3 {
		total += classWeight[c] * float64(len(g.lists[c]))
	}
	if total == 0 {
		return nil
	}
	x := g.r.Float64() * total
	class := 0
	for class < 2 && x >= classWeight[class]*float64(len(g.lists[class])) {
		x -= classWeight[class] * float64(len(g.lists[class]))
		class++
	}
	if len(g.lists[class]) == 0 {
		return nil
	}
	i := g.lists[class][g.r.IntN(len(g.lists[class]))]
	f := &g.fams[i]
	by := f.kct
	if f.thuis >= 0 && g.r.IntN(100) < 55 {
		by = f.thuis
	}
	at := g.at(d, g.workMinute())
	r := g.r
	kind := care.ContactKinds[r.IntN(len(care.ContactKinds))]
	with := care.ContactWith[r.IntN(len(care.ContactWith))]
	location, minutes, travel := "", 10+r.IntN(30), 0
	switch kind {
	case "home_visit":
		location, minutes, travel = "thuis", 45+r.IntN(76), 15+r.IntN(76)
	case "meeting":
		location, minutes, travel = "ziekenhuis", 30+r.IntN(61), r.IntN(61)
	case "email":
		minutes = 5 + r.IntN(11)
	}
	c := care.Contact{ID: g.ids.Contact, FamilyID: f.id, Date: g.day(d), Kind: kind, With: with, Location: location,
		DurationMin: minutes, TravelMin: travel, Topics: pick(r, contactTopics), FollowUp: pick(r, followUps),
		CreatedAt: at, CreatedBy: g.person(by)}
	g.ids.Contact++
	g.counts.Contacts++
	g.event(by, f.id, "family", f.id, care.ActionRead, at.Add(-time.Duration(1+r.IntN(20))*time.Minute))
	g.event(by, f.id, "contact", c.ID, care.ActionCreate, at)
	g.event(by, f.id, "family", f.id, care.ActionRead, at.Add(time.Second))
	if err := g.sink.Contact(&c); err != nil {
		return err
	}
	if r.Float64() < taskShare {
		return g.task(d, i, by, at.Add(2*time.Minute))
	}
	return nil
}

// task makes a task after a contact, with its final state: most are done
// within weeks, recent ones are still open.
func (g *nationalGen) task(d, i, by int, at time.Time) error {
	f := &g.fams[i]
	r := g.r
	last := g.shape.Days - 1
	due := 7 + r.IntN(50)
	t := care.Task{ID: g.ids.Task, FamilyID: f.id, Title: pick(r, taskTitles), Status: "open",
		DueDate: g.day(d + due), CreatedAt: at, CreatedBy: g.person(by)}
	g.ids.Task++
	g.counts.Tasks++
	t.OwnerKind = care.TaskOwners[r.IntN(len(care.TaskOwners))]
	switch t.OwnerKind {
	case "network":
		if len(f.network) > 0 {
			t.OwnerName = pick(r, f.network)
		}
	case "family":
		t.OwnerName = pick(r, f.members)
	default:
		t.OwnerName = g.cms[by].Name
	}
	if t.OwnerName == "" {
		t.OwnerKind, t.OwnerName = "casemanager", g.cms[by].Name
	}
	if f.plan != nil && r.IntN(4) == 0 {
		t.PlanDimension = care.Dimensions[r.IntN(len(care.Dimensions))]
		t.PlanGoal = f.goals[t.PlanDimension]
	}
	// Nine in ten are done, most before they are due; the rest stay open.
	done := last + 1
	if r.IntN(10) != 0 {
		done = g.weekday(d + 1 + r.IntN(due+14))
	}
	if done <= last {
		t.Status, t.DoneNote = "done", pick(r, doneNotes)
		t.DoneAt, t.DoneBy = g.at(done, g.workMinute()), g.person(by)
		g.doneDays[done] = append(g.doneDays[done], doneTask{family: i, task: t.ID, by: by})
	}
	if t.PlanDimension != "" {
		f.planTasks = append(f.planTasks, planTask{task: t, doneDay: done})
	}
	g.event(by, f.id, "task", t.ID, care.ActionCreate, at)
	return g.sink.Task(&t)
}

// Material for the national care plans' reviews.
var (
	planSituations = []string{
		"Stabiel; geen nieuwe klachten sinds het vorige overleg.",
		"Meer onrust 's nachts; de medicatie is aangepast.",
		"Voeding via de sonde gaat goed; gewicht stabiel.",
		"Ouders zijn moe; respijtzorg wordt uitgebreid.",
		"Gaat weer een paar ochtenden per week naar school.",
		"Na de opname thuis; zorg opnieuw ingeregeld.",
	}
	planAgreements = []string{
		"Bij koorts eerst de huisarts bellen, daarna het KCT.",
		"Eens per maand overleg met ouders over de zorg thuis.",
		"Broers en zussen mogen altijd mee naar gesprekken.",
		"Medicatieoverzicht na elke wijziging delen met de apotheek.",
	}
)

// planVersion saves the next version of a family's plan on day d: the
// first from the default template, later ones after a review, with now
// and then a conversation, a new situation or agreement, or a changed
// directive; and plans the next review in two to five months.
func (g *nationalGen) planVersion(d, i int) error {
	f := &g.fams[i]
	last := g.shape.Days - 1
	if d >= f.planUntil {
		return nil
	}
	r := g.r
	date := g.day(d)
	var p *care.CarePlan
	prev := f.plan
	if prev == nil {
		p = care.NewPlan(f.id, care.DefaultTemplate(), date)
		p.Wishes = pick(r, planWishes)
		for j := range p.Sections {
			s := &p.Sections[j]
			s.Goals = []care.PlanItem{{For: care.PlanFor[r.IntN(len(care.PlanFor))], Text: pick(r, planGoals[s.Dimension])}}
		}
		p.AssignIDs()
		f.goals = map[care.Dimension]string{}
		for _, s := range p.Sections {
			f.goals[s.Dimension] = s.Goals[0].ID
		}
	} else {
		p = copyPlan(prev)
		p.DiscussedOn, p.ReviewDue = date, date.AddDate(0, p.ReviewMonths, 0)
		if r.IntN(2) == 0 && len(p.ACP.Conversations) < 6 {
			p.ACP.Conversations = append(p.ACP.Conversations, care.Conversation{Date: date,
				Participants: "Ouders, kinderarts en casemanager", Topics: pick(r, contactTopics), Record: "Verslag bij de kinderarts"})
		}
		s := &p.Sections[r.IntN(len(p.Sections))]
		switch r.IntN(3) {
		case 0:
			s.Situation = pick(r, planSituations)
		case 1:
			if len(s.Agreements) < 3 {
				s.Agreements = append(s.Agreements, care.PlanItem{For: "family", Text: pick(r, planAgreements)})
			}
		}
		if r.IntN(4) == 0 {
			p.ACP.Directives[0] = care.Directive{Kind: "resuscitation", Decision: care.DirectiveDecisions[1+r.IntN(3)],
				Date: date, AgreedBy: "Ouders en kinderarts"}
			p.ACP.PlaceOfDeath = care.Preference{Place: care.Places[r.IntN(len(care.Places)-1)]}
		}
		p.AssignIDs()
	}
	by := f.kct
	if f.thuis >= 0 && r.IntN(5) == 0 {
		by = f.thuis
	}
	at := g.at(d, g.workMinute())
	p.FamilyID, p.SavedAt, p.SavedBy = f.id, at, g.person(by)
	var then []care.Task
	for _, pt := range f.planTasks {
		t := pt.task
		if pt.doneDay > d {
			t.Status, t.DoneNote, t.DoneAt, t.DoneBy = "open", "", time.Time{}, care.Person{}
		}
		then = append(then, t)
	}
	care.SnapshotActions(p, then)
	p.Changes = care.PlanChanges(prev, p)
	p.Version = 1
	action := care.ActionCreate
	if prev != nil {
		p.Version, action = prev.Version+1, care.ActionUpdate
	}
	f.plan = p
	g.counts.PlanVersions++
	g.event(by, f.id, "careplan", f.id, care.ActionRead, at.Add(-10*time.Minute))
	g.event(by, f.id, "careplan", f.id, action, at)
	g.event(by, f.id, "careplan", f.id, care.ActionRead, at.Add(time.Second))
	if next := g.weekday(d + 60 + r.IntN(91)); next <= last {
		g.planDays[next] = append(g.planDays[next], i)
	}
	return g.sink.CarePlanVersion(p)
}

// copyPlan copies a plan so the next version can change it without
// changing the one before.
func copyPlan(p *care.CarePlan) *care.CarePlan {
	c := *p
	c.Sections = make([]care.PlanSection, len(p.Sections))
	for i, s := range p.Sections {
		s.Problems = append([]care.PlanItem(nil), s.Problems...)
		s.Goals = append([]care.PlanItem(nil), s.Goals...)
		s.Agreements = append([]care.PlanItem(nil), s.Agreements...)
		s.Actions = append([]care.PlanAction(nil), s.Actions...)
		c.Sections[i] = s
	}
	c.ACP.Conversations = append([]care.Conversation(nil), p.ACP.Conversations...)
	c.ACP.Scenarios = append([]care.Scenario(nil), p.ACP.Scenarios...)
	c.ACP.Directives = append([]care.Directive(nil), p.ACP.Directives...)
	c.Changes = nil
	return &c
}

// currentPlans stores the current version of every plan.
func (g *nationalGen) currentPlans() error {
	for i := range g.fams {
		if p := g.fams[i].plan; p != nil {
			if err := g.sink.CurrentCarePlan(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// event records an access by case manager cm, as the service records it.
func (g *nationalGen) event(cm int, familyID int64, object string, objectID int64, action care.Action, at time.Time) {
	g.audit = append(g.audit, care.AuditEvent{At: at, ActorID: g.cms[cm].ID, ActorRole: care.RoleCaseManager,
		FamilyID: familyID, ObjectType: object, ObjectID: objectID, Action: action, Outcome: care.OutcomeSuccess,
		AccessPoint: g.points[cm], Authorised: true, Relationship: true})
}

// loginEvent records a login as the service does: no family, no relationship.
func (g *nationalGen) loginEvent(cm int, at time.Time) {
	g.audit = append(g.audit, care.AuditEvent{At: at, ActorID: g.cms[cm].ID, ActorRole: care.RoleCaseManager,
		ObjectType: "session", Action: care.ActionLogin, Outcome: care.OutcomeSuccess, AccessPoint: g.points[cm], Authorised: true})
}

// caseloadEvent records opening the caseload: a search over one's families.
func (g *nationalGen) caseloadEvent(cm int, at time.Time) {
	g.audit = append(g.audit, care.AuditEvent{At: at, ActorID: g.cms[cm].ID, ActorRole: care.RoleCaseManager,
		ObjectType: "caseload", Action: care.ActionSearch, Outcome: care.OutcomeSuccess, AccessPoint: g.points[cm],
		Authorised: true, Relationship: true})
}

// flushAudit passes the day's records on in time order.
func (g *nationalGen) flushAudit() error {
	slices.SortStableFunc(g.audit, func(a, b care.AuditEvent) int { return a.At.Compare(b.At) })
	for i := range g.audit {
		e := &g.audit[i]
		e.At = e.At.Truncate(time.Microsecond)
		if err := g.sink.Audit(e); err != nil {
			return err
		}
	}
	g.counts.AuditRecords += len(g.audit)
	return nil
}
