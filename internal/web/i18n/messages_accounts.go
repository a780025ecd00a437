package i18n

// The messages of two-factor sign-in, enrolment and the account page, kept
// apart and merged into the catalogue at start.
func init() {
	for k, v := range englishAccounts {
		english[k] = v
	}
	for k, v := range arabicAccounts {
		arabic[k] = v
	}
}

var englishAccounts = map[string]string{
	"code.title":         "Sign-in code",
	"code.heading":       "Enter your sign-in code",
	"code.intro":         "Open your authenticator app and type the six-digit code it shows for Athar.",
	"code.label":         "Code",
	"code.submit":        "Continue",
	"code.failed":        "The code is wrong, too old or was already used. Wait for the next code and try again.",
	"code.recovery_hint": "Lost your phone? Type one of your recovery codes instead; each works once.",

	"enrol.title":       "Set up a second factor",
	"enrol.heading":     "Set up your second factor",
	"enrol.intro":       "Your account needs a code from an authenticator app besides your password. Scan the QR code with the app, or type the secret into it, then enter the code it shows.",
	"enrol.qr_alt":      "QR code of your authenticator secret",
	"enrol.secret":      "Secret:",
	"enrol.code":        "Code from the app",
	"enrol.submit":      "Confirm",
	"enrol.key_heading": "Or register a security key",
	"enrol.key_intro":   "A security key (a USB or NFC key, or your device's built-in one) can be your second factor instead of the app: name it, press the button, then touch the key.",
	"enrol.key_submit":  "Register a security key",

	"recovery.title":    "Recovery codes",
	"recovery.heading":  "Your recovery codes",
	"recovery.intro":    "Keep these codes somewhere safe, away from your phone. Each signs you in once if you lose the app. They are shown only now.",
	"recovery.continue": "I have kept them: continue",

	"account.title":    "Your account",
	"account.heading":  "Your account",
	"account.enrolled": "A second factor protects your account. Unused recovery codes: %d.",
	"account.required": "Your role needs a second factor: set it up now.",
	"account.optional": "Your account has no second factor. A code from an authenticator app stops anyone who learns your password.",
	"account.enrol":    "Set up a second factor",
	"account.renew":    "New recovery codes (the old ones stop working)",
	"nav.account":      "Account",

	"users.reset_factor": "Remove second factor",

	"dossier.read.withheld": "%d sources are withheld: their witnesses did not consent to use in court.",

	"action.sign-in":                "signed in",
	"action.sign-in-failed":         "failed to sign in",
	"action.code-failed":            "gave a wrong code",
	"action.recovery-code-used":     "used a recovery code",
	"action.totp-enrolled":          "enrolled a second factor",
	"action.totp-reset":             "second factor removed",
	"action.recovery-codes-renewed": "renewed recovery codes",
	"action.token-expired":          "presented an expired API token",
}

var arabicAccounts = map[string]string{
	"code.title":         "رمز الدخول",
	"code.heading":       "أدخل رمز الدخول",
	"code.intro":         "افتح تطبيق المصادقة واكتب الرمز المكوّن من ستة أرقام الذي يعرضه لأثر.",
	"code.label":         "الرمز",
	"code.submit":        "متابعة",
	"code.failed":        "الرمز خاطئ أو قديم أو استُخدم من قبل. انتظر الرمز التالي وحاول مجدداً.",
	"code.recovery_hint": "فقدت هاتفك؟ اكتب أحد رموز الاسترداد بدلاً منه؛ كل رمز يصلح مرة واحدة.",

	"enrol.title":       "إعداد عامل تحقق ثانٍ",
	"enrol.heading":     "أعدّ عامل التحقق الثاني",
	"enrol.intro":       "يحتاج حسابك إلى رمز من تطبيق مصادقة إلى جانب كلمة المرور. امسح رمز QR بالتطبيق أو اكتب السر فيه، ثم أدخل الرمز الذي يعرضه.",
	"enrol.qr_alt":      "رمز QR لسر المصادقة",
	"enrol.secret":      "السر:",
	"enrol.code":        "الرمز من التطبيق",
	"enrol.submit":      "تأكيد",
	"enrol.key_heading": "أو سجّل مفتاح أمان",
	"enrol.key_intro":   "يمكن أن يكون مفتاح الأمان (مفتاح USB أو NFC، أو المفتاح المدمج في جهازك) عاملك الثاني بدلاً من التطبيق: سمِّه، واضغط الزر، ثم المس المفتاح.",
	"enrol.key_submit":  "تسجيل مفتاح أمان",

	"recovery.title":    "رموز الاسترداد",
	"recovery.heading":  "رموز الاسترداد الخاصة بك",
	"recovery.intro":    "احفظ هذه الرموز في مكان آمن بعيداً عن هاتفك. كل رمز يتيح لك الدخول مرة واحدة إن فقدت التطبيق. لن تُعرض إلا الآن.",
	"recovery.continue": "حفظتها: متابعة",

	"account.title":    "حسابك",
	"account.heading":  "حسابك",
	"account.enrolled": "عامل تحقق ثانٍ يحمي حسابك. رموز الاسترداد غير المستخدمة: %d.",
	"account.required": "دورك يتطلب عامل تحقق ثانياً: أعدّه الآن.",
	"account.optional": "لا عامل تحقق ثانياً لحسابك. رمز من تطبيق مصادقة يوقف من يعرف كلمة مرورك.",
	"account.enrol":    "إعداد عامل تحقق ثانٍ",
	"account.renew":    "رموز استرداد جديدة (تتوقف القديمة)",
	"nav.account":      "الحساب",

	"users.reset_factor": "إزالة عامل التحقق الثاني",

	"dossier.read.withheld": "حُجبت %d مصادر: لم يوافق أصحاب شهاداتها على استخدامها أمام المحاكم.",

	"action.sign-in":                "تسجيل دخول",
	"action.sign-in-failed":         "محاولة دخول فاشلة",
	"action.code-failed":            "رمز خاطئ",
	"action.recovery-code-used":     "استخدام رمز استرداد",
	"action.totp-enrolled":          "إعداد عامل تحقق ثانٍ",
	"action.totp-reset":             "إزالة عامل التحقق الثاني",
	"action.recovery-codes-renewed": "تجديد رموز الاسترداد",
	"action.token-expired":          "تقديم رمز API منتهي الصلاحية",
}
