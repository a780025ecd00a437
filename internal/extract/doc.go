// Package extract owns what every language's extractor shares: the Result
// that extraction produces (the JSON shape of `athar extract --json`), spans
// in Unicode code points, date recognition and resolution against a source's
// published date, modality cues, the gazetteer lookup, word lists read from
// data files with their provenance (Lexicon), and event triggers read from
// a lexicon table (Triggers: a trigger with two readings, such as "killed",
// offers both and the language's rules take the first whose conditions the
// text meets). The rules for one
// language live in a subpackage (en/, later ar/) that registers itself here;
// Extract dispatches on the source's language.
package extract
