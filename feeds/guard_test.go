package feeds

import (
	"net/netip"
	"testing"
)

func TestPublic(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"8.8.8.8", true},
		{"2001:4860:4860::8888", true},
		{"127.0.0.1", false},
		{"127.1.2.3", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fc00::1", false},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"::", false},
		{"::ffff:127.0.0.1", false},
		{"100.64.0.1", false},
		{"64:ff9b::7f00:1", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
	}
	for _, tt := range tests {
		if got := public(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("public(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://news.test/feed.xml", "https://news.test/feed.xml"},
		{"https://alice:pw@news.test/feed.xml", "https://news.test/feed.xml"},
		{"https://news.test/rss?api_key=abc&lang=en", "https://news.test/rss?api_key=REDACTED&lang=en"},
		{"https://news.test/rss?Token=abc&sig=x&page=2", "https://news.test/rss?Token=REDACTED&page=2&sig=REDACTED"},
		{"https://news.test/rss?access_token=abc", "https://news.test/rss?access_token=REDACTED"},
		{"https://news.test/rss?password=hunter2", "https://news.test/rss?password=REDACTED"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
