package store_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/pgtest"
	"github.com/athar-project/athar/internal/store/storetest"
)

// Words that only a confidential source's title, publisher, file name and
// mentions hold: none may be stored in the clear.
const (
	secretTitle     = "Qarawiyyin cellblock account"
	secretPublisher = "Zubaydah circle"
	secretFile      = "wadi-tayyim.pdf"
	secretName      = "Haytham Qunbaz"
	secretURL       = "https://example.org/nahr-ashtar"
	secretShot      = "wadi-tayyim-shot.png"
)

var secretWords = []string{"Qarawiyyin", "Zubaydah", "wadi-tayyim", "Qunbaz", "nahr-ashtar"}

// wordsIn reports, of secretWords, those some file under dir holds, with
// the file (SQLite: the database, its WAL, the archive).
func wordsIn(t *testing.T, dir string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, w := range secretWords {
			if bytes.Contains(b, []byte(w)) {
				hits = append(hits, w+" in "+path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// wordsStored reports, of secretWords, those the engine's files or rows
// hold in the clear: the files of a SQLite store, the rows of the tables
// that hold them on PostgreSQL.
func wordsStored(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	if s.Engine() == "sqlite" {
		if _, err := s.DB().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			t.Fatal(err)
		}
		return wordsIn(t, s.DataDir())
	}
	var hits []string
	for _, w := range secretWords {
		for _, q := range []string{
			"SELECT count(*) FROM sources WHERE title LIKE $1 OR publisher LIKE $1 OR url LIKE $1 OR filename LIKE $1 OR text LIKE $1",
			"SELECT count(*) FROM mentions WHERE text LIKE $1",
			"SELECT count(*) FROM source_files WHERE name LIKE $1 OR url LIKE $1",
			"SELECT count(*) FROM search_docs WHERE body LIKE lower($1)",
		} {
			var n int
			if err := s.DB().QueryRowContext(ctx, q, "%"+w+"%").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				hits = append(hits, w+": "+q)
			}
		}
	}
	return hits
}

// addSecret stores a confidential testimony whose title, publisher, file
// name and one mention hold the secret words, and a public article naming
// someone else; it returns the testimony and its mention.
func addSecret(t *testing.T, s *store.Store) (model.Source, model.Mention) {
	t.Helper()
	ctx := context.Background()
	text := "The witness said that " + secretName + " kept the keys."
	conf := model.Source{Kind: model.KindTestimony, Text: text, Sensitivity: model.Confidential,
		Title: secretTitle, Publisher: secretPublisher, URL: secretURL, Filename: secretFile}
	pub := model.Source{Kind: model.KindArticle, Text: "An article about Sednaya.", Sensitivity: model.Public, Title: "A public article"}
	var m, pm model.Mention
	err := s.Write(ctx, "tester", func(tx *store.Tx) error {
		if err := tx.AddSource(ctx, &conf, []byte(text)); err != nil {
			return err
		}
		if err := tx.AddSource(ctx, &pub, []byte(pub.Text)); err != nil {
			return err
		}
		shot := model.SourceFile{SourceID: conf.ID, Role: model.FileScreenshot, MediaType: "image/png", Name: secretShot, URL: secretURL + "/shot.png"}
		if err := tx.AddSourceFile(ctx, &shot, []byte("png bytes")); err != nil {
			return err
		}
		e, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		m = model.Mention{SourceID: conf.ID, Span: model.Span{Start: 22, End: 36, Quote: secretName}, Type: model.TypePerson,
			Extractor: "test@1", EntityID: e.ID, Score: 1}
		pm = model.Mention{SourceID: pub.ID, Span: model.Span{Start: 17, End: 24, Quote: "Sednaya"}, Type: model.TypeFacility,
			Extractor: "test@1", EntityID: e.ID, Score: 1}
		return tx.AddMentions(ctx, []*model.Mention{&m, &pm})
	})
	if err != nil {
		t.Fatal(err)
	}
	return conf, m
}

// A confidential source's title, publisher, file name and mention texts
// are sealed: a cleared viewer reads them back whole (its page, lists,
// mentions), a lower clearance sees nothing of them, no file (SQLite) or
// row (PostgreSQL) holds them in the clear — and after a take-down they
// read as withdrawn while the ledger verifies.
func TestSealedTitlesAndMentions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		conf, m := addSecret(t, s)
		cleared := access.Viewer{Name: "r", Role: model.RoleReviewer, Clearance: model.Confidential}
		internal := access.Viewer{Name: "i", Role: model.RoleReviewer, Clearance: model.Internal}

		got, err := s.Source(ctx, cleared, conf.ID)
		if err != nil || got.Title != secretTitle || got.Publisher != secretPublisher || got.URL != secretURL || got.Filename != secretFile || got.Text != conf.Text {
			t.Fatalf("Source as cleared: %+v %v", got, err)
		}
		list, err := s.Sources(ctx, cleared, store.SourceFilter{Kind: model.KindTestimony})
		if err != nil || len(list) != 1 || list[0].Title != secretTitle || list[0].Publisher != secretPublisher {
			t.Fatalf("Sources as cleared: %+v %v", list, err)
		}
		if info, err := s.SourceInfo(ctx, cleared, conf.ID); err != nil || info.Title != secretTitle {
			t.Fatalf("SourceInfo as cleared: %+v %v", info, err)
		}
		ms, err := s.Mentions(ctx, cleared, conf.ID)
		if err != nil || len(ms) != 1 || ms[0].Span.Quote != secretName {
			t.Fatalf("Mentions as cleared: %+v %v", ms, err)
		}
		files, err := s.SourceFiles(ctx, cleared, conf.ID)
		if err != nil || len(files) != 1 || files[0].Name != secretShot || files[0].URL != secretURL+"/shot.png" {
			t.Fatalf("SourceFiles as cleared: %+v %v", files, err)
		}
		hits, err := s.SourcesMentioningAs(ctx, cleared, []string{m.EntityID}, 10)
		if err != nil || len(hits) != 2 {
			t.Fatalf("SourcesMentioningAs as cleared: %+v %v", hits, err)
		}
		texts := map[string]string{}
		for _, h := range hits {
			texts[h.SourceID] = h.Text
		}
		if texts[conf.ID] != secretName || texts[hits[0].SourceID] == "" {
			t.Fatalf("SourcesMentioningAs texts: %+v", hits)
		}
		// A lower clearance: nothing of it.
		if _, err := s.Source(ctx, internal, conf.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Source as internal: %v", err)
		}
		if _, err := s.Mentions(ctx, internal, conf.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Mentions as internal: %v", err)
		}
		if hits, err := s.SourcesMentioningAs(ctx, internal, []string{m.EntityID}, 10); err != nil || len(hits) != 1 || hits[0].SourceID == conf.ID {
			t.Fatalf("SourcesMentioningAs as internal: %+v %v", hits, err)
		}
		if hits := wordsStored(t, s); len(hits) > 0 {
			t.Fatalf("in the clear: %v", hits)
		}
		if rep, err := s.Verify(ctx); err != nil || !rep.OK {
			t.Fatalf("verify: %+v %v", rep, err)
		}

		if err := s.Write(ctx, "admin", func(tx *store.Tx) error { return tx.TakeDown(ctx, conf.ID, "the witness asked") }); err != nil {
			t.Fatal(err)
		}
		got, err = s.Source(ctx, access.Operator(), conf.ID)
		if err != nil || got.Title != store.Withdrawn || got.Publisher != "" || got.URL != "" || got.Filename != "" || got.Text != store.Withdrawn {
			t.Fatalf("Source after the take-down: %+v %v", got, err)
		}
		if ms, err := s.Mentions(ctx, access.Operator(), conf.ID); err != nil || len(ms) != 1 || ms[0].Span.Quote != store.Withdrawn {
			t.Fatalf("Mentions after the take-down: %+v %v", ms, err)
		}
		if files, err := s.SourceFiles(ctx, access.Operator(), conf.ID); err != nil || len(files) != 1 || files[0].Name != "" || files[0].URL != "" {
			t.Fatalf("SourceFiles after the take-down: %+v %v", files, err)
		}
		if hits := wordsStored(t, s); len(hits) > 0 {
			t.Fatalf("in the clear after the take-down: %v", hits)
		}
		if rep, err := s.Verify(ctx); err != nil || !rep.OK || rep.TakeDowns != 1 {
			t.Fatalf("verify after the take-down: %+v %v", rep, err)
		}
	})
}

