-- wrk script: every request is a GET, with Connection: close, of a path drawn at random
-- from PATHS (filled in by bench/run.py); Django's X-Cache answers are counted and
-- printed at the end as "X-Cache: N hit, M miss".
local paths = {PATHS}
local threads = {}
hits = 0
misses = 0

function setup(thread)
    thread:set("number", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    math.randomseed(os.time() * 100 + number)
end

function request()
    return wrk.format("GET", paths[math.random(#paths)], {["Connection"] = "close"})
end

function response(status, headers, body)
    if headers["X-Cache"] == "hit" then
        hits = hits + 1
    elseif headers["X-Cache"] == "miss" then
        misses = misses + 1
    end
end

function done(summary, latency, requests)
    local hit, miss = 0, 0
    for _, thread in ipairs(threads) do
        hit = hit + thread:get("hits")
        miss = miss + thread:get("misses")
    end
    io.write(string.format("X-Cache: %d hit, %d miss\n", hit, miss))
end
