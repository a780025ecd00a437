// Package benchgen generates news articles for benchmarks: each one distinct
// in wording as real reports by different outlets are (two of them share few
// five-word phrases), in the header format of CONTRACTS.md, about the arrest
// of a generated person in a Syrian town. Nothing here is real reporting.
package benchgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var (
	given   = []string{"Ahmad", "Mohammed", "Mahmoud", "Ali", "Hassan", "Hussein", "Omar", "Khaled", "Youssef", "Ibrahim", "Samer", "Firas", "Bassam", "Nizar", "Rami", "Wael", "Tarek", "Ammar", "Ghassan", "Maher", "Aws", "Thaer", "Munir", "Adnan", "Jamil"}
	family  = []string{"al-Ali", "Hamdan", "Khalil", "al-Hassan", "Darwish", "Haddad", "Suleiman", "al-Ahmad", "Shaheen", "Mansour", "Youssef", "Issa", "al-Khatib", "Nasser", "Barakat", "Saleh", "Hamoud", "Diab", "Ghanem", "al-Sayed", "Qassem", "Hilal", "Aziz"}
	places  = []string{"Homs", "Tartus", "Latakia", "Damascus", "Aleppo", "Hama", "Daraa", "Idlib", "Jableh", "Baniyas", "Qardaha", "Salamiyah", "Talkalakh", "Douma", "Harasta", "Qusayr", "Masyaf", "Safita", "Deir ez-Zor", "Raqqa"}
	ranks   = []string{"Col.", "Brig. Gen.", "Maj.", "Lt.", "Warrant Officer", "Sgt.", "First Lt.", "Capt."}
	sites   = []string{"Sednaya Prison", "Branch 215", "the Palestine Branch", "Branch 227", "the Air Force Intelligence branch in Mezzeh", "Adra Prison", "the Military Police in Qaboun", "Branch 251"}
	outlets = []string{"Generated Wire", "Sample Daily", "Example News", "Test Agency", "Demo Post"}
	// words for the varied clauses that make each article's wording its own.
	subjects = []string{"residents", "officials", "a survivor", "his neighbours", "a lawyer", "local activists", "a relative", "former detainees", "a security source", "witnesses", "a court clerk", "the governor"}
	verbs    = []string{"said", "recalled", "told reporters", "confirmed", "described", "reported", "denied", "insisted", "wrote", "explained", "warned", "added"}
	objects  = []string{"the night raids", "the cells underground", "the lists of names", "the transfer orders", "the visiting hours", "the interrogation rooms", "the checkpoint records", "the hospital ledgers", "the burial sites", "the prison yard", "the forged papers", "the court files", "the morning counts", "the family visits", "the ransom payments"}
	times    = []string{"in the winter of", "during the summer of", "early in", "late in", "throughout", "after the spring of", "before the end of"}
	manners  = []string{"without warning", "in front of other prisoners", "for several hours", "repeatedly", "at dawn", "on the orders of his superiors", "with a metal cable", "in secret", "under a false name", "with two other guards"}
)

// Article returns the i-th generated article (about 2 KB).
func Article(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 0x61746861))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	name := pick(given) + " " + pick(given) + " " + pick(family)
	last := strings.Fields(name)[2]
	place, site, rank := pick(places), pick(sites), pick(ranks)
	month, day := 1+r.IntN(12), 1+r.IntN(28)
	var b strings.Builder
	fmt.Fprintf(&b, "Title: %s %s arrested in %s (report %d)\n", rank, name, place, i)
	fmt.Fprintf(&b, "Publisher: %s\nPublished: 2025-%02d-%02d\n---\n", pick(outlets), month, day)
	fmt.Fprintf(&b, "Security forces arrested %s %s, a former officer at %s, in %s, according to statement number %d.\n\n", rank, name, site, place, 10000+i)
	for p := 0; p < 4; p++ {
		for s := 0; s < 3+r.IntN(3); s++ {
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, "%s %s that %s handled %s %s %d. ", capitalize(pick(subjects)), pick(verbs), last, pick(objects), pick(times), 2011+r.IntN(13))
			case 1:
				fmt.Fprintf(&b, "In %s, %s %s that %s and %s were kept %s. ", pick(places), pick(subjects), pick(verbs), pick(objects), pick(objects), pick(manners))
			case 2:
				fmt.Fprintf(&b, "%s, %s %s, spoke of %s %s. ", capitalize(pick(subjects)), pick(verbs), pick(times), pick(objects), pick(manners))
			default:
				fmt.Fprintf(&b, "About %d people, %s %s, passed through %s %s. ", 10+r.IntN(900), pick(subjects), pick(verbs), site, pick(times)+fmt.Sprintf(" %d", 2011+r.IntN(13)))
			}
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "Reference %x.\n", r.Uint64())
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
