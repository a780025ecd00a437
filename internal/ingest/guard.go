package ingest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"
)

// FetchAllowEnv names the environment variable that lets fetches reach
// loopback, private, link-local or unspecified addresses (CONTRACTS.md,
// "Fetching"): a comma-separated list of host names, host:port pairs, IP
// addresses, ip:port pairs and CIDR ranges, e.g. "127.0.0.1:8081,10.0.0.0/8".
// Nothing else opens those addresses to a fetch.
const FetchAllowEnv = "ATHAR_FETCH_ALLOW"

// Allow is a parsed ATHAR_FETCH_ALLOW: what a fetch may reach although it
// is not public.
type Allow struct {
	hosts    map[string]bool // host names and IP addresses, any port
	hostPort map[string]bool // "host:port", the host lower-cased (IPs in netip's form)
	prefixes []netip.Prefix
}

// ParseAllow reads an ATHAR_FETCH_ALLOW value; an entry that is none of
// the forms it takes is an error naming it.
func ParseAllow(s string) (Allow, error) {
	a := Allow{hosts: map[string]bool{}, hostPort: map[string]bool{}}
	for _, e := range strings.Split(s, ",") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if p, err := netip.ParsePrefix(e); err == nil {
			a.prefixes = append(a.prefixes, p.Masked())
			continue
		}
		if ip, err := netip.ParseAddr(strings.Trim(e, "[]")); err == nil {
			a.hosts[ip.Unmap().String()] = true
			continue
		}
		if host, port, err := net.SplitHostPort(e); err == nil {
			n, err := strconv.Atoi(port)
			if err != nil || n <= 0 || n > 65535 || host == "" {
				return Allow{}, fmt.Errorf("%s: %q is not a host:port pair", FetchAllowEnv, e)
			}
			a.hostPort[net.JoinHostPort(canonicalHost(host), port)] = true
			continue
		}
		if strings.ContainsAny(e, "/:@ \t") {
			return Allow{}, fmt.Errorf("%s: %q is neither a host, a host:port pair nor a CIDR range", FetchAllowEnv, e)
		}
		a.hosts[canonicalHost(e)] = true
	}
	return a, nil
}

// canonicalHost writes a host as the allow list keeps it: an IP address in
// netip's form, a name lower-cased without a trailing dot.
func canonicalHost(h string) string {
	h = strings.Trim(h, "[]")
	if ip, err := netip.ParseAddr(h); err == nil {
		return ip.Unmap().String()
	}
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// allowsName reports whether the list names host (with port) itself.
func (a Allow) allowsName(host, port string) bool {
	h := canonicalHost(host)
	return a.hosts[h] || a.hostPort[net.JoinHostPort(h, port)]
}

// allowsAddr reports whether the list covers ip (with port).
func (a Allow) allowsAddr(ip netip.Addr, port string) bool {
	if a.allowsName(ip.String(), port) {
		return true
	}
	for _, p := range a.prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// NewClient returns the client every server-side fetch uses: feeds and
// their items, ingest of URLs from the command line and the API, and every
// redirect they follow. Each connection it makes is checked on the address
// actually dialled — after the name is resolved, for every redirect — so a
// name that resolves to the server's own network (DNS rebinding included)
// is refused as the bare address is: loopback, private, link-local,
// unspecified, multicast and reserved addresses are refused unless
// ATHAR_FETCH_ALLOW (read at each connection) names them. It uses no proxy
// from the environment, which would dial on its behalf, unchecked.
func NewClient() *http.Client {
	g := &guard{dialer: &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}}
	return &http.Client{
		Transport: &http.Transport{
			DialContext:           g.dialContext,
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   15 * time.Second,
			ResponseHeaderTimeout: 60 * time.Second,
			MaxIdleConns:          10,
			IdleConnTimeout:       90 * time.Second,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			return nil
		},
	}
}

// guard dials only addresses a fetch may reach.
type guard struct {
	dialer   *net.Dialer
	resolver *net.Resolver // nil: net.DefaultResolver
	allow    func() (Allow, error)
}

func (g *guard) allowed() (Allow, error) {
	if g.allow != nil {
		return g.allow()
	}
	return ParseAllow(os.Getenv(FetchAllowEnv))
}

func (g *guard) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	allow, err := g.allowed()
	if err != nil {
		return nil, err
	}
	if allow.allowsName(host, port) {
		return g.dialer.DialContext(ctx, network, addr) // the operator named this host
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		ips = []netip.Addr{ip}
	} else {
		r := g.resolver
		if r == nil {
			r = net.DefaultResolver
		}
		ips, err = r.LookupNetIP(ctx, ipNetwork(network), host)
		if err != nil {
			// Never the resolver's own address, which the net error names.
			return nil, fmt.Errorf("cannot resolve the host name %s", clip(host, 100))
		}
	}
	var refused, failed error
	for _, ip := range ips {
		ip = ip.Unmap()
		if why := nonPublicKind(ip); why != "" && !allow.allowsAddr(ip, port) {
			refused = refusal(host, ip, why)
			continue
		}
		// Dial the address checked, not the name: a second lookup could
		// answer differently.
		conn, err := g.dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		failed = err
	}
	if failed != nil {
		return nil, failed
	}
	if refused != nil {
		return nil, refused
	}
	return nil, fmt.Errorf("the host name %s has no address", clip(host, 100))
}

// refusal says why a fetch may not connect, naming the address only when
// the URL gave it (a name's private address is none of the asker's
// business).
func refusal(host string, ip netip.Addr, why string) error {
	if canonicalHost(host) == ip.String() {
		return fmt.Errorf("refusing to connect to %s: %s address (%s can allow it)", ip, why, FetchAllowEnv)
	}
	return fmt.Errorf("refusing to connect to %s: it resolves to %s address (%s can allow it)", clip(host, 100), why, FetchAllowEnv)
}

func ipNetwork(network string) string {
	switch network {
	case "tcp4":
		return "ip4"
	case "tcp6":
		return "ip6"
	}
	return "ip"
}

// nonPublicKind says what kind of non-public address ip is ("a loopback",
// "a private", …), or "" for a global unicast address a fetch may reach.
func nonPublicKind(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsUnspecified():
		return "an unspecified"
	case ip.IsLoopback():
		return "a loopback"
	case ip.IsPrivate():
		return "a private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "a link-local"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "a multicast"
	case !ip.IsGlobalUnicast():
		return "a reserved"
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return "a reserved"
		}
	}
	if sixToFour.Contains(ip) {
		// 6to4 carries an IPv4 address in bytes 2–5.
		b := ip.As16()
		if why := nonPublicKind(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})); why != "" {
			return why
		}
	}
	return ""
}

var sixToFour = netip.MustParsePrefix("2002::/16")

// nonPublic are ranges that netip does not already call private, loopback,
// link-local or multicast and that no public site uses.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (CGNAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64, which may map to private IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001::/32"),       // Teredo, which tunnels to any IPv4
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated, still routed inside some networks)
}

// clip cuts s to at most n bytes (on a rune boundary) for an error
// message, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
