package model

import (
	"fmt"
	"slices"
	"strings"
)

// Use is something a witness may consent to their testimony being used for.
type Use string

// The uses a testimony's consent names. A partner is named: consent to share
// with one partner is not consent to share with another.
const (
	UseCourt       Use = "court"       // in a court case: the dossier, the court package
	UsePartners    Use = "partners"    // shared with the partners named
	UsePublication Use = "publication" // in the public dataset and the public view
	UseContact     Use = "contact"     // the witness may be contacted again
)

// Consent is what a witness consented to. The zero value consents to
// nothing: a testimony with no consent recorded is used for nothing beyond
// the archive.
type Consent struct {
	Court, Publication, Contact bool
	Partners                    []string // named partners, sorted, no repeats
}

// Allows reports whether c consents to use u; for UsePartners, to sharing
// with partner.
func (c Consent) Allows(u Use, partner string) bool {
	switch u {
	case UseCourt:
		return c.Court
	case UsePublication:
		return c.Publication
	case UseContact:
		return c.Contact
	case UsePartners:
		return partner != "" && slices.Contains(c.Partners, partner)
	}
	return false
}

// String is the consent in the form ParseConsent reads:
// "court,partners:NAME|NAME,publication,contact" (in that order; "" for none).
func (c Consent) String() string {
	var parts []string
	if c.Court {
		parts = append(parts, string(UseCourt))
	}
	if len(c.Partners) > 0 {
		parts = append(parts, string(UsePartners)+":"+strings.Join(c.Partners, "|"))
	}
	if c.Publication {
		parts = append(parts, string(UsePublication))
	}
	if c.Contact {
		parts = append(parts, string(UseContact))
	}
	return strings.Join(parts, ",")
}

// ParseConsent reads a consent list: comma-separated uses — court,
// publication, contact, partners:NAME (several partners as
// partners:NAME|NAME, or several partners: items) — or "none". A partner's
// name is 1 to 64 characters with no comma, bar or control character.
func ParseConsent(s string) (Consent, error) {
	var c Consent
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return c, nil
	}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		name, arg, hasArg := strings.Cut(item, ":")
		switch Use(name) {
		case UseCourt, UsePublication, UseContact:
			if hasArg {
				return Consent{}, fmt.Errorf("consent %q: %s takes no name", item, name)
			}
			switch Use(name) {
			case UseCourt:
				c.Court = true
			case UsePublication:
				c.Publication = true
			default:
				c.Contact = true
			}
		case UsePartners:
			if !hasArg {
				return Consent{}, fmt.Errorf("consent %q: name the partners (partners:NAME)", item)
			}
			for _, p := range strings.Split(arg, "|") {
				p = strings.TrimSpace(p)
				if p == "" || len([]rune(p)) > 64 || strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
					return Consent{}, fmt.Errorf("consent %q: a partner's name is 1 to 64 characters, no control characters", item)
				}
				if !slices.Contains(c.Partners, p) {
					c.Partners = append(c.Partners, p)
				}
			}
		default:
			return Consent{}, fmt.Errorf("consent %q: not a use (court, partners:NAME, publication, contact, or none)", item)
		}
	}
	slices.Sort(c.Partners)
	return c, nil
}
