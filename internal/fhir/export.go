package fhir

import (
	"context"

	"github.com/spil-zorg/spil/internal/care"
)

// Export writes the file in as a Bundle of type collection. The output
// depends on in alone: ids derive from Spil's ids, and resources come in a
// fixed order (the organisation, the child, the family, the professionals,
// the care team, the episode, diagnoses, contacts, tasks, the plan with its
// goals and proactive care planning, the consents), each kind in the order
// of in. Every resource names its profile in meta.profile.
func Export(in Input) Bundle {
	x := &exporter{in: in, fam: itoa(in.Family.ID)}
	x.organisation()
	x.patient()
	x.members()
	x.caseManagers()
	x.network()
	x.careTeam()
	x.episode()
	x.diagnoses()
	x.contacts()
	x.tasks()
	x.plan()
	x.planVersions()
	x.consents()
	x.stays()
	x.transfers()
	x.meetings()
	x.coverage()
	x.aids()
	x.notes()
	x.threads()
	x.aftercare()
	x.proposals()
	return Bundle{ResourceType: "Bundle", Type: BundleCollection, Entry: x.entries}
}

// ReadFamily reads a family's file through care.Service for an export, as
// the actor may see it (see care.Service.ExportFile); action is what the
// audit record says.
func ReadFamily(ctx context.Context, svc *care.Service, actor care.Actor, familyID int64, action care.Action) (Input, error) {
	return ReadFamilyParts(ctx, svc, actor, familyID, action, care.ExportAll)
}

// ExportFamily exports a family's file as the actor may see it: the whole
// file for its case managers; for a provider with consent what their view
// and the care plan show them. The export is audited as one export (E).
func ExportFamily(ctx context.Context, svc *care.Service, actor care.Actor, familyID int64) (Bundle, error) {
	in, err := ReadFamily(ctx, svc, actor, familyID, care.ActionExport)
	if err != nil {
		return Bundle{}, err
	}
	return Export(in), nil
}

type exporter struct {
	in      Input
	fam     string // the family id, in ids of the family's resources
	entries []BundleEntry
}

// add puts r in the Bundle with its type, id and profile.
func (x *exporter) add(r Resource, typ, id, profile string, ext *exts) {
	h := r.Header()
	h.ResourceType, h.ID, h.Meta = typ, id, &Meta{Profile: []string{profile}}
	if ext != nil {
		h.Extension = ext.list
	}
	x.entries = append(x.entries, BundleEntry{Resource: r})
}

// Resource ids. Every id carries the family's id, so that a read of one
// resource knows whose file to open: the family's id alone where there is
// one such resource per file, else the family's id and then Spil's own id
// (or the item's key), as <kind>-<family>-<id>.
func scopedID(prefix, fam string, id int64) string { return prefix + fam + "-" + itoa(id) }

func orgID(fam string, id int64) string                 { return scopedID("org-", fam, id) }
func patientID(fam string) string                       { return "child-" + fam }
func memberID(fam string, id int64) string              { return scopedID("member-", fam, id) }
func networkID(fam string, id int64) string             { return scopedID("nm-", fam, id) }
func networkOrgID(fam string, id int64) string          { return scopedID("nm-org-", fam, id) }
func caseManagerID(fam string, acc int64) string        { return scopedID("cm-", fam, acc) }
func caseRoleID(fam string, acc int64, k string) string { return scopedID("cm-", fam, acc) + "-" + k }
func teamID(fam string) string                          { return "team-" + fam }
func episodeID(fam string) string                       { return "episode-" + fam }
func taskID(fam string, id int64) string                { return scopedID("task-", fam, id) }
func contactID(fam string, id int64) string             { return scopedID("contact-", fam, id) }
func planID(fam string) string                          { return "izp-" + fam }
func consentID(fam string, id int64) string             { return scopedID("consent-", fam, id) }

func (x *exporter) patientRef() Reference { return refv("Patient", patientID(x.fam)) }
