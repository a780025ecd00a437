package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestClaimTotalsFollowEveryWrite makes a few hundred random writes of the
// kinds that change what a page totals — new statements (with sources and
// without, at every level, alleged and denied), reviews, level changes, a
// source found to be a near-copy after its statements were stored, machine
// work cleared for re-extraction, merges, a public testimony's witness
// granting and withdrawing consent to publication — and after each round compares
// the kept totals, for every kind of viewer, with the totals counted from
// the statements themselves; then rebuilds them from scratch and compares
// again.
func TestClaimTotalsFollowEveryWrite(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r := rand.New(rand.NewPCG(7, 11))
		var sources []model.Source
		for i, sens := range []model.Sensitivity{model.Public, model.Public, model.Public, model.Internal, model.Restricted, model.Confidential} {
			sources = append(sources, addSource(t, st, fmt.Sprintf("claim totals source %d", i), sens))
		}
		// Two testimonies an admin put at public: the anonymous public
		// counts the statements of the one whose witness consented to
		// publication, never those of the other; consent changes below.
		consented := []bool{true, false}
		for i, pub := range consented {
			src := addTestimony(t, st, fmt.Sprintf("claim totals testimony %d", i), model.Public, model.Consent{Court: true, Publication: pub})
			sources = append(sources, src)
		}
		testimonies := sources[len(sources)-2:]
		var ents []string
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			for range 4 {
				e, err := tx.AddEntity(ctx, model.TypeFacility)
				if err != nil {
					return err
				}
				ents = append(ents, e.ID)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		values := []string{"Sednaya", "SEDNAYA", "Saydnaya", "صيدنايا"}
		modalities := []model.Modality{model.Asserted, model.Asserted, model.Alleged, model.Denied}
		statuses := []model.Status{model.StatusProposed, model.StatusProposed, model.StatusConfirmed, model.StatusRejected}
		var stmts, mentions []string
		for round := range 12 {
			err := st.Write(ctx, "tester", func(tx *store.Tx) error {
				for range 25 {
					switch op := r.IntN(12); {
					case op >= 10 || len(mentions) == 0 && op >= 8:
						// mentions: new ones, some not linked, and relinks
						if len(mentions) > 0 && op == 11 {
							to := ""
							if r.IntN(4) > 0 {
								to = ents[r.IntN(len(ents))]
							}
							if err := tx.LinkMention(ctx, mentions[r.IntN(len(mentions))], to, 0.9); err != nil && !errors.Is(err, store.ErrNotFound) {
								return err
							}
							continue
						}
						// one mention, or a batch of them over several
						// sources and entities, as a source's extraction
						// stores them
						var batch []*model.Mention
						for range 1 + r.IntN(3)*r.IntN(8) {
							m := model.Mention{SourceID: sources[r.IntN(len(sources))].ID, Span: model.Span{Start: 0, End: 5}, Type: model.TypeFacility,
								Extractor: []string{"test@1", "none"}[r.IntN(2)], Score: 1}
							if r.IntN(5) > 0 {
								m.EntityID = ents[r.IntN(len(ents))]
							}
							batch = append(batch, &m)
						}
						add := tx.AddMentions
						if len(batch) == 1 && r.IntN(2) == 0 {
							add = func(ctx context.Context, ms []*model.Mention) error { return tx.AddMention(ctx, ms[0]) }
						}
						if err := add(ctx, batch); err != nil {
							return err
						}
						for _, m := range batch {
							mentions = append(mentions, m.ID)
						}
					case op < 6 || len(stmts) == 0:
						s := model.Statement{EntityID: ents[r.IntN(len(ents))], Property: []model.Property{model.PropName, model.PropAlias, model.PropAffiliation}[r.IntN(3)],
							Status: statuses[r.IntN(len(statuses))], Modality: modalities[r.IntN(len(modalities))],
							Sensitivity: model.Sensitivity(r.IntN(4)), Origin: "extracted:test@1"}
						if s.Property == "affiliation" {
							s.ValueEntity = ents[r.IntN(len(ents))]
						} else {
							s.Value = values[r.IntN(len(values))]
						}
						if r.IntN(6) > 0 {
							s.SourceID = sources[r.IntN(len(sources))].ID
						} else {
							s.Origin = "manual"
						}
						if err := tx.AddStatement(ctx, &s); err != nil {
							return err
						}
						stmts = append(stmts, s.ID)
					case op < 8:
						if err := tx.Review(ctx, stmts[r.IntN(len(stmts))], statuses[r.IntN(len(statuses))], ""); err != nil && !errors.Is(err, store.ErrNotFound) {
							return err
						}
					default:
						err := tx.SetStatementSensitivity(ctx, stmts[r.IntN(len(stmts))], model.Sensitivity(r.IntN(4)))
						if err != nil && !errors.Is(err, store.ErrBelowSource) && !errors.Is(err, store.ErrNotFound) {
							return err
						}
					}
				}
				if round%3 == 1 { // a witness grants or withdraws consent to publication
					i := r.IntN(2)
					consented[i] = !consented[i]
					if err := tx.SetConsent(ctx, testimonies[i].ID, model.Consent{Publication: consented[i], Contact: true}); err != nil {
						return err
					}
				}
				switch round {
				case 3: // a source found to copy another after its statements were counted
					return tx.SetDuplicate(ctx, sources[1].ID, sources[0].ID, 0.97)
				case 5: // one that copies a restricted original
					return tx.SetDuplicate(ctx, sources[2].ID, sources[4].ID, 0.95)
				case 7: // re-extraction clears what no person touched
					_, err := tx.ClearMachineWork(ctx, sources[0].ID, "none", "extracted:test@2")
					return err
				case 9:
					return tx.SetMergedInto(ctx, ents[3], ents[2])
				}
				return nil
			})
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			checkClaimTotals(t, st, ents, fmt.Sprintf("round %d", round))
			checkEntitySources(t, st, ents, fmt.Sprintf("round %d", round))
		}
		n, err := st.RebuildTotals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatal("the rebuild counted no statements")
		}
		checkClaimTotals(t, st, ents, "after the rebuild")
		checkEntitySources(t, st, ents, "after the rebuild")
		mustVerify(t, st)
	})
}

