package i18n

// The messages of witnesses' consent: a testimony's page, its form, the
// upload form's fields and partner exports.
func init() {
	for k, v := range englishConsent {
		english[k] = v
	}
	for k, v := range arabicConsent {
		arabic[k] = v
	}
}

var englishConsent = map[string]string{
	"consent.heading":        "Consent of the witness",
	"consent.none_recorded":  "No consent recorded: the testimony is used for nothing beyond the archive.",
	"consent.court":          "Use in court (the dossier, the court package)",
	"consent.partners":       "Sharing with partners",
	"consent.partners_field": "Partners the witness consented to share with (names, separated by commas)",
	"consent.no_partner":     "no partner",
	"consent.publication":    "Publication (the public dataset)",
	"consent.contact":        "Contact again",
	"consent.yes":            "yes",
	"consent.no":             "no",
	"consent.submit":         "Record consent",
	"consent.note":           "Only admins change a witness's consent; each change is recorded in the ledger under your name.",
	"consent.upload":         "For a testimony: what the witness consented to (nothing ticked: nothing beyond the archive)",
	"export.partner":         "Partner",
	"export.partner_submit":  "Export for this partner",
	"export.partner_intro":   "Exports without a partner are for the organisation itself. To share with a partner, name it: the downloads then leave out every testimony whose witness did not consent to sharing with it.",
	"export.partner_for":     "For partner %s: testimonies whose witness did not consent to sharing with this partner are left out. The public dataset holds only what witnesses consented to publish.",
}

var arabicConsent = map[string]string{
	"consent.heading":        "موافقة الشاهد",
	"consent.none_recorded":  "لم تُسجَّل موافقة: لا تُستخدم الشهادة في شيء خارج الأرشيف.",
	"consent.court":          "الاستخدام أمام المحكمة (الملف، حزمة المحكمة)",
	"consent.partners":       "المشاركة مع الشركاء",
	"consent.partners_field": "الشركاء الذين وافق الشاهد على المشاركة معهم (أسماء تفصل بينها فواصل)",
	"consent.no_partner":     "لا أحد من الشركاء",
	"consent.publication":    "النشر (مجموعة البيانات العامة)",
	"consent.contact":        "التواصل معه مجدداً",
	"consent.yes":            "نعم",
	"consent.no":             "لا",
	"consent.submit":         "سجّل الموافقة",
	"consent.note":           "لا يغيّر موافقة الشاهد إلا المشرفون؛ ويُسجَّل كل تغيير في السجل باسمك.",
	"consent.upload":         "للشهادة: ما وافق عليه الشاهد (إن لم تختر شيئاً: لا شيء خارج الأرشيف)",
	"export.partner":         "الشريك",
	"export.partner_submit":  "صدّر لهذا الشريك",
	"export.partner_intro":   "التصديرات بلا شريك هي للمنظمة نفسها. للمشاركة مع شريك سمِّه: تُستبعد حينها كل شهادة لم يوافق شاهدها على المشاركة معه.",
	"export.partner_for":     "للشريك %s: تُستبعد الشهادات التي لم يوافق شهودها على المشاركة مع هذا الشريك. ولا تحمل مجموعة البيانات العامة إلا ما وافق الشهود على نشره.",
}
