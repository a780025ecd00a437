package names

import (
	"strings"
	"testing"
)

func TestNormalizeRank(t *testing.T) {
	tests := []struct {
		in    string
		id    string
		staff bool
	}{
		{"العقيد", "colonel", false},
		{"عقيد", "colonel", false},
		{"Col.", "colonel", false},
		{"Colonel", "colonel", false},
		{"COL", "colonel", false},
		{"العقيد الركن", "colonel", true},
		{"Staff Colonel", "colonel", true},
		{"العميد", "brigadier-general", false},
		{"Brig. Gen.", "brigadier-general", false},
		{"Brigadier General", "brigadier-general", false},
		{"Brigadier", "brigadier-general", false},
		{"العميد الركن", "brigadier-general", true},
		{"اللواء", "major-general", false},
		{"Maj. Gen.", "major-general", false},
		{"Lt. Col.", "lieutenant-colonel", false},
		{"المقدم", "lieutenant-colonel", false},
		{"Lieutenant", "lieutenant", false},
		{"First Lieutenant", "first-lieutenant", false},
		{"الملازم أول", "first-lieutenant", false},
		{"Staff Sergeant", "staff-sergeant", false},
		{"الرقيب أول", "staff-sergeant", false},
		{"المساعد أول", "chief-warrant-officer", false},
		{"Major", "major", false},
		{"الرائد", "major", false},
	}
	for _, tt := range tests {
		r, ok := NormalizeRank(tt.in)
		if !ok || r.ID != tt.id || r.Staff != tt.staff {
			t.Errorf("NormalizeRank(%q) = %+v, %v; want %s staff %v", tt.in, r, ok, tt.id, tt.staff)
		}
	}
	for _, no := range []string{"", "Ous", "الركن", "Staff", "صيدنايا", "Colonel Ous"} {
		if r, ok := NormalizeRank(no); ok {
			t.Errorf("NormalizeRank(%q) = %+v, want no rank", no, r)
		}
	}
	// العقيد = Col. = Colonel: one rank in both scripts
	a, _ := NormalizeRank("العقيد")
	b, _ := NormalizeRank("Col.")
	if a != b || a.String() != "Colonel" || a.Arabic != "عقيد" {
		t.Errorf("العقيد %+v, Col. %+v", a, b)
	}
}

// TestRankNeverInName: ranks and staff marks, single or compound, in either
// script, are taken apart from the name, and the name compares as if they
// were not there.
func TestRankNeverInName(t *testing.T) {
	tests := []struct {
		in, latin, rank string
		staff           bool
	}{
		{"الركن ثائر حسين", "Thaer Hussein", "", true},
		{"العقيد الركن ثائر حسين", "Thaer Hussein", "colonel", true},
		{"العميد الركن جميل حسن", "Jamil Hassan", "brigadier-general", true},
		{"Staff Brig. Gen. Jamil Hassan", "Jamil Hassan", "brigadier-general", true},
		{"Brig. Gen. Jamil Hassan", "Jamil Hassan", "brigadier-general", false},
		{"Brigadier General Jamil Hassan", "Jamil Hassan", "brigadier-general", false},
		{"Lt. Col. Ous Salloum", "Ous Salloum", "lieutenant-colonel", false},
		{"First Lieutenant Ous Salloum", "Ous Salloum", "first-lieutenant", false},
		{"الملازم أول أوس سلوم", "Aws Saloum", "first-lieutenant", false},
		{"المساعد أول أوس سلوم", "Aws Saloum", "chief-warrant-officer", false},
		{"Col. Thaer Hussein", "Thaer Hussein", "colonel", false},
		{"Thaer Hussein", "Thaer Hussein", "", false},
		{"Major", "Major", "", false},                // a word alone stays a name
		{"عماد نزار السيد", "Imad Nizar", "", false}, // a given name that is also a rank without its article
		{"العماد علي أيوب", "Ali Ayoub", "general", false},
	}
	for _, tt := range tests {
		n := Parse(tt.in)
		if n.Latin() != tt.latin || n.Rank.ID != tt.rank || n.Rank.Staff != tt.staff {
			t.Errorf("Parse(%q) = %q rank %+v, want %q rank %q staff %v", tt.in, n.Latin(), n.Rank, tt.latin, tt.rank, tt.staff)
		}
	}
	for _, p := range [][2]string{
		{"الركن ثائر حسين", "Thaer Hussein"},
		{"العقيد الركن ثائر حسين", "Col. Thaer Hussein"},
		{"Staff Brig. Gen. Jamil Hassan", "العميد جميل حسن"},
	} {
		if r := CompareStrings(p[0], p[1]); !r.Match {
			t.Errorf("Compare(%q, %q) = %.3f, want a match: %s", p[0], p[1], r.Score, strings.Join(r.Reasons, "; "))
		}
	}
	r, rest, ok := SplitRank("العقيد الركن ثائر حسين")
	if !ok || r.ID != "colonel" || !r.Staff || rest != "ثائر حسين" {
		t.Errorf("SplitRank: %+v %q %v", r, rest, ok)
	}
	if _, rest, ok := SplitRank("Thaer Hussein"); ok || rest != "Thaer Hussein" {
		t.Errorf("SplitRank of a name without a rank: %q %v", rest, ok)
	}
}
