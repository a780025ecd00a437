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

// The messages of splitting an entity by its statements.
func init() {
	for k, v := range map[string]string{
		"split.title":          "Split off statements",
		"split.heading":        "Split off another person's statements",
		"split.link":           "Split off statements…",
		"split.intro":          "Tick the statements that are about someone else — a name some sources give, their part in an event — or every statement a source makes. They move to a new entry of this type, as their sources made them; a preview shows what moves before anything changes. The split is a judgement in the ledger with your reason, undone by merging the new entry back.",
		"split.whole_source":   "(every statement of this source)",
		"split.no_source":      "Added by hand",
		"split.part_in":        "Part in",
		"split.preview_button": "Preview the split",
		"split.preview":        "What the split moves",
		"split.moves":          "%d statements move to a new entry; %d you may see stay here.",
		"split.confirm":        "Split them off",
		"split.undo":           "Undo: merge it back",
		"split.undo_reason":    "undo of the split",
	} {
		english[k] = v
	}
	for k, v := range map[string]string{
		"split.title":          "فصل إفادات",
		"split.heading":        "افصل إفادات شخص آخر",
		"split.link":           "افصل إفادات…",
		"split.intro":          "حدّد الإفادات التي تخصّ شخصاً آخر — اسماً تذكره بعض المصادر، أو دوره في حدث — أو كل إفادات مصدر ما. تنتقل إلى مدخل جديد من هذا النوع كما أوردتها مصادرها؛ وتعرض المعاينة ما سينتقل قبل أن يتغيّر شيء. الفصل حكم يُسجَّل في السجل مع سببك، ويُتراجع عنه بدمج المدخل الجديد من جديد.",
		"split.whole_source":   "(كل إفادات هذا المصدر)",
		"split.no_source":      "أُضيفت يدوياً",
		"split.part_in":        "دوره في",
		"split.preview_button": "عاين الفصل",
		"split.preview":        "ما سينقله الفصل",
		"split.moves":          "تنتقل %d إفادة إلى مدخل جديد؛ وتبقى هنا %d مما يحق لك رؤيته.",
		"split.confirm":        "افصلها",
		"split.undo":           "تراجع: ادمجه من جديد",
		"split.undo_reason":    "تراجع عن الفصل",
	} {
		arabic[k] = v
	}
}

// The messages of notes on single statements.
func init() {
	for k, v := range map[string]string{
		"stnotes.note":   "Note",
		"stnotes.add":    "Add a note on this statement",
		"stnotes.text":   "A note on this statement (why it is doubtful, what else says so): kept in the ledger with your name",
		"stnotes.submit": "Add the note",
		"stnotes.on":     "On the statement of",
		"stnotes.source": "a source",
		"stnotes.manual": "typed in by hand",
		"stnotes.level":  "at the statement's own level",
	} {
		english[k] = v
	}
	for k, v := range map[string]string{
		"stnotes.note":   "ملاحظة",
		"stnotes.add":    "أضف ملاحظة على هذه الإفادة",
		"stnotes.text":   "ملاحظة على هذه الإفادة (لماذا يُشكّ فيها، وما يقوله غيرها): تُحفظ في السجل باسمك",
		"stnotes.submit": "أضف الملاحظة",
		"stnotes.on":     "على إفادة",
		"stnotes.source": "مصدر",
		"stnotes.manual": "أُدخلت باليد",
		"stnotes.level":  "بمستوى الإفادة نفسها",
	} {
		arabic[k] = v
	}
}