// A store whose sources were sealed before their titles and mentions were,
// and whose TOTP secrets are in the clear, seals them on its first open
// after the upgrade; everything reads back the same and the ledger
// verifies.
func TestSealFieldsOnOpen(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { sealFieldsOnOpen(t, engine) })
	}
}

func sealFieldsOnOpen(t *testing.T, engine string) {
	ctx := context.Background()
	cfg := store.Config{DataDir: t.TempDir()}
	if engine == "postgres" {
		cfg.DBURL = pgtest.URL(t)
	}
	old := storetest.Open(t, cfg)
	{
		conf, _ := addSecret(t, old)
		u := model.User{Name: "rania", Role: model.RoleReviewer, Clearance: model.Restricted}
		if err := old.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
			t.Fatal(err)
		}
		const secret = "JBSWY3DPEHPK3PXPQARAWIYYIN"
		if err := old.SecondFactors().StartTOTP(ctx, u.ID, secret); err != nil {
			t.Fatal(err)
		}
		if err := old.Write(ctx, "tester", func(tx *store.Tx) error { return tx.UnsealFields(ctx, conf.ID) }); err != nil {
			t.Fatal(err)
		}
		if err := old.UnsealTOTP(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		// As the migration that added sealed_fields leaves a store made before it.
		if _, err := old.DB().ExecContext(ctx, "UPDATE store_identity SET sealed_fields = 0"); err != nil {
			t.Fatal(err)
		}
		hits := wordsStored(t, old)
		for _, w := range secretWords {
			if !slices.ContainsFunc(hits, func(h string) bool { return strings.HasPrefix(h, w) }) {
				t.Fatalf("the old store should hold %q in the clear, holds %v", w, hits)
			}
		}
		var n int
		if err := old.DB().QueryRowContext(ctx, old.Rebind("SELECT count(*) FROM totp_secrets WHERE secret = ?"), secret).Scan(&n); err != nil || n != 1 {
			t.Fatalf("the old store should hold the TOTP secret in the clear: %d %v", n, err)
		}
		old.Close()
		s := storetest.Open(t, cfg)
		if hits := wordsStored(t, s); len(hits) > 0 {
			t.Fatalf("in the clear after the upgrade: %v", hits)
		}
		if err := s.DB().QueryRowContext(ctx, s.Rebind("SELECT count(*) FROM totp_secrets WHERE secret LIKE ?"), "%QARAWIYYIN%").Scan(&n); err != nil || n != 0 {
			t.Fatalf("the TOTP secret is in the clear after the upgrade: %d %v", n, err)
		}
		if x, err := s.SecondFactors().TOTP(ctx, u.ID); err != nil || x.Secret != secret {
			t.Fatalf("TOTP after the upgrade: %+v %v", x, err)
		}
		if ok, err := s.SecondFactors().UseTOTPStep(ctx, u.ID, secret, 5, nil); err != nil || !ok {
			t.Fatalf("a code after the upgrade: %v %v", ok, err)
		}
		got, err := s.Source(ctx, access.Operator(), conf.ID)
		if err != nil || got.Title != secretTitle || got.Publisher != secretPublisher || got.URL != secretURL || got.Filename != secretFile {
			t.Fatalf("Source after the upgrade: %+v %v", got, err)
		}
		if ms, err := s.Mentions(ctx, access.Operator(), conf.ID); err != nil || len(ms) != 1 || ms[0].Span.Quote != secretName {
			t.Fatalf("Mentions after the upgrade: %+v %v", ms, err)
		}
		if files, err := s.SourceFiles(ctx, access.Operator(), conf.ID); err != nil || len(files) != 1 || files[0].Name != secretShot {
			t.Fatalf("SourceFiles after the upgrade: %+v %v", files, err)
		}
		if rep, err := s.Verify(ctx); err != nil || !rep.OK {
			t.Fatalf("verify after the upgrade: %+v %v", rep, err)
		}
	}
}

