package dedup

// Anchors find the shortened copies that band keys miss. A copy of the first
// third of an article has Jaccard ≈ 0.33 with it and shares a band key only
// four times in five; a copy of its first few paragraphs, J ≈ 0.15, one time in
// eight. Anchors are the shingles whose hash is 0 modulo AnchorRate: the choice
// depends on the shingle alone, never on the rest of the text, so every anchor
// of a text contained in another is an anchor of that other text too.
const (
	// AnchorRate: about one shingle in AnchorRate is an anchor, so a 5 KB
	// article has about 27 and a 100 KB one about 500.
	AnchorRate = 32

	// MinSharedAnchors is how many anchors two texts must share to be a
	// candidate pair: one shared five-word phrase ("the Syrian Observatory
	// for Human Rights") is common among unrelated reports, two are not. A
	// fully contained text of 100 shingles shares two or more anchors with its
	// original 82% of the time, one of 150 shingles 95%, one of 300 99.9%.
	MinSharedAnchors = 2
)

// Anchors returns the keys of the set's anchor shingles, in a fixed order, or
// none for a set smaller than MinContainedShingles (too small for the
// containment rule). A store indexes them beside the band keys — the keys of
// the two families never coincide — and treats a stored text sharing at least
// MinSharedAnchors of them with a new one as a candidate. Phrases every outlet
// repeats make some anchors common to very many texts; a store should ignore
// an anchor once it indexes more than a few hundred texts, as a search engine
// ignores stop words.
func (s Shingles) Anchors() []Key {
	if len(s.hashes) < MinContainedShingles {
		return nil
	}
	var keys []Key
	for _, h := range s.hashes {
		if h%AnchorRate == 0 {
			keys = append(keys, Key(mix64(h^anchorTag)))
		}
	}
	return keys
}

// anchorTag separates anchor keys from band keys and ties them to Version.
const anchorTag = uint64(Version)<<56 | 0x00616e63686f72 // "anchor"
