package care

import (
	"context"
	"slices"
	"strings"
	"time"
)

// The sociale kaart is the regional directory of care and support for
// children and their families: hospices, respite, home care, a
// psychologist who knows grief, parent associations. Parents mostly learn
// what exists from other parents; the kaart lets the case manager find a
// service by need and region and add it to the family's network in one
// step, and shows the regional coordinator where the offer has gaps
// ("white spots"). It holds no family data.

// The kinds of service, as stored.
const (
	ServiceHospice           = "hospice" // a children's hospice
	ServiceKinderzorghuis    = "kinderzorghuis"
	ServiceRespite           = "respite" // logeeropvang
	ServiceHomeCare          = "home_care"
	ServiceMedicalDayCare    = "medical_day_care"
	ServicePsychologist      = "psychologist"
	ServiceBereavement       = "bereavement"
	ServiceSchoolSupport     = "school_support"
	ServicePGBHelp           = "pgb_help"
	ServiceParentAssociation = "parent_association"
)

// ServiceKinds lists the kinds in the order the pages offer them.
var ServiceKinds = []string{ServiceHospice, ServiceKinderzorghuis, ServiceRespite, ServiceHomeCare, ServiceMedicalDayCare,
	ServicePsychologist, ServiceBereavement, ServiceSchoolSupport, ServicePGBHelp, ServiceParentAssociation}

// Capabilities are what a service can care for that not every one of its
// kind can: a respite house that takes children on ventilation. A gap
// in them ("no respite for children on ventilation") is a white spot.
const (
	CapVentilation = "ventilation" // beademing
	CapTubeFeeding = "tube_feeding"
	CapOxygen      = "oxygen"
	CapEpilepsy    = "epilepsy" // complex epilepsy, rescue medication
	CapNightCare   = "night_care"
)

// ServiceCapabilities lists the capabilities in the order the pages offer them.
var ServiceCapabilities = []string{CapVentilation, CapTubeFeeding, CapOxygen, CapEpilepsy, CapNightCare}

// careKinds are the kinds of service that care for the child itself,
// where a missing capability is a gap.
var careKinds = []string{ServiceHospice, ServiceKinderzorghuis, ServiceRespite, ServiceHomeCare, ServiceMedicalDayCare}

// The regions of paediatric palliative care, each around an academic
// children's hospital, as stored.
var Regions = []string{"noord", "oost", "midden", "noordwest", "west", "zuidwest", "zuid"}

// How much room a service has now.
const (
	CapacityAvailable = "available" // takes new children now
	CapacityWaitlist  = "waitlist"
	CapacityFull      = "full"
	CapacityUnknown   = "unknown"
)

// Capacities lists them in the order the pages offer them.
var Capacities = []string{CapacityAvailable, CapacityWaitlist, CapacityFull, CapacityUnknown}

// MaxServiceAge is the oldest age the paediatric field serves.
const MaxServiceAge = 23

// DirectoryEntry is one service on the sociale kaart.
type DirectoryEntry struct {
	ID           int64
	Name         string // the service as people know it
	Organisation string // who runs it, when not in the name
	Kind         string // one of ServiceKinds
	Region       string // one of Regions
	Address      string
	Phone        string
	Email        string
	Website      string
	MinAge       int // years, both included
	MaxAge       int
	Offers       string   // what it offers, in words
	Capabilities []string // of ServiceCapabilities, in that order
	Capacity     string   // one of Capacities
	CapacityOn   time.Time
	UpdatedAt    time.Time
	UpdatedBy    Person
}

// Can reports whether the service offers the capability.
func (e *DirectoryEntry) Can(capability string) bool {
	return slices.Contains(e.Capabilities, capability)
}

// ServesAge reports whether the service takes a child of age.
func (e *DirectoryEntry) ServesAge(age int) bool { return age >= e.MinAge && age <= e.MaxAge }

func (e *DirectoryEntry) trim() {
	for _, s := range []*string{&e.Name, &e.Organisation, &e.Address, &e.Phone, &e.Email, &e.Website, &e.Offers} {
		*s = strings.TrimSpace(*s)
	}
	var caps []string
	for _, c := range ServiceCapabilities {
		if slices.Contains(e.Capabilities, c) {
			caps = append(caps, c)
		}
	}
	e.Capabilities = caps
	if e.Capacity == "" {
		e.Capacity = CapacityUnknown
	}
}

