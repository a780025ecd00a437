package i18n

// The messages of web page capture (issue 19): the capture form and what the
// source page shows of a captured page, kept apart and merged into the
// catalogue at start.
func init() {
	for k, v := range englishCapture {
		english[k] = v
	}
	for k, v := range arabicCapture {
		arabic[k] = v
	}
}

var englishCapture = map[string]string{
	"capture.title":     "Capture",
	"capture.heading":   "Capture web pages as evidence",
	"capture.intro":     "Each page is loaded in a browser and kept as one source: every HTTP exchange as served (WARC, in a WACZ that ReplayWeb.page opens), a full-page screenshot, the rendered page, the images and videos it links, and a record of when, how and by whom — every file hashed into the archive and the ledger. Its main text is extracted from as an upload is. At most 5 URLs at once; each takes some seconds.",
	"capture.urls":      "URLs, one a line",
	"capture.submit":    "Capture",
	"capture.refused":   "Analysts, reviewers and admins capture pages; your account reads them.",
	"capture.files":     "Captured page",
	"capture.asked":     "URL asked for",
	"capture.redirect":  "Redirected from",
	"capture.final":     "Page captured",
	"capture.at":        "Captured",
	"capture.tool":      "Captured with",
	"capture.exchanges": "HTTP exchanges recorded",
	"capture.skipped":   "%d requests not kept (see the record)",
	"capture.role":      "File",
	"capture.name":      "Name",
	"capture.replay":    "The WACZ opens in ReplayWeb.page (replayweb.page), which replays the page from the recorded exchanges alone; the record (capture.json) lists every file's SHA-256.",

	"capture.role.wacz":       "web archive (WACZ)",
	"capture.role.warc":       "HTTP exchanges (WARC)",
	"capture.role.screenshot": "screenshot",
	"capture.role.dom":        "rendered page",
	"capture.role.record":     "acquisition record",
	"capture.role.media":      "linked media",
}

var arabicCapture = map[string]string{
	"capture.title":     "الالتقاط",
	"capture.heading":   "التقاط صفحات الويب دليلاً",
	"capture.intro":     "تُحمَّل كل صفحة في متصفح وتُحفظ مصدراً واحداً: كل تبادل HTTP كما قُدِّم (WARC داخل حزمة WACZ يفتحها ReplayWeb.page)، ولقطة شاشة للصفحة كاملة، والصفحة كما عُرضت، والصور والمقاطع التي تربط إليها، وسجلٌّ بوقت الالتقاط وطريقته ومن قام به — وكل ملف مُجزَّأ في الأرشيف والسجل. ويُستخرج من نصها الرئيسي كما يُستخرج من أي رفع. حتى 5 روابط في المرة؛ تستغرق كلٌّ منها ثوانيَ.",
	"capture.urls":      "روابط، رابط في كل سطر",
	"capture.submit":    "التقط",
	"capture.refused":   "يلتقط الصفحاتِ المحللون والمراجعون والمشرفون؛ حسابك يقرؤها.",
	"capture.files":     "صفحة ملتقطة",
	"capture.asked":     "الرابط المطلوب",
	"capture.redirect":  "أُعيد توجيهه من",
	"capture.final":     "الصفحة الملتقطة",
	"capture.at":        "وقت الالتقاط",
	"capture.tool":      "التُقطت بـ",
	"capture.exchanges": "تبادلات HTTP المسجلة",
	"capture.skipped":   "%d طلبات لم تُحفظ (انظر السجل)",
	"capture.role":      "الملف",
	"capture.name":      "الاسم",
	"capture.replay":    "تُفتح حزمة WACZ في ReplayWeb.page \u200f(replayweb.page)، الذي يعيد عرض الصفحة من التبادلات المسجلة وحدها؛ ويذكر السجل (capture.json) بصمة SHA-256 لكل ملف.",

	"capture.role.wacz":       "أرشيف ويب (WACZ)",
	"capture.role.warc":       "تبادلات HTTP \u200f(WARC)",
	"capture.role.screenshot": "لقطة شاشة",
	"capture.role.dom":        "الصفحة كما عُرضت",
	"capture.role.record":     "سجل الالتقاط",
	"capture.role.media":      "وسائط مرتبطة",
}
