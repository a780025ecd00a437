// Package extract owns what every language's extractor shares: the Result
// that extraction produces (the JSON shape of `athar extract --json`), spans
// in Unicode code points, date recognition and resolution against a source's
// published date, modality cues, and the gazetteer lookup. The rules for one
// language live in a subpackage (en/, later ar/) that registers itself here;
// Extract dispatches on the source's language.
package extract
