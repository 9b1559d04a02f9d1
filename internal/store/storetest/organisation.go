package storetest

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func testOrganisationURA(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	other := newOrg(t, s)
	o, err := s.OrganisationIdentity(ctx, org)
	if err != nil || o.ID != org || o.Name == "" || o.URA != "" {
		t.Fatalf("new organisation = %+v, %v; want its name and no URA", o, err)
	}
	if err := s.SetOrganisationURA(ctx, org, "90000123"); err != nil {
		t.Fatal(err)
	}
	if o, err := s.OrganisationIdentity(ctx, org); err != nil || o.URA != "90000123" {
		t.Errorf("after setting: %+v, %v", o, err)
	}
	if o, err := s.OrganisationIdentity(ctx, other); err != nil || o.URA != "" {
		t.Errorf("the other organisation: %+v, %v", o, err)
	}
	if err := s.SetOrganisationURA(ctx, org, "123"); err == nil {
		t.Error("a URA of three characters was stored")
	}
	if err := s.SetOrganisationURA(ctx, org, ""); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.OrganisationIdentity(ctx, org); o.URA != "" {
		t.Errorf("after clearing: %+v", o)
	}
	if err := s.SetOrganisationURA(ctx, other+1000, "90000123"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("unknown organisation: %v, want not found", err)
	}
	if _, err := s.OrganisationIdentity(ctx, other+1000); care.ErrorCode(err) != care.NotFound {
		t.Errorf("unknown organisation read: %v, want not found", err)
	}
}
