package export

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"strings"
	"sync"

	"github.com/athar-project/athar/internal/export/ftm"
)

// data/countries.csv gives the country (FtM's code) of gazetteer entries:
// a row whose id ends in ":" covers every entry of that list (all Syrian),
// any other row one entry (a Syrian body, a country, a place abroad). An
// entry it does not cover has no country in exports.
//
//go:embed data/countries.csv
var countriesCSV []byte

var (
	countriesOnce sync.Once
	countryByID   map[string]string
)

func loadCountries() {
	countryByID = map[string]string{}
	rows, err := csv.NewReader(bytes.NewReader(countriesCSV)).ReadAll()
	if err != nil {
		panic("export: data/countries.csv: " + err.Error()) // embedded and tested
	}
	m := ftm.Default()
	for _, r := range rows[1:] {
		if m.CountryCode(r[1]) != r[1] {
			panic("export: data/countries.csv: " + r[1] + " is not an FtM country code")
		}
		countryByID[r[0]] = r[1]
	}
}

// gazetteerCountry is the country code of a gazetteer entry ("facility:sednaya_prison" → "sy"), or "".
func gazetteerCountry(id string) string {
	countriesOnce.Do(loadCountries)
	if c, ok := countryByID[id]; ok {
		return c
	}
	if prefix, _, ok := strings.Cut(id, ":"); ok {
		return countryByID[prefix+":"]
	}
	return ""
}
