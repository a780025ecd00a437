package capture

import (
	"net/http"
	"net/http/cookiejar"
)

// newJar is a cookie jar for one capture: cookies the page's server sets
// are sent back with its later requests, as a browser does.
func newJar() http.CookieJar {
	j, _ := cookiejar.New(nil) // fails only with options that are not given
	return j
}
