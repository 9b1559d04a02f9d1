package fhir

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// TestAidMapping: each aid status to DeviceRequest.status and intent, and
// back to the same aid; an aid's documents are about its DeviceRequest.
func TestAidMapping(t *testing.T) {
	tests := []struct {
		status             string
		granted, ordered   string
		wantStatus, intent string
	}{
		{care.AidRequested, "", "", "active", "proposal"},
		{care.AidAssessed, "", "", "active", "proposal"},
		{care.AidGranted, "2026-03-01", "", "active", "plan"},
		{care.AidOrdered, "2026-03-01", "2026-03-05", "active", "order"},
		{care.AidDelivered, "", "", "completed", "order"},
		{care.AidRefused, "", "", "revoked", "proposal"},
		{care.AidCancelled, "2026-03-01", "", "revoked", "plan"},
		{care.AidCancelled, "2026-03-01", "2026-03-05", "revoked", "order"},
	}
	for _, tt := range tests {
		in := sample()
		a := care.Aid{ID: 150, FamilyID: 7, Kind: "bed", Via: care.LawZvw, Status: tt.status, Requested: day("2026-02-01")}
		if tt.granted != "" {
			a.Granted = day(tt.granted)
		}
		if tt.ordered != "" {
			a.Ordered = day(tt.ordered)
		}
		in.Aids = []care.Aid{a}
		b := Export(in)
		r, _ := b.Find("DeviceRequest", "aid-7-150").(*DeviceRequest)
		if r == nil {
			t.Fatalf("%s: no DeviceRequest", tt.status)
		}
		if r.Status != tt.wantStatus || r.Intent != tt.intent || r.AuthoredOn != "2026-02-01" {
			t.Errorf("%s (granted %q, ordered %q): status %q, intent %q, authoredOn %q; want %q, %q", tt.status, tt.granted, tt.ordered,
				r.Status, r.Intent, r.AuthoredOn, tt.wantStatus, tt.intent)
		}
		out, _ := roundTrip(t, in)
		if diff := cmp.Diff(in.Aids, out.Aids); diff != "" {
			t.Errorf("%s: the aid reads back differently (-want +got):\n%s", tt.status, diff)
		}
	}
	b := Export(sample())
	d, _ := b.Find("DocumentReference", "document-7-122").(*DocumentReference)
	if d == nil || d.Context == nil || len(d.Context.Related) != 1 || d.Context.Related[0].Reference != "DeviceRequest/aid-7-131" {
		t.Errorf("the aid's document %+v is not about its DeviceRequest", d)
	}
	if b.Find("Binary", "binary-7-122") == nil {
		t.Error("the aid's document has no content")
	}
}

// TestDocumentOfAnotherAid: a document that names an aid other than the
// one before it is refused.
func TestDocumentOfAnotherAid(t *testing.T) {
	in := sample()
	in.Aids[0].Documents[0].AidID = 132
	b := Export(in)
	if _, err := Import(b); err == nil {
		t.Error("a document under an aid it does not name was read")
	}
}
