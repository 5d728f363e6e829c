package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrPrivateAddress is why a fetch that a feed led to was refused: its
// host resolved to a loopback, private, link-local or unspecified address,
// where a feed's author could otherwise read the operator's own network
// through the stored article.
var ErrPrivateAddress = errors.New("refused: a loopback, private or link-local address")

// nonPublic are the ranges that Addr's own tests do not cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64, which can reach any IPv4 address
}

// public reports whether ip is an address on the public internet.
func public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// refuseNonPublic is a dialer's Control: it runs after DNS, on the address
// about to be connected, so no name can resolve around it.
func refuseNonPublic(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !public(ip) {
		return fmt.Errorf("%s: %w", address, ErrPrivateAddress)
	}
	return nil
}

// dial connects to addr. A host the operator named is dialled as it is;
// any other must resolve to a public address, unless AllowPrivate is set.
func (f *Fetcher) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	host, _, _ := net.SplitHostPort(addr)
	if !f.AllowPrivate && !f.trusted(host) {
		d.Control = refuseNonPublic
	}
	return d.DialContext(ctx, network, addr)
}

// Trust marks the host of a URL that the operator named (a feed, or an
// ingest argument): it may be on a private network, and so may every
// fetch to the same host.
func (f *Fetcher) Trust(rawURL string) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.trust == nil {
		f.trust = map[string]bool{}
	}
	f.trust[strings.ToLower(u.Hostname())] = true
}

func (f *Fetcher) trusted(host string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.trust[strings.ToLower(strings.Trim(host, "[]"))]
}

// secretParams are query parameter names, or parts of them, whose values
// are taken for credentials.
var secretParams = []string{"token", "key", "secret", "pass", "auth", "sig", "credential", "session", "code"}

// Redact returns u without its user information, and with the values of
// query parameters that look like credentials replaced: for logs and
// GET /feeds.
func Redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(an unreadable URL)"
	}
	p.User = nil
	if p.RawQuery == "" {
		return p.String()
	}
	q := p.Query()
	for name := range q {
		lower := strings.ToLower(name)
		for _, s := range secretParams {
			if strings.Contains(lower, s) {
				q[name] = []string{"REDACTED"}
				break
			}
		}
	}
	p.RawQuery = q.Encode()
	return p.String()
}
