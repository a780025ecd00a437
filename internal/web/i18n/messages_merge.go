package i18n

// The messages of merging and splitting entities from their own pages.
func init() {
	for k, v := range englishMerge {
		english[k] = v
	}
	for k, v := range arabicMerge {
		arabic[k] = v
	}
}

var englishMerge = map[string]string{
	"merge.heading":         "Merge or split",
	"merge.intro":           "If another entry is the same one, merge it into this one; if an entry merged here is someone else, split it off. Each is a judgement in the ledger with your reason, and can be undone by the other.",
	"merge.parts":           "Entries merged into this one",
	"merge.split":           "Split off",
	"merge.split_done":      "Split off again:",
	"merge.other":           "The same as (its id, or the address of its page)",
	"merge.reason":          "Reason",
	"merge.submit":          "Merge into this one",
	"merge.error.reason":    "Give the reason: it is kept with the judgement in the ledger. Nothing was changed.",
	"merge.error.not_found": "No such entry, or none you may see. Nothing was changed.",
	"merge.error.type":      "That entry is of another type: only entries of one type can be one. Nothing was changed.",
	"merge.error.same":      "That entry is already merged into this one. Nothing was changed.",
	"merge.error.not_part":  "That entry is not merged into this one. Nothing was changed.",
}

var arabicMerge = map[string]string{
	"merge.heading":         "دمج أو فصل",
	"merge.intro":           "إن كان مدخل آخر هو نفسه فادمجه في هذا، وإن كان مدخل مدموج هنا شخصاً آخر فافصله. كلٌّ منهما حكم يُسجَّل في السجل مع سببك، ويُتراجع عنه بالآخر.",
	"merge.parts":           "مدخلات مدموجة في هذا المدخل",
	"merge.split":           "افصله",
	"merge.split_done":      "فُصل من جديد:",
	"merge.other":           "هو نفسه (معرّفه، أو عنوان صفحته)",
	"merge.reason":          "السبب",
	"merge.submit":          "ادمجه في هذا المدخل",
	"merge.error.reason":    "اذكر السبب: يُحفظ مع الحكم في السجل. لم يتغيّر شيء.",
	"merge.error.not_found": "لا مدخل كهذا، أو لا مدخل يحق لك رؤيته. لم يتغيّر شيء.",
	"merge.error.type":      "ذلك المدخل من نوع آخر: لا يكون واحداً إلا مدخلان من نوع واحد. لم يتغيّر شيء.",
	"merge.error.same":      "ذلك المدخل مدموج في هذا أصلاً. لم يتغيّر شيء.",
	"merge.error.not_part":  "ذلك المدخل ليس مدموجاً في هذا. لم يتغيّر شيء.",
}

// The messages of notes on sources.
func init() {
	for k, v := range map[string]string{
		"source_notes.heading": "Reviewers' notes",
		"source_notes.none":    "No notes on this source yet.",
		"source_notes.text":    "A note on this source (how it was obtained, what to doubt): kept in the ledger with your name",
		"source_notes.add":     "Add the note",
	} {
		english[k] = v
	}
	for k, v := range map[string]string{
		"source_notes.heading": "ملاحظات المراجعين",
		"source_notes.none":    "لا ملاحظات على هذا المصدر بعد.",
		"source_notes.text":    "ملاحظة على هذا المصدر (كيف حُصل عليه، وما يُشكّ فيه): تُحفظ في السجل باسمك",
		"source_notes.add":     "أضف الملاحظة",
	} {
		arabic[k] = v
	}
}
