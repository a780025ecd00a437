package export

import (
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// roleOrder is which participant an event's caption names: its subject
// first, then its victim, then anyone involved.
var roleOrder = []model.ParticipantRole{model.Subject, model.Victim, model.Perpetrator, model.Agent, model.Witness, ""}

// eventCaptions names an event for people, as FtM requires an Event's name:
// its type in words, the participant it is about and its date, in English
// ("Arrest: Ous Salloum (2024-12-09)") and, when that participant has an
// Arabic name, in Arabic ("اعتقال: أوس سلوم (2024-12-09)"). The type's words
// are the web UI's (internal/web/i18n). Only what the export itself holds
// is used: the event's exported statements and its participants' exported
// names.
func eventCaptions(e *Entity, links *linkCache) []string {
	typ := ""
	if v := e.Athar.Properties[string(model.PropEventType)]; len(v) > 0 {
		typ = v[0]
	}
	label := func(l i18n.Lang) string {
		if typ != "" && i18n.Has(l, "event."+typ) {
			return i18n.T(l, "event."+typ)
		}
		return i18n.T(l, "event.unknown")
	}
	date := ""
	if v := e.Properties["date"]; len(v) > 0 {
		date = v[0]
	} else {
		for _, x := range e.Athar.Statements {
			if x.DateStart != "" {
				date = x.DateStart
				break
			}
		}
	}
	var names []string
	for _, role := range roleOrder {
		for _, x := range e.Athar.Statements {
			if x.Property != string(model.PropInvolved) || x.ValueEntity == "" || x.Role != string(role) {
				continue
			}
			if t := links.known[x.ValueEntity]; t != nil && len(t.names) > 0 {
				names = t.names
				break
			}
		}
		if names != nil {
			break
		}
	}
	caption := func(l i18n.Lang, who string) string {
		c := label(l)
		if who != "" {
			c += ": " + who
		}
		if date != "" {
			c += " (" + date + ")"
		}
		return c
	}
	latin, ar := "", ""
	for _, n := range names {
		if arabic(n) && ar == "" {
			ar = n
		}
		if !arabic(n) && latin == "" {
			latin = n
		}
	}
	if latin == "" {
		latin = ar
	}
	out := []string{caption(i18n.English, latin)}
	if ar != "" {
		out = append(out, caption(i18n.Arabic, ar))
	}
	return out
}
