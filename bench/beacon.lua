-- wrk script: every request is the view beacon of a different reader (its own browser
-- string), so each one must add a view. ARTICLE_ID is set by bench/run.py.
local threads = {}
local counter = 0

function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

function request()
    counter = counter + 1
    local headers = {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader/" .. id .. "-" .. counter,
        ["Connection"] = "close",
    }
    return wrk.format("POST", "/views/", headers, "page=ARTICLE_ID")
end
