package care_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// BenchmarkFile reads the family page of a family with five years of
// history (300 contacts, 300 closed tasks) as its case manager, from many
// goroutines at once: the read, its audit record and the group commit.
func BenchmarkFile(b *testing.B) {
	db := storetest.Databases()[0]
	ctx := context.Background()
	s := db.Open(b)
	org, _ := s.CreateOrganisation(ctx, "KCT", now)
	svc := care.NewService(s, nil)
	cm := newAccount(b, s, org, care.RoleCaseManager, "cm@example.org")
	fam, err := svc.CreateFamily(ctx, cm, intake("Daan Hermans", date(2015, 3, 1)))
	if err != nil {
		b.Fatal(err)
	}
	for i := range 300 {
		c := &care.Contact{FamilyID: fam, Date: date(2021+i/60, time.Month(1+i%12), 1+i%28), Kind: "phone", With: "parent", DurationMin: 15,
			Topics: fmt.Sprint("Gesprek over de nachtzorg en de school, nummer ", i)}
		if err := svc.AddContact(ctx, cm, c); err != nil {
			b.Fatal(err)
		}
		k := &care.Task{FamilyID: fam, Title: fmt.Sprint("Taak ", i), OwnerKind: "casemanager"}
		if err := svc.CreateTask(ctx, cm, k); err != nil {
			b.Fatal(err)
		}
		if i%10 != 0 {
			if err := svc.CompleteTask(ctx, cm, care.ViewCaseFile, fam, k.ID, "Gedaan"); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.SetParallelism(4) // eight readers on two cores, as in the load runs
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := svc.File(ctx, cm, fam); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
