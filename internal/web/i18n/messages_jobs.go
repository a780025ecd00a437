package i18n

// The messages of the admin's page of background jobs and feeds, and of the
// bounded lists of entity pages, kept apart and merged into the catalogue at
// start.
func init() {
	for k, v := range englishJobs {
		english[k] = v
	}
	for k, v := range arabicJobs {
		arabic[k] = v
	}
}

var englishJobs = map[string]string{
	"jobs.title":         "Jobs and feeds",
	"jobs.heading":       "Background jobs and feeds",
	"jobs.link":          "Background jobs and feeds",
	"jobs.intro":         "Extraction, ingestion of fetched items, re-linking and search indexing run as jobs that the server and any 'athar worker' share. A job that fails is retried with a growing wait; one that fails every attempt is parked here until someone retries it.",
	"jobs.no_queue":      "This server has no job queue.",
	"jobs.counts":        "Jobs by kind and state",
	"jobs.none":          "No jobs yet.",
	"jobs.kind":          "Kind",
	"jobs.state":         "State",
	"jobs.target":        "Works on",
	"jobs.attempts":      "Attempts",
	"jobs.last_error":    "Last error",
	"jobs.failed":        "Jobs that failed",
	"jobs.failed_note":   "Retrying, parked after every attempt failed, or cancelled. Retry runs a job again now; a parked job gets one more attempt.",
	"jobs.no_failed":     "No job has failed.",
	"jobs.retry":         "Retry",
	"jobs.retried":       "Job %d is back in the queue.",
	"jobs.feeds":         "Followed feeds",
	"jobs.feed":          "Feed",
	"jobs.feed_items":    "Items stored",
	"jobs.feed_last":     "Last polled",
	"jobs.feed_next":     "Next poll",
	"jobs.feed_failures": "failed %d× — backing off",
	"jobs.no_feeds":      "No feeds are followed.",
	"jobs.feeds_cli":     "Follow a feed with",

	"jobs.state.pending":   "pending",
	"jobs.state.scheduled": "scheduled",
	"jobs.state.available": "waiting",
	"jobs.state.running":   "running",
	"jobs.state.retryable": "retrying",
	"jobs.state.parked":    "parked",
	"jobs.state.cancelled": "cancelled",
	"jobs.state.completed": "completed",

	"entity.latest_events":           "The latest %d of %d events.",
	"entity.latest_events_more":      "The latest %d of more than %d events; the timeline view has them all.",
	"entity.newest_sources":          "The newest %d of %d sources; search for the name to see them all.",
	"entity.latest_events_page_more": "The latest %d of more than %d events.",
	"entity.older_page":              "%d earlier events of %d.",
	"entity.older_page_more":         "%d earlier events of more than %d.",
	"entity.older_events":            "Earlier events",
	"entity.latest_events_link":      "The latest events",
}

var arabicJobs = map[string]string{
	"jobs.title":         "المهام والخلاصات",
	"jobs.heading":       "المهام الخلفية والخلاصات",
	"jobs.link":          "المهام الخلفية والخلاصات",
	"jobs.intro":         "يجري الاستخراج وإدخال المواد المجلوبة وإعادة الربط وفهرسة البحث مهامَّ يتقاسمها الخادم وأي عامل \u200e'athar worker'\u200e. تُعاد المهمة التي تفشل بعد انتظار يطول كل مرة، والتي تفشل في كل محاولاتها تُركن هنا حتى يعيدها أحد.",
	"jobs.no_queue":      "لا طابور مهام لهذا الخادم.",
	"jobs.counts":        "المهام حسب النوع والحالة",
	"jobs.none":          "لا مهام بعد.",
	"jobs.kind":          "النوع",
	"jobs.state":         "الحالة",
	"jobs.target":        "تعمل على",
	"jobs.attempts":      "المحاولات",
	"jobs.last_error":    "آخر خطأ",
	"jobs.failed":        "مهام فشلت",
	"jobs.failed_note":   "قيد الإعادة، أو مركونة بعد فشل كل محاولاتها، أو ملغاة. «أعد» يشغّل المهمة الآن؛ وتنال المركونة محاولة أخرى.",
	"jobs.no_failed":     "لم تفشل أي مهمة.",
	"jobs.retry":         "أعد",
	"jobs.retried":       "عادت المهمة %d إلى الطابور.",
	"jobs.feeds":         "الخلاصات المتابَعة",
	"jobs.feed":          "الخلاصة",
	"jobs.feed_items":    "المواد المحفوظة",
	"jobs.feed_last":     "آخر جلب",
	"jobs.feed_next":     "الجلب التالي",
	"jobs.feed_failures": "فشلت %d مرة — يتباطأ الجلب",
	"jobs.no_feeds":      "لا خلاصات متابَعة.",
	"jobs.feeds_cli":     "تابِع خلاصة بالأمر",

	"jobs.state.pending":   "معلّقة",
	"jobs.state.scheduled": "مجدولة",
	"jobs.state.available": "منتظرة",
	"jobs.state.running":   "قيد التشغيل",
	"jobs.state.retryable": "قيد الإعادة",
	"jobs.state.parked":    "مركونة",
	"jobs.state.cancelled": "ملغاة",
	"jobs.state.completed": "مكتملة",

	"entity.latest_events":           "آخر %d من %d حدثًا.",
	"entity.latest_events_more":      "آخر %d من أكثر من %d حدث؛ تجدها كلها في عرض الخط الزمني.",
	"entity.newest_sources":          "أحدث %d من %d مصدرًا؛ ابحث عن الاسم لتراها كلها.",
	"entity.latest_events_page_more": "آخر %d من أكثر من %d حدث.",
	"entity.older_page":              "%d من الأحداث السابقة من أصل %d.",
	"entity.older_page_more":         "%d من الأحداث السابقة من أصل أكثر من %d.",
	"entity.older_events":            "الأحداث السابقة",
	"entity.latest_events_link":      "آخر الأحداث",
}
