package i18n

// The messages of watch lists: the alerts, the entries and the form, kept
// apart and merged into the catalogue at start.
func init() {
	for k, v := range englishWatch {
		english[k] = v
	}
	for k, v := range arabicWatch {
		arabic[k] = v
	}
}

var englishWatch = map[string]string{
	"nav.watch":          "Watch lists",
	"watch.title":        "Watch lists",
	"watch.heading":      "Watch lists",
	"watch.intro":        "Wanted persons, named by analysts. Every source stored is screened for them, in either script and any spelling; the sources already stored are screened once when an entry is added. You see only the entries and alerts your clearance allows.",
	"watch.alerts":       "Flagged in the sources",
	"watch.wanted":       "Wanted",
	"watch.alert_name":   "Name in the source",
	"watch.reasons":      "Why",
	"watch.no_alerts":    "No source names anyone on the watch list.",
	"watch.list":         "Watched",
	"watch.none":         "Nobody is on the watch list.",
	"watch.add":          "Add to the watch list",
	"watch.added":        "Added. Alerts from the sources already stored:",
	"watch.name":         "Name, in any script",
	"watch.aliases":      "Aliases",
	"watch.aliases_hint": "Aliases and other spellings, one a line",
	"watch.rank":         "Rank or function",
	"watch.born":         "Year of birth",
	"watch.note":         "Note",
	"watch.level":        "Level",
	"watch.remove":       "Stop watching",
	"watch.bad_form":     "The entry needs a name; the year of birth is written YYYY; a name or alias has at most 200 characters and the note 500.",
}

var arabicWatch = map[string]string{
	"nav.watch":          "قوائم المراقبة",
	"watch.title":        "قوائم المراقبة",
	"watch.heading":      "قوائم المراقبة",
	"watch.intro":        "مطلوبون يسمّيهم المحللون. يُفحص كل مصدر يُحفظ بحثاً عنهم، بأي من الخطّين وبأي تهجئة؛ وتُفحص المصادر المحفوظة مرة واحدة عند إضافة اسم. لا ترى إلا ما تسمح به صلاحيتك من أسماء وتنبيهات.",
	"watch.alerts":       "ما ورد في المصادر",
	"watch.wanted":       "المطلوب",
	"watch.alert_name":   "الاسم في المصدر",
	"watch.reasons":      "الأسباب",
	"watch.no_alerts":    "لا يذكر أي مصدر أحداً من قائمة المراقبة.",
	"watch.list":         "تحت المراقبة",
	"watch.none":         "لا أحد في قائمة المراقبة.",
	"watch.add":          "أضف إلى قائمة المراقبة",
	"watch.added":        "أضيف. التنبيهات من المصادر المحفوظة:",
	"watch.name":         "الاسم، بأي خط",
	"watch.aliases":      "أسماء أخرى",
	"watch.aliases_hint": "أسماء أخرى وتهجئات، واحد في كل سطر",
	"watch.rank":         "الرتبة أو الوظيفة",
	"watch.born":         "سنة الولادة",
	"watch.note":         "ملاحظة",
	"watch.level":        "المستوى",
	"watch.remove":       "أوقف المراقبة",
	"watch.bad_form":     "يحتاج الإدخال إلى اسم؛ تُكتب سنة الولادة YYYY؛ لا يزيد الاسم أو الاسم الآخر على 200 حرف ولا الملاحظة على 500.",
}