// TOTP secrets are sealed under the master key: a rotation seals them
// again under the new one, which reads them, and a copy of the old key file
// no longer opens them.
func TestRotateResealsTOTP(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			keyFile := filepath.Join(t.TempDir(), "master.key")
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: keyFile}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			s := storetest.Open(t, cfg)
			u := model.User{Name: "rania", Role: model.RoleAdmin, Clearance: model.Confidential}
			if err := s.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddUser(ctx, &u) }); err != nil {
				t.Fatal(err)
			}
			const secret = "JBSWY3DPEHPK3PXP"
			if err := s.SecondFactors().StartTOTP(ctx, u.ID, secret); err != nil {
				t.Fatal(err)
			}
			var stored string
			if err := s.DB().QueryRowContext(ctx, s.Rebind("SELECT secret FROM totp_secrets WHERE user_id = ?"), u.ID).Scan(&stored); err != nil || stored == secret {
				t.Fatalf("stored %q, %v", stored, err)
			}
			old, err := os.ReadFile(keyFile)
			if err != nil {
				t.Fatalf("the first TOTP secret of a store made no master key: %v", err)
			}
			if _, err := s.RotateMasterKey(ctx, "operator", false); err != nil {
				t.Fatal(err)
			}
			if x, err := s.SecondFactors().TOTP(ctx, u.ID); err != nil || x.Secret != secret {
				t.Fatalf("after the rotation: %+v %v", x, err)
			}
			if x, err := storetest.Open(t, cfg).SecondFactors().TOTP(ctx, u.ID); err != nil || x.Secret != secret {
				t.Fatalf("after the rotation, another process: %+v %v", x, err)
			}
			copyFile := filepath.Join(t.TempDir(), "old.key")
			if err := os.WriteFile(copyFile, old, 0o600); err != nil {
				t.Fatal(err)
			}
			stale := cfg
			stale.MasterKeyFile = copyFile
			if x, err := storetest.Open(t, stale).SecondFactors().TOTP(ctx, u.ID); err == nil || x.Secret == secret {
				t.Fatalf("the old key file opened the TOTP secret after the rotation: %+v", x)
			}
		})
	}
}

