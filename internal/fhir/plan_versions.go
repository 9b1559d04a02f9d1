package fhir

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// The care plan's earlier versions: each is a CarePlan of its own on
// Spil's profile spil-CarePlanVersion, status revoked (superseded by the
// version after it), replacing the version before it, written exactly as
// the current plan is (the same extensions and activities), with its
// problems, goals and proactive care planning as contained resources: they
// are the version as it stood, not resources of the file today. The
// current plan replaces the newest earlier version.

// ProfileSpilCarePlanVersion is Spil's profile for an earlier version of
// the care plan.
const ProfileSpilCarePlanVersion = SpilBase + "StructureDefinition/spil-CarePlanVersion"

func planVersionID(fam string, v int) string { return scopedID("plan-version-", fam, int64(v)) }

// planReplaces is what the current plan replaces: the newest earlier
// version, when the export holds the earlier versions.
func (x *exporter) planReplaces() []Reference {
	n := len(x.in.PlanVersions)
	if n == 0 {
		return nil
	}
	return []Reference{refv("CarePlan", planVersionID(x.fam, x.in.PlanVersions[n-1].Version))}
}

// planVersions writes the earlier versions, oldest first.
func (x *exporter) planVersions() {
	for i := range x.in.PlanVersions {
		p := x.in.PlanVersions[i]
		sub := &exporter{in: Input{Family: x.in.Family, Plan: &p}, fam: x.fam}
		sub.plan()
		r := sub.entries[0].Resource.(*CarePlan)
		local := map[string]string{}
		for _, e := range sub.entries[1:] {
			h := e.Resource.Header()
			local[h.ResourceType+"/"+h.ID] = "#" + h.ID
			r.Contained = append(r.Contained, e.Resource)
		}
		relink(r, local)
		r.Status = "revoked"
		if i > 0 {
			r.Replaces = []Reference{refv("CarePlan", planVersionID(x.fam, x.in.PlanVersions[i-1].Version))}
		}
		x.add(r, "CarePlan", planVersionID(x.fam, p.Version), ProfileSpilCarePlanVersion, nil)
	}
}

// planVersion reads an earlier version back: the CarePlan and its
// contained resources as the current plan's resources would be, read as
// the current plan is.
func (m *importer) planVersion(r *CarePlan) {
	v := m.scopedID("plan-version-", r.ID)
	cp, err := copyResource(r)
	if err != nil {
		m.fail("plan version %s: %v", r.ID, err)
		return
	}
	plan := cp.(*CarePlan)
	contained := plan.Contained
	plan.Contained, plan.Replaces, plan.Status, plan.ID = nil, nil, "active", planID(m.fam)
	local := map[string]string{}
	for _, c := range contained {
		h := c.Header()
		local["#"+h.ID] = h.ResourceType + "/" + h.ID
	}
	sub := &importer{fam: m.fam}
	sub.in.Family = m.in.Family
	relink(plan, local)
	sub.resource(plan, ProfileSpilCarePlan)
	for _, c := range contained {
		h := c.Header()
		if h.Meta == nil || len(h.Meta.Profile) != 1 {
			m.fail("plan version %s: %s/%s names no one profile", r.ID, h.ResourceType, h.ID)
			return
		}
		relink(c, local)
		sub.resource(c, h.Meta.Profile[0])
	}
	switch {
	case sub.err != nil:
		m.fail("plan version %s: %v", r.ID, sub.err)
	case sub.in.Plan == nil || int64(sub.in.Plan.Version) != v:
		m.fail("plan version %s is not version %d", r.ID, v)
	default:
		m.in.PlanVersions = append(m.in.PlanVersions, *sub.in.Plan)
	}
}

// relink rewrites the references in r (and in what it contains) that
// local names: to a contained resource ("#id") or back to the Bundle's.
func relink(r Resource, local map[string]string) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[Reference]() {
				ref := v.Addr().Interface().(*Reference)
				if to, ok := local[ref.Reference]; ok {
					ref.Reference = to
				}
				return
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(r))
}

// copyResource returns a deep copy of r, through its JSON.
func copyResource(r Resource) (Resource, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return decodeResource(data)
}

// decodeResource decodes one resource into Spil's type for its
// resourceType; an element Spil does not write is an error.
func decodeResource(data []byte) (Resource, error) {
	var head struct {
		ResourceType string `json:"resourceType"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, err
	}
	r, err := newResource(head.ResourceType)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(r); err != nil {
		return nil, fmt.Errorf("fhir: %s: %w", head.ResourceType, err)
	}
	return r, nil
}

// Contained are the resources a resource contains.
type Contained []Resource

// UnmarshalJSON decodes each contained resource into Spil's type for it.
func (c *Contained) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := make(Contained, 0, len(raw))
	for _, d := range raw {
		r, err := decodeResource(d)
		if err != nil {
			return err
		}
		out = append(out, r)
	}
	*c = out
	return nil
}