// addTestimony stores a testimony at level sens with the consent given.
func addTestimony(t testing.TB, s *store.Store, text string, sens model.Sensitivity, c model.Consent) model.Source {
	t.Helper()
	src := model.Source{Kind: model.KindTestimony, Title: "t", Text: text, Language: "en", Sensitivity: sens, Published: model.DayDate(2025, 1, 4)}
	err := s.Write(context.Background(), "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(context.Background(), &src, []byte(text)); err != nil {
			return err
		}
		return tx.SetConsent(context.Background(), src.ID, c)
	})
	if err != nil {
		t.Fatalf("add testimony: %v", err)
	}
	return src
}

// TestPublicTotalsObeyConsent: a confirmed public statement drawn from a
// public testimony counts for the anonymous public only while its witness
// consents to publication — in the totals, the footnotes, the captions,
// the entity listing and the sources of the entity — and for an account
// of public clearance whatever the consent.
func TestPublicTotalsObeyConsent(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := addTestimony(t, st, "consent totals testimony", model.Public, model.Consent{Court: true})
		const name = "consent-totals-marker-omega"
		var e model.Entity
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			var err error
			if e, err = tx.AddEntity(ctx, model.TypePerson); err != nil {
				return err
			}
			if err := tx.AddStatement(ctx, &model.Statement{EntityID: e.ID, Property: model.PropName, Value: name, SourceID: src.ID,
				Origin: "manual", Status: model.StatusConfirmed, Sensitivity: model.Public}); err != nil {
				return err
			}
			return tx.AddMention(ctx, &model.Mention{SourceID: src.ID, Span: model.Span{Start: 0, End: 7}, Type: model.TypePerson,
				Extractor: "test@1", Score: 1, EntityID: e.ID})
		})
		if err != nil {
			t.Fatal(err)
		}
		member := access.Viewer{Name: "v", Role: model.RoleViewer, Clearance: model.Public}
		check := func(when string, published bool) {
			t.Helper()
			for _, v := range []access.Viewer{access.Public(), member} {
				want := published || !v.Anonymous
				totals, err := st.ClaimTotals(ctx, v, []string{e.ID})
				if err != nil {
					t.Fatal(err)
				}
				if got := len(totals) == 1 && totals[0].Confirmed == 1 && totals[0].Independent == 1; got != want {
					t.Errorf("%s: %s counts the testimony's name %v, want %v (%+v)", when, v.Actor(), got, want, totals)
				}
				captions, err := st.CaptionNames(ctx, v, []string{e.ID})
				if err != nil {
					t.Fatal(err)
				}
				if got := len(captions[e.ID][model.PropName]) == 1; got != want {
					t.Errorf("%s: %s captions the entity %v, want %v", when, v.Actor(), got, want)
				}
				listed, err := st.EntitiesPage(ctx, v, model.TypePerson, "", 10)
				if err != nil {
					t.Fatal(err)
				}
				if got := len(listed) == 1; got != want {
					t.Errorf("%s: %s lists the entity %v, want %v", when, v.Actor(), got, want)
				}
				sts, err := st.Statements(ctx, v, e.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got := len(sts) == 1; got != want {
					t.Errorf("%s: %s reads the statement %v, want %v", when, v.Actor(), got, want)
				}
				newest, n, err := st.RecentSourcesMentioning(ctx, v, []string{e.ID}, 5)
				if err != nil {
					t.Fatal(err)
				}
				if got := n == 1 && len(newest) == 1; got != want {
					t.Errorf("%s: %s counts %d sources of the entity (%d listed), want them %v", when, v.Actor(), n, len(newest), want)
				}
				if _, err := st.Source(ctx, v, src.ID); (err == nil) != want {
					t.Errorf("%s: %s reads the testimony: %v, want %v", when, v.Actor(), err, want)
				}
			}
		}
		check("without consent to publication", false)
		setConsent := func(c model.Consent) {
			t.Helper()
			if err := st.Write(ctx, "admin", func(tx *store.Tx) error { return tx.SetConsent(ctx, src.ID, c) }); err != nil {
				t.Fatal(err)
			}
		}
		setConsent(model.Consent{Court: true, Publication: true, Partners: []string{"publication"}})
		check("with consent to publication", true)
		if n, err := st.RebuildTotals(ctx); err != nil || n != 1 {
			t.Fatalf("rebuild: %d %v", n, err)
		}
		check("with consent, after a rebuild", true)
		// A partner named "publication" is no consent to publication.
		setConsent(model.Consent{Partners: []string{"publication"}})
		check("consent withdrawn", false)
		if _, err := st.RebuildTotals(ctx); err != nil {
			t.Fatal(err)
		}
		check("withdrawn, after a rebuild", false)
		mustVerify(t, st)
	})
}

