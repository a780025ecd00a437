package i18n

// The messages of security keys (WebAuthn): the account page's list and
// form, the page that asks for a new key, the sign-in page's key button
// and the access log's actions. Kept apart and merged into the catalogue
// at start.
func init() {
	for k, v := range englishKeys {
		english[k] = v
	}
	for k, v := range arabicKeys {
		arabic[k] = v
	}
}

var englishKeys = map[string]string{
	"keys.heading":        "Security keys",
	"keys.intro":          "A security key (a USB or NFC key, or your device's built-in one) signs you in with a touch in place of a code, and no fake page can reuse it.",
	"keys.none":           "No security key is registered to your account.",
	"keys.col_name":       "Key",
	"keys.col_added":      "Added",
	"keys.col_used":       "Last used",
	"keys.remove":         "Remove",
	"keys.clone_warning":  "Refused: its counter went backwards, so it may have been copied. Remove it.",
	"keys.elsewhere":      "(registered at another address of this server: it cannot sign in here)",
	"keys.name_field":     "Name of the new key",
	"keys.password":       "Your password",
	"keys.code":           "Your current code (or a recovery code)",
	"keys.add":            "Add a security key",
	"keys.off":            "Security keys are off: the server has no public address with a domain name (its operator sets athar serve --base-url).",
	"keys.bad_name":       "Give the key a name of at most 64 characters.",
	"keys.reauth_failed":  "The password or the code is wrong. Nothing was changed.",
	"keys.add_title":      "Add a security key",
	"keys.add_heading":    "Touch your security key",
	"keys.add_intro":      "Insert or hold your key near the device, press the button below, then touch the key when it blinks.",
	"keys.name_label":     "Name:",
	"keys.touch":          "Use the key",
	"keys.browser_failed": "The browser did not get an answer from the key (cancelled, timed out, or already registered). Try again.",
	"keys.needs_script":   "Security keys need JavaScript in this browser.",
	"keys.cancel":         "Cancel",
	"keys.add_failed":     "The key's answer was not accepted (too late, or not from a key). Start again.",
	"keys.signin_intro":   "Sign in with your security key:",
	"keys.signin":         "Use my security key",
	"keys.failed":         "The security key was not accepted. Use another key, a code, or a recovery code.",
	"keys.code_intro":     "Or type one of your recovery codes; each works once.",

	"action.security-key-added":         "added a security key",
	"action.security-key-removed":       "security key removed",
	"action.security-key-failed":        "security key refused",
	"action.security-key-clone-warning": "security key refused: it may have been copied",
}

var arabicKeys = map[string]string{
	"keys.heading":        "مفاتيح الأمان",
	"keys.intro":          "مفتاح الأمان (مفتاح USB أو NFC، أو المفتاح المدمج في جهازك) يُدخلك بلمسة بدلاً من الرمز، ولا تستطيع صفحة مزيّفة أن تعيد استخدامه.",
	"keys.none":           "لا مفتاح أمان مسجّل لحسابك.",
	"keys.col_name":       "المفتاح",
	"keys.col_added":      "أُضيف",
	"keys.col_used":       "آخر استخدام",
	"keys.remove":         "إزالة",
	"keys.clone_warning":  "مرفوض: عاد عدّاده إلى الوراء، فقد يكون نُسخ. أزِله.",
	"keys.elsewhere":      "(مسجّل على عنوان آخر لهذا الخادم: لا يصلح للدخول هنا)",
	"keys.name_field":     "اسم المفتاح الجديد",
	"keys.password":       "كلمة مرورك",
	"keys.code":           "رمزك الحالي (أو رمز استرداد)",
	"keys.add":            "إضافة مفتاح أمان",
	"keys.off":            "مفاتيح الأمان معطّلة: لا عنوان عامّاً للخادم باسم نطاق (يضبطه مشغّله بـ athar serve --base-url).",
	"keys.bad_name":       "سمِّ المفتاح باسم لا يتجاوز 64 حرفاً.",
	"keys.reauth_failed":  "كلمة المرور أو الرمز خاطئ. لم يتغيّر شيء.",
	"keys.add_title":      "إضافة مفتاح أمان",
	"keys.add_heading":    "المس مفتاح الأمان",
	"keys.add_intro":      "أدخل المفتاح أو قرّبه من الجهاز، واضغط الزر أدناه، ثم المس المفتاح حين يومض.",
	"keys.name_label":     "الاسم:",
	"keys.touch":          "استخدام المفتاح",
	"keys.browser_failed": "لم يتلقَّ المتصفح جواباً من المفتاح (أُلغي، أو انتهت المهلة، أو هو مسجّل من قبل). حاول مجدداً.",
	"keys.needs_script":   "مفاتيح الأمان تحتاج JavaScript في هذا المتصفح.",
	"keys.cancel":         "إلغاء",
	"keys.add_failed":     "لم يُقبل جواب المفتاح (متأخر، أو ليس من مفتاح). ابدأ من جديد.",
	"keys.signin_intro":   "ادخل بمفتاح الأمان:",
	"keys.signin":         "استخدام مفتاح الأمان",
	"keys.failed":         "لم يُقبل مفتاح الأمان. استخدم مفتاحاً آخر أو رمزاً أو رمز استرداد.",
	"keys.code_intro":     "أو اكتب أحد رموز الاسترداد؛ كل رمز يصلح مرة واحدة.",

	"action.security-key-added":         "إضافة مفتاح أمان",
	"action.security-key-removed":       "إزالة مفتاح أمان",
	"action.security-key-failed":        "رفض مفتاح أمان",
	"action.security-key-clone-warning": "رفض مفتاح أمان: ربما نُسخ",
}
