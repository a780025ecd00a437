package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestParseAllow(t *testing.T) {
	a, err := ParseAllow(" 127.0.0.1:8081, 10.0.0.0/8,intranet.example., [::1]:9000,192.168.1.7 ,Feeds.Example:8443,,fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		host, port string
		want       bool
	}{
		{"127.0.0.1", "8081", true},
		{"127.0.0.1", "8082", false},
		{"10.200.3.4", "80", true},
		{"11.0.0.1", "80", false},
		{"intranet.example", "443", true},
		{"INTRANET.example.", "80", true},
		{"other.example", "80", false},
		{"::1", "9000", true},
		{"::1", "9001", false},
		{"192.168.1.7", "1", true},
		{"::ffff:192.168.1.7", "1", true},
		{"192.168.1.8", "1", false},
		{"feeds.example", "8443", true},
		{"feeds.example", "443", false},
		{"fd12::1", "80", true},
	} {
		got := a.allowsName(tt.host, tt.port)
		if ip, err := netip.ParseAddr(tt.host); err == nil {
			got = a.allowsAddr(ip.Unmap(), tt.port)
		}
		if got != tt.want {
			t.Errorf("%s port %s: allowed %v, want %v", tt.host, tt.port, got, tt.want)
		}
	}
	for _, bad := range []string{"host:port", "127.0.0.1:0", "10.0.0.0/33", "a/b", "user@host", "127.0.0.1:99999"} {
		if _, err := ParseAllow(bad); err == nil || !strings.Contains(err.Error(), FetchAllowEnv) || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseAllow(%q): %v, want an error naming it", bad, err)
		}
	}
}

func TestNonPublicKind(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1": "a loopback", "127.8.9.10": "a loopback", "::1": "a loopback", "::ffff:127.0.0.1": "a loopback",
		"10.1.2.3": "a private", "172.16.0.1": "a private", "192.168.1.1": "a private", "fc00::1": "a private",
		"169.254.169.254": "a link-local", "fe80::1": "a link-local",
		"0.0.0.0": "an unspecified", "::": "an unspecified", "0.1.2.3": "a reserved",
		"100.64.0.1": "a reserved", "224.0.0.1": "a link-local", "239.1.2.3": "a multicast", "ff02::1": "a link-local", "ff05::1": "a multicast",
		"64:ff9b::a00:1": "a reserved", "2001:db8::1": "a reserved", "192.0.2.1": "a reserved", "255.255.255.255": "a reserved",
		"2002:7f00:1::1": "a loopback", "2002:a00:1::1": "a private", "2001:0:4136:e378::1": "a reserved",
		"8.8.8.8": "", "1.1.1.1": "", "2606:4700:4700::1111": "", "::ffff:8.8.8.8": "", "2002:808:808::1": "",
	} {
		if got := nonPublicKind(netip.MustParseAddr(addr)); got != want {
			t.Errorf("nonPublicKind(%s) = %q, want %q", addr, got, want)
		}
	}
}

// TestFetchGuard: without ATHAR_FETCH_ALLOW nothing on this machine is
// reached — by its address, by a name that resolves to it, or through a
// redirect from an allowed server; each form of the allow list opens it.
func TestFetchGuard(t *testing.T) {
	var hits int
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("internal only"))
	}))
	defer inside.Close()
	outside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/x", http.StatusFound)
	}))
	defer outside.Close()
	insideAddr := inside.Listener.Addr().String()
	_, port, _ := strings.Cut(insideAddr, ":")
	byName := "http://localhost:" + port + "/x"
	for _, tt := range []struct {
		allow, url string
		refused    string // what the error says; "" when the fetch goes through
	}{
		{"", inside.URL + "/x", "refusing to connect to 127.0.0.1: a loopback address"},
		{"", byName, "refusing to connect to localhost: it resolves to a loopback address"},
		{outside.Listener.Addr().String(), outside.URL + "/", "refusing to connect to 127.0.0.1: a loopback address"},
		{"127.0.0.1:1", inside.URL + "/x", "refusing"},
		{insideAddr, inside.URL + "/x", ""},
		{"127.0.0.0/8", inside.URL + "/x", ""},
		{"127.0.0.1", byName, ""},
		{"localhost", byName, ""},
		{"localhost:" + port, byName, ""},
		{"127.0.0.0/8", outside.URL + "/", ""},
		{"localhost:1", byName, "refusing to connect to localhost"},
		{"not a valid:entry", inside.URL + "/x", FetchAllowEnv},
	} {
		t.Setenv(FetchAllowEnv, tt.allow)
		before := hits
		// A client each: the shared one would reuse the connection an
		// earlier case was allowed to make.
		_, err := Fetch(context.Background(), NewClient(), tt.url, Options{})
		switch {
		case tt.refused == "" && err != nil:
			t.Errorf("allow %q, %s: %v", tt.allow, tt.url, err)
		case tt.refused != "" && (!errors.Is(err, ErrFetch) || !strings.Contains(err.Error(), tt.refused)):
			t.Errorf("allow %q, %s: %v, want %q", tt.allow, tt.url, err, tt.refused)
		case tt.refused != "" && hits != before:
			t.Errorf("allow %q, %s: refused, yet the server was reached", tt.allow, tt.url)
		}
	}
}

// TestFetchErrorsEchoLittle: a bad URL of a megabyte is not repeated in
// full, and a name that does not resolve is named without the resolver's
// address.
func TestFetchErrorsEchoLittle(t *testing.T) {
	long := "gopher://" + strings.Repeat("a", 1<<20)
	_, err := Fetch(context.Background(), nil, long, Options{})
	if !errors.Is(err, ErrURL) || len(err.Error()) > 400 {
		t.Errorf("a 1 MB URL: %d bytes of error", len(err.Error()))
	}
	_, err = Fetch(context.Background(), nil, "http://athar-test-"+strings.Repeat("b", 50)+".invalid/x", Options{})
	if !errors.Is(err, ErrFetch) || !strings.Contains(err.Error(), "cannot resolve the host name athar-test-") {
		t.Fatalf("unresolvable name: %v", err)
	}
	if strings.Contains(err.Error(), ":53") || strings.Contains(err.Error(), " on ") {
		t.Errorf("the error names the resolver: %v", err)
	}
}
