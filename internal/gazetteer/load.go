package gazetteer

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/athar-project/athar/internal/textfold"
)

//go:embed data/*.csv
var dataFS embed.FS

// Ranks of entries that share a name; lower wins.
const (
	rankCountry = iota
	rankOrganization
	rankFacility
	rankGovernorate
	rankKeyPlace
	rankCity
	rankDistrict
	rankSubdistrict
	rankNeighbourhood
	rankCommunity
)

type loader struct {
	g       *Gazetteer
	covered map[string]bool // justice-map ids the alias list already covers
	byID    map[*Entry]bool
}

func load() (*Gazetteer, error) {
	l := &loader{g: &Gazetteer{root: &node{}, skel: &node{}, prisons: map[string]*Entry{}}, covered: map[string]bool{}}
	steps := []struct {
		file string
		fn   func(row map[string]string) error
	}{
		{"athar_world_places.csv", l.world},
		{"syria_detention_facilities_aliases.csv", l.facilityAliases},
		{"syria_detention_sites_justice_map.csv", l.justiceMap},
		{"syria_organizations.csv", l.organizations},
		{"athar_organizations.csv", l.organizations},
		{"athar_organizations_sourced.csv", l.organizations},
		{"key_places_supplement.csv", l.keyPlaces},
		{"syria_admin1_3_opensyria.csv", l.admin},
		{"damascus_admin5_neighbourhoods_ocha.csv", l.neighbourhoods},
		{"syria_admin4_communities_ocha.csv", l.communities},
		{"athar_aliases.csv", l.aliases},
	}
	for _, s := range steps {
		if err := readCSV(s.file, s.fn); err != nil {
			return nil, fmt.Errorf("%s: %w", s.file, err)
		}
	}
	l.sortHits(l.g.root)
	l.sortHits(l.g.skel)
	return l.g, nil
}

