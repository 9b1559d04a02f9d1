package care

import "slices"

// White spots are the gaps in a region's offer: kinds of service the
// kaart has none of, capabilities no service of a kind offers (no respite
// for children on ventilation), needs in the families' coverage plans
// that found no service, and goals of their care plans that need funded
// care and have no coverage. The coordinator sees them as counts per region,
// never a family.

// MinShownCount is the smallest count of families' needs shown as a
// number; fewer is shown as "fewer than" it, so no count points at one
// family.
const MinShownCount = 5

// coverageServices is the kind of service that provides each kind of
// coverage item; a kind not here (transport, other) has none on the kaart.
var coverageServices = map[string]string{
	"home_nursing": ServiceHomeCare, "personal_care": ServiceHomeCare, "night_care": ServiceHomeCare,
	"day_care": ServiceMedicalDayCare, "medical_day_care": ServiceMedicalDayCare, "respite": ServiceRespite,
	"psychosocial": ServicePsychologist, "bereavement": ServiceBereavement, "education": ServiceSchoolSupport,
	"pgb_parent": ServicePGBHelp,
}

// ServiceFor is the kind of service that provides a kind of coverage
// item; "" when the kaart has no such kind.
func ServiceFor(coverageKind string) string { return coverageServices[coverageKind] }

// RegionWhiteSpots are the gaps in one region.
type RegionWhiteSpots struct {
	Region string
	// Entries is how many services the kaart holds in the region.
	Entries int
	// MissingKinds are the kinds of service with no entry, in the order
	// of ServiceKinds.
	MissingKinds []string
	// MissingCapabilities are, per kind of care the region has entries
	// of, the capabilities none of them offers.
	MissingCapabilities []KindCapability
	// Unserved are, per kind of service, the families' needs that found
	// no service, and all needs of that kind.
	Unserved []NeedCount
	// PlanGaps counts the care plans' goals that need funded care and
	// have no coverage running or being arranged.
	PlanGaps int
}

// PlanGapsShown says whether the count of plan goals may be shown as a
// number.
func (w RegionWhiteSpots) PlanGapsShown() bool { return w.PlanGaps >= MinShownCount }

// KindCapability is a capability no service of a kind offers.
type KindCapability struct {
	Kind       string
	Capability string
}

// NeedCount counts the needs for one kind of service in a region.
type NeedCount struct {
	Kind     string
	Unserved int
	Total    int
}

// UnservedShown says whether the count of unserved needs may be shown as
// a number.
func (n NeedCount) UnservedShown() bool { return n.Unserved >= MinShownCount }

// WhiteSpots compares the kaart with the needs, per region: every region
// that has an entry or a need, in the order of Regions.
func WhiteSpots(entries []DirectoryEntry, needs []RegionalNeed) []RegionWhiteSpots {
	var out []RegionWhiteSpots
	for _, region := range Regions {
		w := RegionWhiteSpots{Region: region}
		byKind := map[string][]DirectoryEntry{}
		for _, e := range entries {
			if e.Region == region {
				byKind[e.Kind] = append(byKind[e.Kind], e)
				w.Entries++
			}
		}
		counts := map[string]*NeedCount{}
		for _, n := range needs {
			if n.Region == region && n.CoverageKind == "" {
				w.PlanGaps += n.Count
				continue
			}
			kind := ServiceFor(n.CoverageKind)
			if n.Region != region || kind == "" {
				continue
			}
			c := counts[kind]
			if c == nil {
				c = &NeedCount{Kind: kind}
				counts[kind] = c
			}
			c.Total += n.Count
			if !n.Served {
				c.Unserved += n.Count
			}
		}
		if w.Entries == 0 && len(counts) == 0 && w.PlanGaps == 0 {
			continue
		}
		for _, kind := range ServiceKinds {
			es := byKind[kind]
			if len(es) == 0 {
				w.MissingKinds = append(w.MissingKinds, kind)
			} else if slices.Contains(careKinds, kind) {
				for _, c := range ServiceCapabilities {
					if !slices.ContainsFunc(es, func(e DirectoryEntry) bool { return e.Can(c) }) {
						w.MissingCapabilities = append(w.MissingCapabilities, KindCapability{Kind: kind, Capability: c})
					}
				}
			}
			if c := counts[kind]; c != nil && c.Unserved > 0 {
				w.Unserved = append(w.Unserved, *c)
			}
		}
		out = append(out, w)
	}
	return out
}
