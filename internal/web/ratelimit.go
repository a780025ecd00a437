package web

import (
	"strings"
	"sync"
	"time"
)

// loginLimiter slows password guessing: at most ipAttempts login attempts
// from one address, and userFailures failed attempts on one account, per
// window. A success clears the account's count. It lives in memory: each
// server counts for itself, which is enough to make guessing slow.
type loginLimiter struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]*window
}

type window struct {
	start time.Time
	n     int
}

const (
	limitWindow  = 15 * time.Minute
	ipAttempts   = 20
	userFailures = 5
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, m: map[string]*window{}}
}

func (l *loginLimiter) count(key string) *window {
	now := l.now()
	w := l.m[key]
	if w == nil || now.Sub(w.start) >= limitWindow {
		if len(l.m) > 100000 { // a flood of addresses: forget old windows
			for k, old := range l.m {
				if now.Sub(old.start) >= limitWindow {
					delete(l.m, k)
				}
			}
		}
		w = &window{start: now}
		l.m[key] = w
	}
	return w
}

// allow records an attempt from ip on user and reports whether it may go
// ahead, and if not, how long until it may.
func (l *loginLimiter) allow(ip, user string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	wi := l.count("ip:" + ip)
	wu := l.count("user:" + strings.ToLower(user))
	if wi.n >= ipAttempts || wu.n >= userFailures {
		wait := limitWindow - l.now().Sub(wi.start)
		if wu.n >= userFailures {
			wait = max(wait, limitWindow-l.now().Sub(wu.start))
		}
		return false, wait
	}
	wi.n++
	return true, 0
}

// failed records a failed password for user.
func (l *loginLimiter) failed(user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.count("user:"+strings.ToLower(user)).n++
}

// succeeded clears user's failures.
func (l *loginLimiter) succeeded(user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, "user:"+strings.ToLower(user))
}
