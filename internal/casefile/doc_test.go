package casefile_test

import (
	"encoding/json"
	"testing"

	"github.com/athar-project/athar/internal/casefile"
)

// docText is a case file's JSON, for searching.
func docText(t *testing.T, d casefile.Doc) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
