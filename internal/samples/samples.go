// Package samples holds the sample sources that `athar demo` ingests: the two
// seed articles the project started from, and short texts written for Athar
// itself (an Arabic article, a ministry statement and a syndicated copy of it,
// and a fictional testimony). The third-party articles used for measuring
// extraction are never bundled.
package samples

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/athar-project/athar/internal/model"
)

//go:embed data
var files embed.FS

// Sample is one bundled source.
type Sample struct {
	Name string
	Kind model.SourceKind
	Data []byte
}

// All returns every sample, in name order.
func All() ([]Sample, error) {
	ents, err := fs.ReadDir(files, "data")
	if err != nil {
		return nil, err
	}
	var out []Sample
	for _, e := range ents {
		b, err := files.ReadFile("data/" + e.Name())
		if err != nil {
			return nil, err
		}
		kind := model.KindArticle
		switch {
		case strings.Contains(e.Name(), "testimony"):
			kind = model.KindTestimony
		case strings.Contains(e.Name(), "statement"):
			kind = model.KindStatement
		}
		out = append(out, Sample{Name: e.Name(), Kind: kind, Data: b})
	}
	return out, nil
}

// WriteTo writes the samples into dir and returns them with their paths, in
// name order (originals before the copies that cite them).
func WriteTo(dir string) ([]Sample, []string, error) {
	all, err := All()
	if err != nil {
		return nil, nil, err
	}
	paths := make([]string, len(all))
	for i, s := range all {
		paths[i] = filepath.Join(dir, s.Name)
		if err := os.WriteFile(paths[i], s.Data, 0o600); err != nil {
			return nil, nil, err
		}
	}
	return all, paths, nil
}
