package i18n

// The messages of the graph and timeline views, reviewers' assignments,
// account management, the public view and the entity list's pages, kept
// apart and merged into the catalogue at start.
func init() {
	for k, v := range englishMore {
		english[k] = v
	}
	for k, v := range arabicMore {
		arabic[k] = v
	}
}

var englishMore = map[string]string{
	"public.banner": "Public view: confirmed public material only",
	"public.login":  "Log in",

	"assign.heading": "Assigned review",
	"assign.current": "Assigned to",
	"assign.by":      "by",
	"assign.none":    "Not assigned to anyone.",
	"assign.to":      "Assign to",
	"assign.nobody":  "nobody",
	"assign.submit":  "Assign",
	"assign.note":    "Every proposed statement drawn from this source goes to the reviewer's own queue. Only reviewers and admins cleared for the source can be chosen; every change is recorded with who made it.",

	"dashboard.assigned":      "Assigned to you: %d",
	"dashboard.open_assigned": "open your work",

	"review.mine":      "Assigned to me: %d",
	"review.show_all":  "show the whole queue",
	"review.all":       "The whole queue",
	"review.show_mine": "show only what is assigned to me (%d)",
	"review.assignee":  "assigned to",

	"entities.count":      "%d entities that you may see.",
	"entities.count_more": "More than %d entities that you may see.",

	"publish.heading":  "Public view",
	"publish.on":       "Published: anonymous visitors can read the public view.",
	"publish.off":      "Not published: anonymous visitors see nothing but the login page.",
	"publish.changed":  "last changed by",
	"publish.note":     "The public view shows anonymous visitors the dashboard, sources, entities, graphs, timelines, search and map — only public sources and statements a person confirmed. Never the review queue, administration or original files.",
	"publish.publish":  "Publish the public view",
	"publish.withdraw": "Withdraw the public view",

	"users.manage":           "Manage accounts",
	"users.cli_note":         "Also at the command line:",
	"users.title":            "Accounts",
	"users.heading":          "Accounts",
	"users.intro":            "Every change is written to the ledger with you as its author. Disabling an account or setting its password ends its sessions. The last active admin cannot be demoted or disabled.",
	"users.password":         "Password",
	"users.you":              "you",
	"users.save":             "Save",
	"users.enable":           "Enable",
	"users.disable":          "Disable",
	"users.new_password":     "New password",
	"users.set_password":     "Set",
	"users.create":           "Create an account",
	"users.initial_password": "Initial password",
	"users.note":             "Passwords are stored as argon2id hashes. Give the person their initial password by a separate channel.",
	"users.bad_role":         "Choose a role and a clearance from the lists.",
	"users.bad_name":         "A name is 1 to 64 letters, digits and . _ - @, without spaces.",
	"users.exists":           "An account of that name already exists.",
	"users.short_password":   "The password is too short: use at least 12 characters.",
	"users.last_admin":       "Refused: this would leave no active admin. Make another account admin first.",

	"timeline.title":   "Timeline",
	"timeline.heading": "Timeline of",
	"timeline.intro":   "Events by date, those of unknown date last; each with how its sources report it, its review state and its sources.",
	"timeline.link":    "Timeline",

	"graph.title":             "Graph",
	"graph.heading":           "Graph of",
	"graph.intro":             "At the centre the entity; on the inner ring its events and its chain of command, on the outer ring who and what those events tie it to. Every circle opens its page.",
	"graph.link":              "Graph",
	"graph.legend_confirmed":  "confirmed",
	"graph.legend_proposed":   "proposed, awaiting review",
	"graph.legend_alleged":    "alleged",
	"graph.legend_denied":     "denied",
	"graph.note":              "%d linked entities and events shown.",
	"graph.hidden":            "%d more are counted on the “more” circles.",
	"graph.none":              "Nothing that you may see is linked to it.",
	"graph.more":              "+%d more",
	"graph.group":             "%s ×%d",
	"graph.where":             "where",
	"graph.organizer":         "organizer",
	"graph.role_person":       "takes part",
	"graph.role_facility":     "place of",
	"graph.role_place":        "place of",
	"graph.role_organization": "party to",
}

