package api

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// publicOnlyClient fetches from public addresses only. The check runs on
// the address actually dialled (after DNS, and for every redirect), so a
// name that resolves to the server's own network is refused too. It uses no
// proxy from the environment: a proxy would dial on its behalf, unchecked.
func publicOnlyClient() *http.Client {
	dialer := &net.Dialer{Timeout: 30 * time.Second, Control: refusePrivate}
	return &http.Client{
		Transport: &http.Transport{
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   15 * time.Second,
			ResponseHeaderTimeout: 60 * time.Second,
			MaxIdleConns:          10,
			IdleConnTimeout:       90 * time.Second,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return fmt.Errorf("stopped after 10 redirects")
			}
			return nil
		},
	}
}

// refusePrivate refuses to connect to loopback, private, link-local,
// multicast, unspecified and other non-global addresses.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("refusing to connect to %s: not an IP address", host)
	}
	if !publicAddr(ip.Unmap()) {
		return fmt.Errorf("refusing to connect to %s: not a public address", ip)
	}
	return nil
}

// publicAddr reports whether ip is a global unicast address outside the
// private, shared (CGNAT) and documentation ranges.
func publicAddr(ip netip.Addr) bool {
	if !ip.IsGlobalUnicast() || ip.IsPrivate() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (CGNAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64, which may map to private IPv4
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
}
