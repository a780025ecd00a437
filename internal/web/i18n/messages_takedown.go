package i18n

// The messages of take-down with a second admin's approval (issue 21),
// merged into the catalogue at start.
func init() {
	for k, v := range englishTakeDown {
		english[k] = v
	}
	for k, v := range arabicTakeDown {
		arabic[k] = v
	}
}

var englishTakeDown = map[string]string{
	"takedown.heading":     "Take-downs waiting for approval",
	"takedown.note":        "A take-down erases a source's content for good: its data key is destroyed, so its text, the quotes drawn from it and its original can no longer be read anywhere, in backups made afterwards included. Another admin than the one who asked must approve it. There is no undo.",
	"takedown.source":      "Source",
	"takedown.reason":      "Reason",
	"takedown.asked_by":    "Asked by",
	"takedown.mine":        "You asked: another admin must approve",
	"takedown.approve":     "Approve: erase for good",
	"takedown.refuse":      "Refuse",
	"takedown.none":        "No take-down is waiting.",
	"takedown.cli_note":    "The operator's path, in one step, on the server:",
	"takedown.ask_heading": "Take this source down",
	"takedown.ask_note":    "Ask that this source's content be erased for good, at a witness's request or to protect them. The reason is kept in the ledger; another admin must approve before anything is erased.",
	"takedown.ask":         "Ask for a take-down",
}

var arabicTakeDown = map[string]string{
	"takedown.heading":     "طلبات السحب بانتظار الموافقة",
	"takedown.note":        "السحب يمحو محتوى المصدر نهائياً: يُتلف مفتاح بياناته فلا يعود نصه ولا الاقتباسات المأخوذة منه ولا أصله مقروءاً في أي مكان، بما في ذلك النسخ الاحتياطية اللاحقة. يجب أن يوافق عليه مدير غير الذي طلبه. لا تراجع عنه.",
	"takedown.source":      "المصدر",
	"takedown.reason":      "السبب",
	"takedown.asked_by":    "طلبه",
	"takedown.mine":        "أنت من طلبه: يجب أن يوافق مدير آخر",
	"takedown.approve":     "موافقة: امحُ نهائياً",
	"takedown.refuse":      "رفض",
	"takedown.none":        "لا طلبات سحب بالانتظار.",
	"takedown.cli_note":    "طريق المشغّل، بخطوة واحدة، على الخادم:",
	"takedown.ask_heading": "سحب هذا المصدر",
	"takedown.ask_note":    "اطلب محو محتوى هذا المصدر نهائياً، بطلب من شاهد أو لحمايته. يُحفظ السبب في السجل، ويجب أن يوافق مدير آخر قبل محو أي شيء.",
	"takedown.ask":         "اطلب السحب",
}