// Validate checks an entry: a name, a kind and region from the lists, an
// age range within childhood, contact details that are what they say.
func (e *DirectoryEntry) Validate() error {
	fe := FieldErrors{}
	text(fe, "name", e.Name, MaxName, true)
	text(fe, "organisation", e.Organisation, MaxName, false)
	oneOf(fe, "kind", e.Kind, ServiceKinds...)
	oneOf(fe, "region", e.Region, Regions...)
	text(fe, "address", e.Address, MaxShort, false)
	text(fe, "phone", e.Phone, 40, false)
	email(fe, "email", e.Email)
	text(fe, "website", e.Website, MaxShort, false)
	if e.Website != "" && !strings.HasPrefix(e.Website, "https://") && !strings.HasPrefix(e.Website, "http://") {
		fe["website"] = "directory.website_invalid"
	}
	if e.MinAge < 0 || e.MinAge > MaxServiceAge {
		fe["min_age"] = "directory.age_invalid"
	}
	if e.MaxAge < 0 || e.MaxAge > MaxServiceAge {
		fe["max_age"] = "directory.age_invalid"
	}
	if !fe.Has("min_age") && !fe.Has("max_age") && e.MaxAge < e.MinAge {
		fe["max_age"] = "directory.age_order"
	}
	text(fe, "offers", e.Offers, MaxText, false)
	for _, c := range e.Capabilities {
		oneOf(fe, "capabilities", c, ServiceCapabilities...)
	}
	oneOf(fe, "capacity", e.Capacity, Capacities...)
	return fe.OrNil()
}

// DirectoryQuery selects entries of the kaart; the zero query selects all.
type DirectoryQuery struct {
	Need       string // a kind of service; "" for any
	Region     string // "" for any
	Capability string // "" for any
	// Age is the child's age in years, when HasAge.
	Age    int
	HasAge bool
}

// Matches reports whether the entry answers the query.
func (q DirectoryQuery) Matches(e *DirectoryEntry) bool {
	return (q.Need == "" || e.Kind == q.Need) && (q.Region == "" || e.Region == q.Region) &&
		(q.Capability == "" || e.Can(q.Capability)) && (!q.HasAge || e.ServesAge(q.Age))
}

// Validate checks a query's choices.
func (q DirectoryQuery) Validate() error {
	fe := FieldErrors{}
	if q.Need != "" {
		oneOf(fe, "need", q.Need, ServiceKinds...)
	}
	if q.Region != "" {
		oneOf(fe, "region", q.Region, Regions...)
	}
	if q.Capability != "" {
		oneOf(fe, "capability", q.Capability, ServiceCapabilities...)
	}
	if q.HasAge && (q.Age < 0 || q.Age > MaxServiceAge) {
		fe["age"] = "directory.age_invalid"
	}
	return fe.OrNil()
}

// SortDirectory orders entries the way the pages list them: those with
// room first, then by name.
func SortDirectory(entries []DirectoryEntry) {
	rank := func(c string) int { return slices.Index(Capacities, c) }
	slices.SortStableFunc(entries, func(a, b DirectoryEntry) int {
		if c := rank(a.Capacity) - rank(b.Capacity); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}

// DirectoryStore keeps the sociale kaart and the region of each
// organisation, and reads the aggregate needs the white spots compare
// it with.
type DirectoryStore interface {
	// DirectoryEntries lists the entries that match q, in no set order.
	DirectoryEntries(ctx context.Context, q DirectoryQuery) ([]DirectoryEntry, error)
	// DirectoryEntry reads one entry; NotFound when there is none.
	DirectoryEntry(ctx context.Context, id int64) (*DirectoryEntry, error)
	// SaveDirectoryEntry inserts (ID 0) or updates an entry.
	SaveDirectoryEntry(ctx context.Context, e *DirectoryEntry) error
	// SetDirectoryCapacity sets an entry's capacity as of at; NotFound
	// when there is no such entry.
	SetDirectoryCapacity(ctx context.Context, id int64, capacity string, at time.Time, by int64) error
	// LinkNetworkMemberToDirectory records that a network member of the
	// family was added from the entry.
	LinkNetworkMemberToDirectory(ctx context.Context, familyID, networkMemberID, entryID int64) error
	// NetworkDirectoryEntries lists the entries the family's current
	// network members were added from.
	NetworkDirectoryEntries(ctx context.Context, familyID int64) ([]int64, error)
	// RegionalNeeds counts, per region of the families' organisations
	// and kind of coverage item, the items of living children that are
	// served on day (granted, running, with a provider) and those that
	// are not. Counts only: no family is named.
	RegionalNeeds(ctx context.Context, day time.Time) ([]RegionalNeed, error)
	// RegionalPlanGaps counts, per region, the goals of living children's
	// care plans that need funded care and that no coverage item running
	// or being arranged on day serves, as needs with no CoverageKind.
	RegionalPlanGaps(ctx context.Context, day time.Time) ([]RegionalNeed, error)
}

// RegionalNeed counts coverage items of one kind in one region, served
// or not; with no CoverageKind it counts care plan goals that need funded
// care and have no coverage.
type RegionalNeed struct {
	Region       string
	CoverageKind string // "" for care plan goals without coverage
	Served       bool
	Count        int
}
