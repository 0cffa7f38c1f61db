vcl 4.1;
# Varnish 7.1 in front of Wiredesk, with the xkey vmod (Debian: varnish, varnish-modules).
#
#   varnishd -a :80 -f /etc/varnish/wiredesk.vcl -s malloc,1g -p http_gzip_support=off
#
# The app compresses its own answers (brotli or gzip) and sends `Vary: Accept-Encoding`; with
# http_gzip_support=off Varnish keeps what it sent, one copy per normalised Accept-Encoding.
# (Left on, Varnish asks the app for gzip only and compresses for itself: still correct.)
#
# Wiredesk tags every cacheable answer with `Surrogate-Key: site a123 s4 ...` and, when content
# changes, sends `PURGE /` with `xkey-purge: a123 s4` (CDN_PURGE=varnish, VARNISH_PURGE_URL).

import std;
import xkey;

# Deployers: where `wiredesk serve` listens (HOST, PORT). The tests write a copy with their own port.
backend default {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        # Start healthy: no 503s in the first second after a start or a VCL reload.
        .initial = 2;
    }
}

# Who may purge: the Wiredesk processes. Add their addresses if they run on other hosts.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Method Not Allowed"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        # purge, not softpurge: a changed story must not be served again, even stale.
        set req.http.xkey-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.xkey-purged + " objects"));
    }

    # Stale objects: for 10 s while the app is healthy (answered at once, refreshed in the
    # background); for their whole grace (24 h, stale-if-error) while the probe says it is sick.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    # Never from the cache: forms and other writes, the newsroom, signed-in newsroom users.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/newsroom") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;)\s*(__Host-)?wd_session=") {
        return (pass);
    }
    # The public site reads no other cookie.
    unset req.http.Cookie;

    # Few variants: brotli and gzip, gzip, or uncompressed.
    if (req.http.Accept-Encoding) {
        if (req.http.Accept-Encoding ~ "(?i)\bbr\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))" &&
            req.http.Accept-Encoding ~ "(?i)\bgzip\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))") {
            set req.http.Accept-Encoding = "br, gzip";
        } elsif (req.http.Accept-Encoding ~ "(?i)\bgzip\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))") {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
        }
    }
    # Then the built-in rules (Host, Authorization) and the lookup.
}

sub vcl_backend_response {
    # The app's surrogate keys are the xkey vmod's index.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }

    # Personal or private answers are never stored (a short hit-for-miss marker instead).
    if (beresp.http.Set-Cookie ||
        beresp.http.Surrogate-Control ~ "(?i)no-store" ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # A failed refresh of a stale object keeps the stale one (stale-if-error); other server
    # errors are passed on, not stored.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # Surrogate-Control is meant for us; without it Varnish uses s-maxage, then max-age.
    if (beresp.http.Surrogate-Control ~ "(?i)(^|[,\s])max-age=\d+") {
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "(?i)^(.*[,\s])?max-age=(\d+).*$", "\2") + "s", beresp.ttl);
    }
    # Keep objects for their stale-if-error time (default 24 h); vcl_recv decides how stale
    # an answer may be.
    if (beresp.http.Surrogate-Control ~ "(?i)stale-if-error=\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Surrogate-Control, "(?i)^.*stale-if-error=(\d+).*$", "\1") + "s", 24h);
    } else {
        set beresp.grace = 24h;
    }
    # Then the built-in rules (no TTL, Vary: *).
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # For caches only. (If another CDN sits in front of Varnish, keep Surrogate-Key and Cache-Tag.)
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    unset resp.http.Cache-Tag;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (resp.status == 200) {
            set resp.http.xkey-purged = req.http.xkey-purged;
        }
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
