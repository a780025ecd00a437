package web

import (
	"strings"
	"sync"
	"time"
)

// loginLimiter slows password guessing without letting anyone lock an
// account: it counts failed logins per account and address, and per
// address whatever the account, and after a few free failures makes each
// further try from that address wait longer than the last (2 s, 4 s, 8 s …
// up to maxDelay) — a delay, never a lock. The right password from another
// address is never held up by someone else's failures, and a successful
// login is never counted (it clears its own account-and-address count).
// Counts are forgotten after forgetAfter without a failure. It lives in
// memory: each server counts for itself, which is enough to make guessing
// slow (argon2id costs the guesser too).
type loginLimiter struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]*failures
}

// failures is a run of failed logins under one key.
type failures struct {
	n    int
	last time.Time
}

const (
	// pairFree failures of one account from one address go unslowed (a
	// person mistyping); addrFree from one address over all accounts
	// (a shared office address).
	pairFree = 3
	addrFree = 10
	// firstDelay is the wait after the first failure beyond the free
	// ones; each further failure doubles it, up to maxDelay.
	firstDelay = 2 * time.Second
	maxDelay   = 15 * time.Minute
	// forgetAfter is how long a count lasts after its last failure.
	forgetAfter = time.Hour
	// maxKeys bounds memory under a flood of addresses.
	maxKeys = 100000
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, m: map[string]*failures{}}
}

func pairKey(addr, user string) string { return "pair:" + addr + "\x00" + strings.ToLower(user) }
func addrKey(addr string) string       { return "addr:" + addr }

// delay is how long after its last failure a key holding n failures makes
// the next try wait.
func delay(n, free int) time.Duration {
	if n < free {
		return 0
	}
	d := firstDelay
	for i := free; i < n && d < maxDelay; i++ {
		d *= 2
	}
	return min(d, maxDelay)
}

// wait reports how long a key makes a try wait now (0: it may go ahead).
func (l *loginLimiter) wait(key string, free int, now time.Time) time.Duration {
	f := l.m[key]
	if f == nil {
		return 0
	}
	if now.Sub(f.last) >= forgetAfter {
		delete(l.m, key)
		return 0
	}
	return max(0, f.last.Add(delay(f.n, free)).Sub(now))
}

// allow reports whether a login for user from addr may be tried now, and
// if not, how long until it may.
func (l *loginLimiter) allow(addr, user string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w := max(l.wait(pairKey(addr, user), pairFree, now), l.wait(addrKey(addr), addrFree, now))
	return w == 0, w
}

// failed records a failed login for user from addr.
func (l *loginLimiter) failed(addr, user string) {
	l.count(pairKey(addr, user), addrKey(addr))
}

// Second-factor codes are limited like passwords, under keys of their own
// (a right password must not spend the code's budget), and also per
// account over all addresses: whoever tries codes already holds the
// password, so holding that account up harms only the thief — and six
// digits must not be guessable from many addresses at once.
func codeKey(addr, user string) string  { return "code:" + addr + "\x00" + strings.ToLower(user) }
func accountCodeKey(user string) string { return "acode:" + strings.ToLower(user) }

// accountCodeFree failed codes of one account over all addresses go
// unslowed.
const accountCodeFree = 6

// allowCode is allow for a second-factor code.
func (l *loginLimiter) allowCode(addr, user string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w := max(l.wait(codeKey(addr, user), pairFree, now), l.wait(accountCodeKey(user), accountCodeFree, now),
		l.wait(addrKey(addr), addrFree, now))
	return w == 0, w
}

// codeFailed records a wrong second-factor code for user from addr.
func (l *loginLimiter) codeFailed(addr, user string) {
	l.count(codeKey(addr, user), accountCodeKey(user), addrKey(addr))
}

// codeSucceeded clears user's code failures.
func (l *loginLimiter) codeSucceeded(addr, user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, codeKey(addr, user))
	delete(l.m, accountCodeKey(user))
}

func (l *loginLimiter) count(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.m) >= maxKeys {
		l.sweep(now)
	}
	for _, k := range keys {
		f := l.m[k]
		if f == nil || now.Sub(f.last) >= forgetAfter {
			f = &failures{}
			l.m[k] = f
		}
		f.n++
		f.last = now
	}
}

// succeeded clears the failures of user from addr; the address's own count
// stays (a guesser cannot clear it by signing in to an account of theirs).
func (l *loginLimiter) succeeded(addr, user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, pairKey(addr, user))
}

// sweep forgets counts older than forgetAfter; if the flood is of fresh
// ones, the oldest half.
func (l *loginLimiter) sweep(now time.Time) {
	for k, f := range l.m {
		if now.Sub(f.last) >= forgetAfter {
			delete(l.m, k)
		}
	}
	if len(l.m) < maxKeys {
		return
	}
	cut := now.Add(-forgetAfter / 2)
	for k, f := range l.m {
		if f.last.Before(cut) {
			delete(l.m, k)
		}
	}
}
