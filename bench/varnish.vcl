# Varnish in front of gunicorn: shares what Django marks as shared (s-maxage) with every
# reader, passes everything else, and forgets a URL when Django's invalidation sends it an
# HTTP PURGE (FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:6081, wagtail.contrib.frontend_cache).
#
#   varnishd -F -a 127.0.0.1:6081 -f "$PWD/bench/varnish.vcl" -s malloc,256m
#
# bench/run.py starts it with the backend port replaced by the benchmark's own.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Varnish puts the fragments (latest, trending, related lists) into pages itself.
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE only from localhost"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed-in users and the admin go to Django, which never shares their pages.
    if (req.url ~ "^/admin" || req.http.Cookie ~ "sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
    # Only responses Django made shareable, for as long as it said (s-maxage).
    if (beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Proxy-Cache = "hit";
    } else {
        set resp.http.X-Proxy-Cache = "miss";
    }
}
