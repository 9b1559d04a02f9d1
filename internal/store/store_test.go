package store_test

import (
	"testing"

	"github.com/spil-zorg/spil/internal/store/storetest"
)

func TestStore(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			storetest.Run(t, func(t testing.TB) storetest.Store { return db.Open(t) })
		})
	}
}