// checkClaimTotals compares ClaimTotals with totals counted from the
// statements, for every kind of viewer, for each entity alone and for the
// merged pair together.
func checkClaimTotals(t *testing.T, st *store.Store, ents []string, when string) {
	t.Helper()
	ctx := context.Background()
	viewers := []access.Viewer{access.Public()}
	for _, c := range model.Sensitivities() {
		viewers = append(viewers, access.Viewer{Name: "v", Role: model.RoleViewer, Clearance: c})
	}
	groups := [][]string{{ents[0]}, {ents[1]}, {ents[2], ents[3]}}
	for _, v := range viewers {
		for _, ids := range groups {
			got, err := st.ClaimTotals(ctx, v, ids)
			if err != nil {
				t.Fatal(err)
			}
			want := countedTotals(t, st, v, ids)
			if !reflect.DeepEqual(normalTotals(got), want) {
				t.Fatalf("%s, viewer %s/%s, entities %v:\nkept    %v\ncounted %v", when, v.Actor(), v.Clearance, ids, normalTotals(got), want)
			}
			for _, c := range got {
				if c.Confirmed+c.Proposed == 0 {
					continue
				}
				sts, err := st.ClaimStatements(ctx, v, ids, c, 3)
				if err != nil {
					t.Fatal(err)
				}
				if len(sts) == 0 || len(sts) > 3 {
					t.Fatalf("%s: %d footnote statements of %s %s", when, len(sts), c.Property, c.Key)
				}
				for _, s := range sts {
					if store.ClaimKey(s.Value, s.ValueEntity) != c.Key || s.Status == model.StatusRejected || !v.CanSee(s.Sensitivity) {
						t.Fatalf("%s: footnote statement %+v for %s", when, s, c.Key)
					}
				}
			}
		}
	}
}