// Opened after the upgrade without its master key (verify run where the
// key file is not), a store still opens and verifies; the first open with
// the key seals what waits.
func TestSealFieldsWaitForTheKey(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			keyFile := filepath.Join(t.TempDir(), "master.key")
			cfg := store.Config{DataDir: t.TempDir(), MasterKeyFile: keyFile}
			if engine == "postgres" {
				cfg.DBURL = pgtest.URL(t)
			}
			old := storetest.Open(t, cfg)
			conf, _ := addSecret(t, old)
			if err := old.Write(ctx, "tester", func(tx *store.Tx) error { return tx.UnsealFields(ctx, conf.ID) }); err != nil {
				t.Fatal(err)
			}
			if _, err := old.DB().ExecContext(ctx, "UPDATE store_identity SET sealed_fields = 0"); err != nil {
				t.Fatal(err)
			}
			old.Close()
			keyless := cfg
			keyless.MasterKeyFile = filepath.Join(t.TempDir(), "missing.key")
			s, err := store.Open(ctx, keyless)
			if err != nil {
				t.Fatalf("open without the key: %v", err)
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK {
				t.Fatalf("verify without the key: %+v %v", rep, err)
			}
			if hits := wordsStored(t, s); len(hits) == 0 {
				t.Fatal("sealed without the key?")
			}
			s.Close()
			s = storetest.Open(t, cfg)
			if hits := wordsStored(t, s); len(hits) > 0 {
				t.Fatalf("in the clear after an open with the key: %v", hits)
			}
		})
	}
}
