package site_test

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// directoryWorld puts a respite service on the sociale kaart, for the
// {entry} of the kaart's routes.
func (w *authzWorld) directoryWorld(t *testing.T) {
	t.Helper()
	e := &care.DirectoryEntry{Name: "Logeerhuis De Vlinder", Kind: care.ServiceRespite, Region: "midden", MaxAge: 18}
	if err := w.a.Care.SaveDirectoryEntry(context.Background(), w.actor("coordinator"), e); err != nil {
		t.Fatal(err)
	}
	w.entry = e.ID
}
