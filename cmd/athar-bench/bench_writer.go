package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// otherWriter writes beside a large ingest, as a server's other users do —
// a sign-in (a session's row) and a ledgered change (an account's) every
// writerEvery — and keeps how long each of its writes took from asking to
// done: what a login or a review waits while the ingest runs (issue 18:
// "never blocks other writers for more than a second", shown by
// measurement, not asserted by a test).
type otherWriter struct {
	stop chan struct{}
	wg   sync.WaitGroup
	err  error
	// longest is the longest write, n how many were made.
	longest time.Duration
	n       int
}

// writerEvery is how often the other writer writes: a busy server's
// sign-ins, far more often than a real one's.
const writerEvery = 100 * time.Millisecond

// startOtherWriter makes an account to write as and starts writing.
func startOtherWriter(ctx context.Context, st *store.Store) (*otherWriter, error) {
	u := model.User{Name: "bench-writer", Role: model.RoleViewer, Clearance: model.Public}
	if err := st.Write(ctx, "bench", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
		return nil, err
	}
	w := &otherWriter{stop: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(writerEvery)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
			start := time.Now()
			var err error
			if i%2 == 0 {
				now := time.Now()
				err = st.Sessions().Create(ctx, model.Session{ID: randomHex(), UserID: u.ID, UserName: u.Name, CSRF: randomHex(),
					CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(time.Hour)})
			} else {
				err = st.Write(ctx, "bench", func(tx *store.Tx) error { return tx.SetUserDisabled(ctx, u.ID, i%4 == 1) })
			}
			if err != nil {
				w.err = err
				return
			}
			w.longest = max(w.longest, time.Since(start))
			w.n++
		}
	}()
	return w, nil
}

// done stops the writer and returns what it measured, or its first error.
func (w *otherWriter) done() (longest time.Duration, n int, err error) {
	close(w.stop)
	w.wg.Wait()
	return w.longest, w.n, w.err
}

func randomHex() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
