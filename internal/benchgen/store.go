package benchgen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// FillStats says what Fill stored.
type FillStats struct {
	Sources, Entities, Statements int
}

// Fill stores about n generated statements, fast, for export benchmarks:
// a few sources of each level, and persons (names in both scripts, rank,
// position, birthplace) and arrests (type, date, subject, perpetrator,
// place, summary) about them, statements confirmed, proposed and now and
// then rejected, each citing a source with a quote. batch is how many
// entities one transaction writes; progress, when set, gets the number of
// statements stored so far. Nothing here is real.
func Fill(ctx context.Context, st *store.Store, n, batch int, progress func(int)) (FillStats, error) {
	var fs FillStats
	if batch < 1 {
		batch = 200
	}
	r := rand.New(rand.NewPCG(uint64(n), 0x66696c6c))
	type src struct {
		id   string
		text string
	}
	var srcs []src
	err := st.Write(ctx, "benchgen", func(tx *store.Tx) error {
		levels := []model.Sensitivity{model.Public, model.Public, model.Public, model.Internal, model.Restricted, model.Confidential}
		for i, level := range levels {
			text := Article(1_000_000 + i)
			kind := model.KindArticle
			if level == model.Confidential {
				kind = model.KindTestimony
			}
			s := model.Source{Kind: kind, Title: fmt.Sprintf("Generated source %d", i), Publisher: "Generated Wire",
				URL: fmt.Sprintf("https://generated.example/%d", i), Published: model.DayDate(2025, 1, 1+i), Language: "en",
				Text: text, Sensitivity: level}
			if err := tx.AddSource(ctx, &s, []byte(text)); err != nil {
				return err
			}
			srcs = append(srcs, src{s.ID, text})
			fs.Sources++
		}
		return nil
	})
	if err != nil {
		return fs, err
	}
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	status := func() model.Status {
		switch x := r.IntN(20); {
		case x < 14:
			return model.StatusConfirmed
		case x < 19:
			return model.StatusProposed
		}
		return model.StatusRejected
	}
	quoted := func(s *model.Statement) {
		x := srcs[r.IntN(len(srcs))]
		s.SourceID = x.id
		start := r.IntN(200)
		runes := []rune(x.text)
		s.Span = model.Span{Start: start, End: start + 40, Quote: string(runes[start : start+40])}
	}
	var last string // a person, for events to link to
	for fs.Statements < n {
		err := st.Write(ctx, "benchgen", func(tx *store.Tx) error {
			for i := 0; i < batch && fs.Statements < n; i++ {
				add := func(s model.Statement) error {
					quoted(&s)
					s.Status, s.Origin = status(), "manual"
					if err := tx.AddStatement(ctx, &s); err != nil {
						return err
					}
					fs.Statements++
					return nil
				}
				if last == "" || r.IntN(3) > 0 {
					e, err := tx.AddEntity(ctx, model.TypePerson)
					if err != nil {
						return err
					}
					fs.Entities++
					name := pick(given) + " " + pick(given) + " " + pick(family)
					for _, s := range []model.Statement{
						{Property: model.PropName, Value: name},
						{Property: model.PropAlias, Value: arabicOf(name)},
						{Property: model.PropWeakAlias, Value: "Abu " + pick(given)},
						{Property: model.PropTitle, Value: pick(ranks)},
						{Property: model.PropPosition, Value: "officer at " + pick(sites)},
						{Property: model.PropBirthPlace, Value: pick(places)},
						{Property: model.PropNationality, Value: "sy"},
					} {
						s.EntityID = e.ID
						if err := add(s); err != nil {
							return err
						}
					}
					last = e.ID
					continue
				}
				e, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				fs.Entities++
				year, month := 2011+r.IntN(13), 1+r.IntN(12)
				for _, s := range []model.Statement{
					{Property: model.PropEventType, Value: string(model.EventArrest), Modality: model.Alleged},
					{Property: model.PropDate, Value: fmt.Sprintf("%d-%02d", year, month), DateStart: model.Date{Year: year, Month: month, Precision: model.PrecisionMonth}},
					{Property: model.PropInvolved, ValueEntity: last, Role: model.Subject, Modality: model.Alleged},
					{Property: model.PropSummary, Value: "arrested in " + pick(places) + " and taken to " + pick(sites)},
				} {
					s.EntityID = e.ID
					if err := add(s); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return fs, err
		}
		if progress != nil {
			progress(fs.Statements)
		}
	}
	return fs, nil
}

// arabic spells the generated names in Arabic script, so that exports
// carry both scripts as real data does.
var arabic = map[string]string{
	"Ahmad": "أحمد", "Mohammed": "محمد", "Mahmoud": "محمود", "Ali": "علي", "Hassan": "حسن", "Hussein": "حسين",
	"Omar": "عمر", "Khaled": "خالد", "Youssef": "يوسف", "Ibrahim": "إبراهيم", "Samer": "سامر", "Firas": "فراس",
	"Bassam": "بسام", "Nizar": "نزار", "Rami": "رامي", "Wael": "وائل", "Tarek": "طارق", "Ammar": "عمار",
	"Ghassan": "غسان", "Maher": "ماهر", "Aws": "أوس", "Thaer": "ثائر", "Munir": "منير", "Adnan": "عدنان", "Jamil": "جميل",
}

func arabicOf(name string) string {
	out := ""
	for i, w := range strings.Fields(name) {
		if i > 0 {
			out += " "
		}
		if a, ok := arabic[w]; ok {
			out += a
		} else {
			out += w
		}
	}
	return out
}