// checkEntitySources compares the kept sources of each entity with those
// found through its mentions.
func checkEntitySources(t *testing.T, st *store.Store, ents []string, when string) {
	t.Helper()
	ctx := context.Background()
	viewers := []access.Viewer{access.Public(), access.Operator(), {Name: "v", Role: model.RoleViewer, Clearance: model.Internal}}
	for _, v := range viewers {
		for _, e := range ents {
			all, err := st.SourcesMentioning(ctx, v, e)
			if err != nil {
				t.Fatal(err)
			}
			sort.SliceStable(all, func(i, j int) bool {
				a, b := all[i], all[j]
				if a.Published != b.Published {
					return a.Published.String() > b.Published.String()
				}
				if !a.IngestedAt.Equal(b.IngestedAt) {
					return a.IngestedAt.After(b.IngestedAt)
				}
				return a.ID > b.ID
			})
			merged, err := st.MergedInto(ctx, e)
			if err != nil {
				t.Fatal(err)
			}
			for _, limit := range []int{2, 10} {
				newest, total, err := st.RecentSourcesMentioning(ctx, v, append([]string{e}, merged...), limit)
				if err != nil {
					t.Fatal(err)
				}
				var want, got []string
				for i, s := range all {
					if i < limit {
						want = append(want, s.ID)
					}
				}
				for _, s := range newest {
					got = append(got, s.ID)
				}
				if total != len(all) || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%s: %s as %s: kept %d sources %v, mentions give %d %v", when, e, v.Actor(), total, got, len(all), want)
				}
			}
		}
	}
}

type totalCheck struct {
	Confirmed, Proposed, Rejected, Independent int
	Alleged, Denied, Manual                    bool
	Sensitivity                                model.Sensitivity
}

func normalTotals(cs []store.ClaimTotal) map[string]totalCheck {
	out := map[string]totalCheck{}
	for _, c := range cs {
		out[c.Property+" "+c.Key] = totalCheck{c.Confirmed, c.Proposed, c.Rejected, c.Independent, c.Alleged, c.Denied, c.Manual, c.Sensitivity}
	}
	return out
}

// countedTotals counts what a page would, from the statements the viewer
// may see.
func countedTotals(t *testing.T, st *store.Store, v access.Viewer, ids []string) map[string]totalCheck {
	t.Helper()
	ctx := context.Background()
	out := map[string]totalCheck{}
	origins := map[string]map[string]bool{}
	for _, id := range ids {
		sts, err := st.Statements(ctx, v, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sts {
			k := string(s.Property) + " " + store.ClaimKey(s.Value, s.ValueEntity)
			c := out[k]
			switch s.Status {
			case model.StatusRejected:
				c.Rejected++
				out[k] = c
				continue
			case model.StatusConfirmed:
				c.Confirmed++
			default:
				c.Proposed++
			}
			c.Alleged = c.Alleged || s.Modality == model.Alleged
			c.Denied = c.Denied || s.Modality == model.Denied
			c.Manual = c.Manual || s.SourceID == ""
			c.Sensitivity = max(c.Sensitivity, s.Sensitivity)
			if s.SourceID != "" {
				src, err := st.SourceInfo(ctx, access.Operator(), s.SourceID)
				if err != nil {
					t.Fatal(err)
				}
				origin := src.ID
				if src.DuplicateOf != "" {
					origin = src.DuplicateOf
				}
				if origins[k] == nil {
					origins[k] = map[string]bool{}
				}
				origins[k][origin] = true
			}
			out[k] = c
		}
	}
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := out[k]
		c.Independent = len(origins[k])
		out[k] = c
	}
	return out
}
