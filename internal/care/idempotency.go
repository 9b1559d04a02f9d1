package care

import (
	"context"
	"crypto/rand"
	"errors"
	"time"
)

// A client that sends a write again, because the answer to the first one
// never came, must not make the change twice. It names the write with a
// key of its own (the API's Idempotency-Key). The first request with the
// key claims it; the answer is kept with the key in the write's own
// transaction, so the answer is kept exactly when the write commits; a
// repeat with the key gets that answer instead of writing again.

// IdempotencyKeyLife is how long a key is remembered after its first use.
const IdempotencyKeyLife = 24 * time.Hour

// IdempotencyClaimLease is how long a claim may be in flight before a
// repeat of the same request may take it over: a request longer than the
// server's write timeout (60 s) has lost its client anyway. Taking over is
// safe: only the holder of the claim can keep an answer, so of two
// requests only one can commit its write.
const IdempotencyClaimLease = 2 * time.Minute

// IdempotencyKey is one account's key and what it is used for.
type IdempotencyKey struct {
	AccountID int64
	Key       string // as the client sent it
	// RequestHash names the request the key was first used for: a key
	// stands for one request, never for two different ones.
	RequestHash string
	// Claim is a random token of the request that holds the key; only it
	// can keep an answer.
	Claim     string
	ClaimedAt time.Time
	ExpiresAt time.Time
	// Answer is the kept answer of the write; nil while it is in flight.
	Answer *KeptAnswer
}

// KeptAnswer is what a write answered, as the surface that answered it
// wrote it; the service keeps it without looking inside.
type KeptAnswer struct {
	Status   int
	Location string
	Body     []byte
}

// IdempotencyStore keeps the keys.
type IdempotencyStore interface {
	// ClaimIdempotencyKey claims k.Key for k, or takes over the account's
	// record of it when it has expired or is a claim of the same request
	// from before staleBefore. It returns nil when k holds the key, and
	// otherwise the record that holds it.
	ClaimIdempotencyKey(ctx context.Context, k *IdempotencyKey, staleBefore time.Time) (*IdempotencyKey, error)
	// KeepIdempotentAnswer stores the answer of the write that holds the
	// claim, in the write's transaction; Conflict when the claim does not
	// hold the key (any more), or has kept an answer already.
	KeepIdempotentAnswer(ctx context.Context, accountID int64, key, claim string, a KeptAnswer) error
	// ReleaseIdempotencyKey gives up a claim that kept no answer.
	ReleaseIdempotencyKey(ctx context.Context, accountID int64, key, claim string) error
	// IdempotencyKey reads the account's record of key; NotFound when
	// there is none.
	IdempotencyKey(ctx context.Context, accountID int64, key string) (*IdempotencyKey, error)
	// DeleteIdempotencyKeys deletes the records that expired before t.
	DeleteIdempotencyKeys(ctx context.Context, t time.Time) (int64, error)
}

// ErrIdempotencyKeyReused answers a key sent again with another request.
var ErrIdempotencyKeyReused = Errorf(Invalid, "idempotency_key.reused")

// ErrIdempotencyKeyInFlight answers a key whose first request has not
// finished yet.
var ErrIdempotencyKeyInFlight = Errorf(Conflict, "idempotency_key.in_flight")

// idempotencyClaim is a held key on its way to the write: in the context
// of the call, so the gate of the write finds it in the write's
// transaction.
type idempotencyClaim struct {
	key    *IdempotencyKey
	answer func(objectID int64) KeptAnswer
	kept   *KeptAnswer // what the write kept, once its transaction ran
}

type idempotencyClaimKey struct{}

// Idempotent runs write, one write through the service on behalf of actor,
// at most once for the actor's key and request (requestHash). answer makes
// the write's answer from the id of the object it touched (the object of
// its audit record); it is kept with the key when the write commits, and
// Idempotent returns it.
//
// When the key was used before for this request, write does not run: a
// finished write answers its kept answer (replayed is true), one in flight
// ErrIdempotencyKeyInFlight. A key used before for another request is
// ErrIdempotencyKeyReused. A write that fails keeps nothing and frees the
// key, so a repeat runs it again.
func (s *Service) Idempotent(ctx context.Context, actor Actor, key, requestHash string,
	answer func(objectID int64) KeptAnswer, write func(ctx context.Context) error) (a KeptAnswer, replayed bool, err error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	k := &IdempotencyKey{AccountID: actor.AccountID, Key: key, RequestHash: requestHash, Claim: rand.Text(),
		ClaimedAt: now, ExpiresAt: now.Add(IdempotencyKeyLife)}
	held, err := s.store.ClaimIdempotencyKey(ctx, k, now.Add(-IdempotencyClaimLease))
	switch {
	case err != nil:
		return KeptAnswer{}, false, err
	case held == nil:
	case held.RequestHash != requestHash:
		return KeptAnswer{}, false, ErrIdempotencyKeyReused
	case held.Answer == nil:
		return KeptAnswer{}, false, ErrIdempotencyKeyInFlight
	default:
		return *held.Answer, true, nil
	}
	c := &idempotencyClaim{key: k, answer: answer}
	err = write(context.WithValue(ctx, idempotencyClaimKey{}, c))
	// What follows the write also runs when the client has gone away,
	// so that the key is not left claimed for the length of the lease.
	after := context.WithoutCancel(ctx)
	if err == nil {
		if c.kept == nil {
			// The write committed without its answer: it did not go
			// through a write of the service. Nothing protects a repeat.
			return KeptAnswer{}, false, errors.Join(Errorf(Internal, "a write under an idempotency key kept no answer"),
				s.store.ReleaseIdempotencyKey(after, k.AccountID, k.Key, k.Claim))
		}
		return *c.kept, false, nil
	}
	// A commit that failed may still have happened (the connection went
	// as the database restarted): then the answer is kept, and it is the
	// answer.
	if rec, rerr := s.store.IdempotencyKey(after, k.AccountID, k.Key); rerr == nil && rec.Claim == k.Claim && rec.Answer != nil {
		return *rec.Answer, false, nil
	}
	// Releasing never removes a kept answer, so it is safe whatever the
	// lookup said; when it fails, the claim ends with its lease.
	if rerr := s.store.ReleaseIdempotencyKey(after, k.AccountID, k.Key, k.Claim); rerr != nil {
		err = errors.Join(err, rerr)
	}
	return KeptAnswer{}, false, err
}

// keepAnswer keeps, in the transaction of a write that is about to commit,
// the answer for the idempotency key the write came with, if any: the
// answer then commits exactly when the write does. A second write under
// one claim fails, since the claim has kept its answer.
func (s *Service) keepAnswer(ctx context.Context, st Store, actor Actor, objectID int64) error {
	c, _ := ctx.Value(idempotencyClaimKey{}).(*idempotencyClaim)
	if c == nil {
		return nil
	}
	if c.key.AccountID != actor.AccountID {
		return Errorf(Internal, "an idempotency key of another account")
	}
	a := c.answer(objectID)
	if err := st.KeepIdempotentAnswer(ctx, c.key.AccountID, c.key.Key, c.key.Claim, a); err != nil {
		if ErrorCode(err) == Conflict {
			// Another request of the same key took the claim over.
			return errors.Join(ErrIdempotencyKeyInFlight, err)
		}
		return err
	}
	c.kept = &a
	return nil
}

// ForgetIdempotencyKeys deletes the keys that have expired; the cleanup
// loop of the server calls it.
func (s *Service) ForgetIdempotencyKeys(ctx context.Context) (int64, error) {
	return s.store.DeleteIdempotencyKeys(ctx, s.now().UTC())
}