func readCSV(name string, fn func(map[string]string) error) error {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				row[h] = strings.TrimSpace(rec[i])
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func coords(e *Entry, lat, lon string) {
	a, err1 := strconv.ParseFloat(lat, 64)
	b, err2 := strconv.ParseFloat(lon, 64)
	if err1 == nil && err2 == nil {
		e.Lat, e.Lon, e.HasCoords = a, b, true
	}
}

func (l *loader) entry(e *Entry, names ...string) {
	if l.byID == nil {
		l.byID = map[*Entry]bool{}
	}
	if !l.byID[e] {
		l.byID[e] = true
		l.g.Entries = append(l.g.Entries, e)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		if n != e.NameEN && n != e.NameAR {
			e.Aliases = append(e.Aliases, n)
		}
		l.index(e, n)
	}
}

func (l *loader) world(r map[string]string) error {
	e := &Entry{ID: "athar:" + r["id"], Type: Place, Kind: r["kind"], NameEN: r["name_en"], NameAR: r["name_ar"], Rank: rankCountry}
	if e.Kind != "country" {
		e.Rank = rankCity
	}
	l.entry(e, append([]string{r["name_en"], r["name_ar"]}, splitList(r["alt_names"])...)...)
	return nil
}

// facilityAliases reads the compiled list of the most-cited facilities.
func (l *loader) facilityAliases(r map[string]string) error {
	e := &Entry{ID: "facility:" + r["id"], Type: Facility, Kind: r["type"], NameEN: r["name_en"], NameAR: r["name_ar"],
		Governorate: r["governorate_en"], Rank: rankFacility}
	coords(e, r["lat"], r["lon"])
	if id := r["justice_map_id"]; id != "" {
		l.covered[id] = true
	}
	l.entry(e, append([]string{r["name_en"], r["name_ar"]}, splitList(r["alt_names"])...)...)
	return nil
}

// justiceMap reads the Syria Justice Map's sites that the alias list does not
// already cover.
func (l *loader) justiceMap(r map[string]string) error {
	if l.covered[r["source_id"]] {
		return nil
	}
	e := &Entry{ID: "justicemap:" + r["source_id"], Type: Facility, Kind: r["agency_code"], NameEN: r["name_en"], NameAR: r["name_ar"],
		Governorate: r["governorate_en"], Rank: rankFacility}
	coords(e, r["lat"], r["lon"])
	l.entry(e, r["name_en"], r["name_ar"])
	return nil
}

func (l *loader) organizations(r map[string]string) error {
	e := &Entry{ID: "org:" + r["id"], Type: Organization, Kind: r["type"], NameEN: r["name_en"], NameAR: r["name_ar"], Rank: rankOrganization}
	l.entry(e, append([]string{r["name_en"], r["name_ar"]}, splitList(r["alt_names"])...)...)
	return nil
}

func (l *loader) keyPlaces(r map[string]string) error {
	e := &Entry{ID: "place:" + r["id"], Type: Place, Kind: r["feature_type"], NameEN: r["name_en"], NameAR: r["name_ar"],
		Governorate: r["governorate_en"], Rank: rankKeyPlace}
	if strings.Contains(e.Kind, "governorate") {
		e.Rank = rankGovernorate
	}
	coords(e, r["lat"], r["lon"])
	l.entry(e, append([]string{r["name_en"], r["name_ar"]}, splitList(r["alt_names"])...)...)
	return nil
}

func (l *loader) admin(r map[string]string) error {
	e := &Entry{ID: "opensyria:" + r["id"], Type: Place, Kind: r["level"], NameEN: r["name_en"], NameAR: r["name_ar"],
		Governorate: r["governorate_en"]}
	switch r["level"] {
	case "governorate":
		e.Rank = rankGovernorate
	case "district":
		e.Rank = rankDistrict
	default:
		e.Rank = rankSubdistrict
	}
	coords(e, r["lat"], r["lon"])
	names := []string{r["name_en"], r["name_ar"]}
	names = append(names, splitList(r["alt_names_en"])...)
	names = append(names, splitList(r["alt_names_ar"])...)
	l.entry(e, names...)
	return nil
}

func (l *loader) neighbourhoods(r map[string]string) error {
	switch r["name_en"] {
	case "Unknown", "Baghdad", "Falastin", "Al Khatib", "Presidential Palace", "Tishreen Garden":
		return nil // not a neighbourhood's name in running text, or another entity's
	}
	e := &Entry{ID: "ocha:" + r["hay_pcode"], Type: Place, Kind: "neighbourhood", NameEN: r["name_en"], NameAR: r["name_ar_unofficial"],
		Governorate: "Damascus", Rank: rankNeighbourhood, Weak: true}
	coords(e, r["centroid_lat"], r["centroid_lon"])
	l.entry(e, r["name_en"], r["name_ar_unofficial"])
	return nil
}

func (l *loader) communities(r map[string]string) error {
	e := &Entry{ID: "ocha:" + r["pcode"], Type: Place, Kind: "community", NameEN: r["name_en"], NameAR: r["name_ar"],
		Governorate: r["admin1_en"], Rank: rankCommunity, Weak: true}
	switch r["capital_level"] {
	case "0", "1":
		e.Kind, e.Rank, e.Weak = "city", rankCity, false
	case "2":
		e.Kind, e.Rank, e.Weak = "town", rankCity, false
	}
	coords(e, r["lat"], r["lon"])
	names := []string{r["name_en"], r["name_en_ref"]}
	if r["name_ar_truncated"] != "1" {
		names = append(names, r["name_ar"])
	}
	l.entry(e, names...)
	return nil
}

// aliases reads Athar's own extra names for entries of the lists above.
func (l *loader) aliases(r map[string]string) error {
	e := l.g.ByID(r["entry_id"])
	if e == nil {
		return fmt.Errorf("alias %q for unknown entry %q", r["alias"], r["entry_id"])
	}
	l.entry(e, r["alias"])
	return nil
}

// index adds a name of e, and the variants writers use for it, to the trie.
func (l *loader) index(e *Entry, name string) {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "formerly "), "the ")
	// "Palestine Branch (Military Intelligence Branch 235)": both halves name it.
	// For other entries the brackets qualify the name ("(Homs)", "(Assad era)").
	if i := strings.IndexByte(name, '('); i > 0 {
		if e.Type == Facility {
			inner := strings.TrimSuffix(name[i+1:], ")")
			for _, p := range strings.Split(inner, "/") {
				l.index(e, strings.TrimSpace(p))
			}
		}
		name = strings.TrimSpace(name[:i])
	}
	if i := strings.Index(name, " — "); i > 0 && !isLatin(name) { // "فرع 215 — فصيلة المداهمة"
		l.index(e, strings.TrimSpace(name[:i]))
	}
	if name == "" {
		return
	}
	latin := isLatin(name)
	if latin && startsLower(name) && !isParticleStart(name) {
		return // "pro-regime thugs", "new Syrian army": descriptions, not names
	}
	words := textfold.Words(name)
	if len(words) == 0 {
		return
	}
	acronym := latin && isAcronym(name)
	if e.Type == Facility && latin && !hasFacilityHead(words) {
		return // "Al-Khatib", "Tadamon": a family name or a place before it is a facility
	}
	l.add(words, Hit{Entry: e, Acronym: acronym})
	if e.Type == Place && latin {
		l.addSkeleton(words, e)
	}
	if e.Type == Facility && latin && strings.Contains(strings.ToLower(e.Kind), "prison") && !strings.Contains(e.Kind, "historic") && len(words) >= 2 {
		// "Sednaya Prison", "Saydnaya Military Prison": the town word alone may stand for it
		last := words[len(words)-1]
		pre := words[:len(words)-1]
		if len(pre) > 1 && pre[len(pre)-1] == "military" {
			pre = pre[:len(pre)-1]
		}
		if last == "prison" && len(pre) == 1 {
			if _, ok := l.g.prisons[pre[0]]; !ok {
				l.g.prisons[pre[0]] = e
			}
		}
	}
	if e.Type == Place && len(words) > 1 {
		if last := words[len(words)-1]; placeSuffix[last] {
			l.add(words[:len(words)-1], Hit{Entry: e})
		}
		if article[words[0]] && len(words[1]) >= 3 {
			l.add(words[1:], Hit{Entry: e})
		}
	}
	if e.Type == Place && !latin && strings.HasPrefix(name, "مركز ") {
		l.add(words[1:], Hit{Entry: e})
	}
	if e.Type == Place && !latin && len(words) == 2 && joinedHeads[words[0]] {
		// "كفر زيتا" is written "كفرزيتا" as often: the head joins the name
		l.add([]string{words[0] + words[1]}, Hit{Entry: e})
	}
	if e.Type == Organization && len(words) >= 2 {
		// "Ministry of Interior" and "Interior Ministry" name the same body.
		for _, head := range []string{"ministry", "directorate", "department", "administration", "command"} {
			if words[0] == head && len(words) > 2 && words[1] == "of" {
				l.add(append(append([]string{}, words[2:]...), head), Hit{Entry: e})
			} else if words[len(words)-1] == head && len(words) <= 4 {
				l.add(append([]string{head, "of"}, words[:len(words)-1]...), Hit{Entry: e})
			}
		}
	}
}

