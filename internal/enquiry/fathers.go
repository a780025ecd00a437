package enquiry

import "github.com/athar-project/athar/internal/names"

// Two men of one given and one family name, sons of different fathers,
// are the namesakes Syrian lists are full of. In names of three parts (X
// Y Z, X بن Y Z: Y the father) the names matcher reads a replaced father
// as a different person and scores the pair near 0.14 — far below what
// the watch puts before an analyst or a caseworker, so such a namesake was
// never flagged, and the father's name never weighed as the evidence it
// is. assess gives the father's conflict its place: when both names give
// a father and the full comparison falls short, the names are compared
// again without their fathers, and a match there is kept as a match of
// the name with the fathers' conflict as evidence against (never a
// confident match). A pair the full comparison already scores stays as it
// was, so no true match — across scripts or not — is lost or lowered.

// fatherConflict is the fathers' names of two names that agree but for
// them, as written.
type fatherConflict struct {
	asked, stated string
}

// assess compares two parsed names as the watch and the enquiries weigh
// them; conflict is non-nil when only the fathers' names keep them apart.
func assess(q, n names.Name) (r names.Result, conflict *fatherConflict) {
	r = names.Assess(q, n)
	if r.Score >= AlertAt || r.Match {
		return r, nil
	}
	fq, qOK := fatherOf(q)
	fn, nOK := fatherOf(n)
	if !qOK || !nOK {
		return r, nil
	}
	rest := names.Assess(withoutAncestors(q), withoutAncestors(n))
	if !rest.Match {
		return r, nil
	}
	rest.Match = false
	return rest, &fatherConflict{asked: fq, stated: fn}
}

// fatherOf is the father's part of a name of three parts or more that
// keeps two others (a given and a family name).
func fatherOf(n names.Name) (string, bool) {
	father, others := "", 0
	for _, p := range n.Parts {
		switch p.Role {
		case names.RoleFather:
			if father == "" {
				father = p.Text
			}
		case names.RoleGrandfather:
		default:
			others++
		}
	}
	return father, father != "" && others >= 2
}

// withoutAncestors is n without its father's and grandfather's parts.
func withoutAncestors(n names.Name) names.Name {
	out := n
	out.Parts = make([]names.Part, 0, len(n.Parts))
	for _, p := range n.Parts {
		if p.Role != names.RoleFather && p.Role != names.RoleGrandfather {
			out.Parts = append(out.Parts, p)
		}
	}
	return out
}
