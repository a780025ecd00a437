package ar

import "github.com/athar-project/athar/internal/extract"

// Modality cues.
var (
	denyCues   = words("deny_cues")
	allegeCues = words("allege_cues")
)

// modality reads how the sentence reports what it says.
func (d *doc) modality(a int, s sentence) string {
	if d.fold(a-1) == "لم" || d.fold(a-2) == "لم" || d.fold(a-1) == "لن" {
		return extract.Denied
	}
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, denyCues); ok {
			return extract.Denied
		}
	}
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, allegeCues); ok {
			return extract.Alleged
		}
	}
	return extract.Asserted
}