// joinedHeads are the first words of Arabic place names that reporting
// often writes joined to the next ("كفرزيتا", "ديرالزور" is rarer; "كفر"
// above all), folded as textfold.Words folds them.
var joinedHeads = map[string]bool{"كفر": true}

var placeSuffix = map[string]bool{"governorate": true, "province": true, "city": true, "district": true, "subdistrict": true, "countryside": true}

var article = map[string]bool{"al": true, "el": true, "as": true, "ar": true, "ad": true, "at": true, "an": true, "ash": true, "az": true, "ath": true}

var facilityHeads = map[string]bool{
	"prison": true, "branch": true, "airport": true, "hospital": true, "building": true, "grave": true, "court": true,
	"slaughterhouse": true, "police": true, "brigade": true, "division": true, "airbase": true, "compound": true,
	"centre": true, "center": true, "jail": true, "section": true, "security": true, "intelligence": true,
	"platoon": true, "company": true, "station": true, "detention": true,
}

func hasFacilityHead(words []string) bool {
	for _, w := range words {
		if facilityHeads[w] || (w[0] >= '0' && w[0] <= '9') {
			return true
		}
	}
	return false
}

func (l *loader) addSkeleton(words []string, e *Entry) {
	sk := make([]string, len(words))
	for i, w := range words {
		sk[i] = Skeleton(w)
		if sk[i] == "" {
			return
		}
	}
	if article[words[0]] && len(words) > 1 {
		sk = sk[1:]
	}
	if len(sk) == 1 && len(sk[0]) < 2 {
		return // too short to tell places apart
	}
	l.addTo(l.g.skel, sk, Hit{Entry: e})
}

func (l *loader) add(words []string, h Hit) { l.addTo(l.g.root, words, h) }

func (l *loader) addTo(root *node, words []string, h Hit) {
	cur := root
	for _, w := range words {
		if cur.next == nil {
			cur.next = map[string]*node{}
		}
		nx := cur.next[w]
		if nx == nil {
			nx = &node{}
			cur.next[w] = nx
		}
		cur = nx
	}
	for i, old := range cur.hits {
		if old.Entry == h.Entry {
			if old.Acronym && !h.Acronym {
				cur.hits[i].Acronym = false
			}
			return
		}
	}
	cur.hits = append(cur.hits, h)
}

func (l *loader) sortHits(n *node) {
	sort.SliceStable(n.hits, func(i, j int) bool { return n.hits[i].Entry.Rank < n.hits[j].Entry.Rank })
	for _, c := range n.next {
		l.sortHits(c)
	}
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return false
		}
	}
	return true
}

func startsLower(s string) bool {
	for _, r := range s {
		return r >= 'a' && r <= 'z'
	}
	return false
}

func isParticleStart(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"al-", "el-", "ar-", "as-", "ad-", "at-", "an-", "ash-", "az-", "al ", "el "} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// isAcronym reports a short all-capitals form such as "SANA", "MID", "U.N.".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 6
}
