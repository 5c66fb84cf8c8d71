-- wrk script: every request is the view beacon of a different reader, each from an
-- address of its own (passed as X-Real-IP, the server's CLIENT_IP_HEADER) in a network
-- of its own, so each one must add a view. ARTICLE_ID is set by bench/run.py.
local threads = {}
local counter = 0

function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

function request()
    counter = counter + 1
    local address = string.format(
        "%d.%d.%d.%d",
        10 + id,
        counter % 256,
        math.floor(counter / 256) % 256,
        math.floor(counter / 65536) % 256
    )
    local headers = {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        ["X-Real-IP"] = address,
        ["Connection"] = "close",
    }
    return wrk.format("POST", "/views/", headers, "page=ARTICLE_ID")
end
