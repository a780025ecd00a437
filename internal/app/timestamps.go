package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/store"
)

// Trusted time (docs/evidence.md, "Trusted time"): every checkpoint the
// App signs is sent to the time-stamping authorities ATHAR_TSA_URL names,
// and their tokens are kept beside it. An authority that fails never loses
// a checkpoint: the checkpoint is written first, and the next command that
// signs the head — or `athar timestamp` — asks again for the newest one,
// whose token covers every entry before it.

// StampResult is what asking the authorities for the newest checkpoint
// gave: the checkpoint, the token files kept, the authorities that failed.
type StampResult struct {
	Checkpoint ledger.Checkpoint `json:"checkpoint"`
	Tokens     []string          `json:"tokens"`
	Failed     []string          `json:"failed"`     // one line per authority that failed, with why
	Authority  bool              `json:"configured"` // an authority is configured
}

// Timestamp signs the ledger's head into a checkpoint (when it moved) and
// asks every configured authority for a token over the newest checkpoint
// that lacks one. Authorities that fail are in Failed, not an error: the
// checkpoint is kept either way.
func (a *App) Timestamp(ctx context.Context) (StampResult, error) {
	c, err := a.st.Checkpoint(ctx)
	if err != nil {
		return StampResult{}, fmt.Errorf("sign ledger checkpoint: %w", err)
	}
	return a.stamp(ctx, c)
}

func (a *App) stamp(ctx context.Context, c ledger.Checkpoint) (StampResult, error) {
	res := StampResult{Checkpoint: c}
	tc, err := ledger.TimeConfigFromEnv()
	if err != nil {
		// Configuration is read when asked; the checkpoint is kept.
		res.Failed = append(res.Failed, err.Error())
		a.log.Warn("no trusted time asked for", "err", err)
		return res, nil
	}
	res.Authority = len(tc.URLs) > 0
	if c.Seq == 0 {
		return res, nil
	}
	for _, url := range tc.URLs {
		path, err := ledger.Stamp(ctx, tc, url, a.st.CheckpointDir(), c)
		if err != nil {
			res.Failed = append(res.Failed, err.Error())
			a.log.Warn("no trusted time for this checkpoint yet; the next write or `athar timestamp` asks again",
				"checkpoint", c.Seq, "err", err)
			continue
		}
		res.Tokens = append(res.Tokens, path)
	}
	return res, nil
}

// verifyTimestamps checks every time-stamp token kept beside the
// checkpoints — its signature, its authority's certificate against
// ATHAR_TSA_CA, and that it stamps its checkpoint's signed bytes — and
// says what trusted time does not cover.
func (a *App) verifyTimestamps(r *store.Report) error {
	tc, err := ledger.TimeConfigFromEnv()
	if err != nil {
		return err
	}
	dir := a.st.CheckpointDir()
	cps, err := ledger.ReadCheckpoints(dir)
	if err != nil {
		return nil // reported by the store's own check of the checkpoints
	}
	tokens, err := ledger.Tokens(dir)
	if err != nil {
		r.Problems = append(r.Problems, store.Problem{Kind: "timestamp", Where: dir, Detail: err.Error()})
		return nil
	}
	bySeq := map[int64]ledger.Checkpoint{}
	for _, c := range cps {
		bySeq[c.Seq] = c
	}
	var newest int64
	for seq, files := range tokens {
		where := fmt.Sprintf("checkpoint %012d.json", seq)
		c, ok := bySeq[seq]
		if !ok {
			r.Problems = append(r.Problems, store.Problem{Kind: "timestamp", Where: where,
				Detail: "has a time-stamp token (" + filepath.Base(files[0]) + ") but the checkpoint itself is missing"})
			continue
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err == nil {
				_, err = ledger.VerifyToken(b, c.Imprint(), tc.Roots)
			}
			if err != nil {
				r.Problems = append(r.Problems, store.Problem{Kind: "timestamp", Where: where,
					Detail: "its time-stamp token " + filepath.Base(f) + " does not verify: " + err.Error()})
				continue
			}
			r.Timestamps++
			newest = max(newest, seq)
		}
	}
	switch {
	case r.Timestamps == 0 && len(tc.URLs) == 0:
		r.Unchecked = append(r.Unchecked, "when anything was recorded, by a clock outside Athar: no trusted time was obtained "+
			"(no time-stamping authority is configured: "+ledger.TSAURLEnv+"; see docs/evidence.md)")
	case r.Timestamps == 0:
		r.Unchecked = append(r.Unchecked, "when anything was recorded, by a clock outside Athar: no trusted time was obtained yet "+
			"(no authority has answered; `athar timestamp` asks again)")
	case len(cps) > 0 && cps[len(cps)-1].Seq > newest:
		r.Unchecked = append(r.Unchecked, fmt.Sprintf("trusted time for entries %d to %d: the newest checkpoint with a verified "+
			"time-stamp token is at entry %d (`athar timestamp` asks again)", newest+1, cps[len(cps)-1].Seq, newest))
	}
	if r.Timestamps > 0 && tc.Roots == nil {
		r.Unchecked = append(r.Unchecked, "who the time-stamping authority is: no trusted certificates are configured ("+
			ledger.TSACAEnv+"), so each token was checked against the certificate it carries")
	}
	r.OK = len(r.Problems) == 0
	return nil
}

// trustedTime asks the configured authorities for trusted time over c
// (stamp) and returns the time-stamps over it that verify: what a dossier
// prints.
func (a *App) trustedTime(ctx context.Context, c ledger.Checkpoint) []ledger.TokenInfo {
	if _, err := a.stamp(ctx, c); err != nil {
		return nil
	}
	tc, err := ledger.TimeConfigFromEnv()
	if err != nil {
		return nil
	}
	tokens, err := ledger.Tokens(a.st.CheckpointDir())
	if err != nil {
		return nil
	}
	var out []ledger.TokenInfo
	for _, f := range tokens[c.Seq] {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if info, err := ledger.VerifyToken(b, c.Imprint(), tc.Roots); err == nil {
			out = append(out, info)
		}
	}
	return out
}