var arabicMore = map[string]string{
	"public.banner": "العرض العام: المواد العامة المؤكدة فقط",
	"public.login":  "تسجيل الدخول",

	"assign.heading": "المراجعة المسندة",
	"assign.current": "مسند إلى",
	"assign.by":      "أسنده",
	"assign.none":    "غير مسند إلى أحد.",
	"assign.to":      "إسناد إلى",
	"assign.nobody":  "لا أحد",
	"assign.submit":  "إسناد",
	"assign.note":    "تنتقل كل إفادة مقترحة مأخوذة من هذا المصدر إلى قائمة المراجع نفسه. لا يمكن اختيار إلا المراجعين والمديرين المخولين بالاطلاع على المصدر، ويُسجَّل كل تغيير مع اسم من أجراه.",

	"dashboard.assigned":      "المسند إليك: %d",
	"dashboard.open_assigned": "افتح عملك",

	"review.mine":      "المسند إليّ: %d",
	"review.show_all":  "اعرض القائمة كلها",
	"review.all":       "القائمة كلها",
	"review.show_mine": "اعرض المسند إليّ فقط (%d)",
	"review.assignee":  "مسند إلى",

	"entities.count":      "%d كياناً مما يحق لك الاطلاع عليه.",
	"entities.count_more": "أكثر من %d كيان مما يحق لك الاطلاع عليه.",

	"publish.heading":  "العرض العام",
	"publish.on":       "منشور: يستطيع الزوار غير المسجلين قراءة العرض العام.",
	"publish.off":      "غير منشور: لا يرى الزوار غير المسجلين إلا صفحة الدخول.",
	"publish.changed":  "آخر تغيير بواسطة",
	"publish.note":     "يعرض العرض العام على الزوار غير المسجلين لوحة المتابعة والمصادر والكيانات والمخططات والخطوط الزمنية والبحث والخريطة — المصادر العامة والإفادات التي أكدها شخص فقط، ولا يعرض أبداً قائمة المراجعة أو الإدارة أو الملفات الأصلية.",
	"publish.publish":  "انشر العرض العام",
	"publish.withdraw": "اسحب العرض العام",

	"users.manage":           "إدارة الحسابات",
	"users.cli_note":         "ومن سطر الأوامر أيضاً:",
	"users.title":            "الحسابات",
	"users.heading":          "الحسابات",
	"users.intro":            "يُكتب كل تغيير في السجل باسمك. تعطيل الحساب أو تعيين كلمة مروره ينهي جلساته. لا يمكن تخفيض دور آخر مدير فعّال أو تعطيله.",
	"users.password":         "كلمة المرور",
	"users.you":              "أنت",
	"users.save":             "حفظ",
	"users.enable":           "تفعيل",
	"users.disable":          "تعطيل",
	"users.new_password":     "كلمة مرور جديدة",
	"users.set_password":     "تعيين",
	"users.create":           "إنشاء حساب",
	"users.initial_password": "كلمة المرور الأولى",
	"users.note":             "تُحفظ كلمات المرور بصيغة argon2id. سلّم صاحب الحساب كلمة مروره الأولى عبر قناة منفصلة.",
	"users.bad_role":         "اختر دوراً ودرجة تخويل من القائمتين.",
	"users.bad_name":         "الاسم من 1 إلى 64 حرفاً أو رقماً أو . _ - @ بلا مسافات.",
	"users.exists":           "يوجد حساب بهذا الاسم.",
	"users.short_password":   "كلمة المرور قصيرة جداً: استخدم 12 حرفاً على الأقل.",
	"users.last_admin":       "رُفض: لن يبقى مدير فعّال. اجعل حساباً آخر مديراً أولاً.",

	"timeline.title":   "الخط الزمني",
	"timeline.heading": "الخط الزمني لـ",
	"timeline.intro":   "الأحداث حسب التاريخ، وما لا يُعرف تاريخه في الآخر؛ مع كيفية روايتها في مصادرها وحالة مراجعتها ومصادرها.",
	"timeline.link":    "الخط الزمني",

	"graph.title":             "المخطط",
	"graph.heading":           "مخطط",
	"graph.intro":             "في الوسط الكيان؛ وفي الحلقة الداخلية أحداثه وتسلسل القيادة، وفي الحلقة الخارجية من وما تربطه به تلك الأحداث. كل دائرة تفتح صفحتها.",
	"graph.link":              "المخطط",
	"graph.legend_confirmed":  "مؤكد",
	"graph.legend_proposed":   "مقترح بانتظار المراجعة",
	"graph.legend_alleged":    "مزعوم",
	"graph.legend_denied":     "منفي",
	"graph.note":              "عُرض %d من الكيانات والأحداث المرتبطة.",
	"graph.hidden":            "و%d غيرها محسوبة في دوائر «المزيد».",
	"graph.none":              "لا شيء مما يحق لك الاطلاع عليه مرتبط به.",
	"graph.more":              "+%d أخرى",
	"graph.group":             "%s ×%d",
	"graph.where":             "المكان",
	"graph.organizer":         "المنظِّم",
	"graph.role_person":       "مشارك",
	"graph.role_facility":     "مكان الحدث",
	"graph.role_place":        "مكان الحدث",
	"graph.role_organization": "طرف",
}
