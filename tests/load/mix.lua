-- tests/load/mix.lua: the visitors of `make load` (tests/load/run), for wrk.
--
-- wrk runs one connection per thread (-t N -c N), so each thread's Lua
-- state is one visitor on one connection, doing what a browser does:
--   page view  GET one of the public pages (home, arenas, the arena, its
--              dialogue, the opinion map, proposals, local life,
--              associations, search);
--   vote       GET the dialogue (its card gives a statement and the form's
--              CSRF token; the first GET also sets the signed CSRF cookie),
--              POST agree/disagree/pass, follow the 303 back to the
--              dialogue (the next card); when there is no statement left
--              the visitor leaves and a new one (no cookies) comes;
--   sign-up    GET the activity, POST the guest form (a name and an
--              address of its own), follow the 303 ("we mailed you a link").
-- Each response is checked against what that step expects (200 for a page,
-- 303 to the right place for a vote or sign-up); anything else counts as an
-- error of its kind. done() prints the figures and one machine-readable
-- line, "load-result key=value ...", for tests/load/run.
--
--   wrk ... -s tests/load/mix.lua URL -- ARENA ACTIVITY PROPOSALS_ARENA RUN

local kinds = { "home", "arenas", "arena", "dialogue", "opinion", "proposals", "local-life",
                "associations", "search", "vote", "activity", "signup" }

-- wrk.init(args) runs in every thread's state; setup(thread) numbers them.
local arena, activity, proposals_arena, run
local pages
local counter = 0
local threads = {}

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

-- Per thread (per connection): counts (globals, for done()'s thread:get),
-- and the visitor.
count, bad, ack, bad_status, visitors = {}, {}, {}, {}, 0
local cookies = {}
local token, statement
local queue = {}
local pending            -- the step of the request in flight
local signups = 0

function init(args)
   arena, activity, proposals_arena, run = args[1], args[2], args[3], args[4]
   pages = {
      { "home", "/" },
      { "arenas", "/arenas" },
      { "arena", "/arenas/" .. arena },
      { "dialogue", "/arenas/" .. arena .. "/dialogue" },
      { "opinion", "/arenas/" .. arena .. "/opinion" },
      { "proposals", "/arenas/" .. proposals_arena .. "/proposals" },
      { "local-life", "/local-life" },
      { "associations", "/associations" },
      { "search", "/search?q=integration" },
      { "search", "/search?q=f%C3%A6llesspisning" },
   }
   for _, k in ipairs(kinds) do
      count[k], bad[k], ack[k] = 0, 0, 0
   end
   math.randomseed(os.time() * 1000 + (id or 0))
   visitors = 1
end

local function cookie_header()
   local parts = {}
   for name, value in pairs(cookies) do
      table.insert(parts, name .. "=" .. value)
   end
   return table.concat(parts, "; ")
end

local function urlencode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- The next action's steps: 60 % page views, 30 % votes, 10 % sign-ups.
local function plan()
   local x = math.random()
   if x < 0.6 then
      local p = pages[math.random(#pages)]
      table.insert(queue, { kind = p[1], path = p[2] })
   elseif x < 0.9 then
      if not (token and statement) then
         table.insert(queue, { kind = "dialogue", path = "/arenas/" .. arena .. "/dialogue", card = true })
      end
      table.insert(queue, { kind = "vote" })
      table.insert(queue, { kind = "dialogue", path = "/arenas/" .. arena .. "/dialogue", card = true })
   else
      local path = "/arenas/" .. arena .. "/activities/" .. activity
      table.insert(queue, { kind = "activity", path = path })
      table.insert(queue, { kind = "signup" })
      table.insert(queue, { kind = "activity", path = path .. "?done=guest-sent" })
   end
end

-- wrk calls request() again for a step when its connection was lost before
-- the answer: the step is sent again (wrk counts the socket error).
function request()
   if #queue == 0 then
      plan()
   end
   pending = queue[1]
   local headers = { ["Accept-Language"] = "da" }
   local c = cookie_header()
   if c ~= "" then
      headers["Cookie"] = c
   end
   if pending.kind == "vote" then
      -- A step planned before the card was known (or after it ran out).
      if not (token and statement) then
         pending = { kind = "dialogue", path = "/arenas/" .. arena .. "/dialogue", card = true }
         table.insert(queue, 1, pending)
         return wrk.format("GET", pending.path, headers)
      end
      local choices = { "agree", "disagree", "pass" }
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      pending.statement = statement
      return wrk.format("POST", "/arenas/" .. arena .. "/dialogue/vote", headers,
                        "csrf=" .. urlencode(token) .. "&statement=" .. statement ..
                        "&vote=" .. choices[math.random(3)])
   elseif pending.kind == "signup" then
      if not token then
         pending = { kind = "activity", path = "/arenas/" .. arena .. "/activities/" .. activity }
         table.insert(queue, 1, pending)
         return wrk.format("GET", pending.path, headers)
      end
      if not pending.email then
         signups = signups + 1
         pending.email = string.format("load-%s-%d-%d@example.org", run, id, signups)
      end
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      return wrk.format("POST", "/arenas/" .. arena .. "/activities/" .. activity .. "/guest", headers,
                        "csrf=" .. urlencode(token) .. "&name=" .. urlencode("Load Gæst " .. id) ..
                        "&email=" .. urlencode(pending.email) .. "&interpreter=&other_needs=")
   end
   return wrk.format("GET", pending.path, headers)
end

local function take_cookie(headers)
   local set = headers["Set-Cookie"] or headers["set-cookie"]
   if set then
      local name, value = set:match("^([^=;]+)=([^;]*)")
      if name then
         cookies[name] = value
      end
   end
end

local function fail(kind, status)
   bad[kind] = bad[kind] + 1
   local key = kind .. ":" .. status
   bad_status[key] = (bad_status[key] or 0) + 1
end

function response(status, headers, body)
   local step = pending
   if step == nil then
      return
   end
   pending = nil
   table.remove(queue, 1)
   local kind = step.kind
   count[kind] = count[kind] + 1
   take_cookie(headers)
   local location = headers["Location"] or ""
   if kind == "vote" then
      statement = nil
      if status == 303 and location:find("/dialogue", 1, true) then
         ack.vote = ack.vote + 1
      else
         fail(kind, status)
      end
   elseif kind == "signup" then
      if status == 303 and location:find("done=guest-sent", 1, true) then
         ack.signup = ack.signup + 1
      else
         fail(kind, status)
      end
   elseif status ~= 200 then
      fail(kind, status)
   else
      local t = body:match('name="csrf" value="([^"]+)"')
      if t then
         token = t
      end
      if step.card then
         -- The card (not the forms that change one's earlier votes).
         local card = body:match('<section[^>]-id="card".-</section>') or ""
         statement = card:match('name="statement" value="(%d+)"')
         if statement == nil then
            -- Every statement voted on: this visitor leaves, a new one
            -- (without cookies: a new participant) comes.
            cookies, token = {}, nil
            visitors = visitors + 1
         end
      end
   end
end

function done(summary, latency, requests)
   local total = { count = {}, bad = {}, ack = {}, status = {} }
   local visits = 0
   for _, k in ipairs(kinds) do
      total.count[k], total.bad[k], total.ack[k] = 0, 0, 0
   end
   for _, t in ipairs(threads) do
      local c, b, a, s = t:get("count"), t:get("bad"), t:get("ack"), t:get("bad_status")
      for _, k in ipairs(kinds) do
         total.count[k] = total.count[k] + c[k]
         total.bad[k] = total.bad[k] + b[k]
         total.ack[k] = total.ack[k] + a[k]
      end
      for key, n in pairs(s) do
         total.status[key] = (total.status[key] or 0) + n
      end
      visits = visits + t:get("visitors")
   end
   local e = summary.errors
   local socket = e.connect + e.read + e.write + e.timeout
   local http = 0
   io.write("requests by kind (answered, wrong answers):\n")
   for _, k in ipairs(kinds) do
      io.write(string.format("  %-13s %8d %6d\n", k, total.count[k], total.bad[k]))
      http = http + total.bad[k]
   end
   for key, n in pairs(total.status) do
      io.write(string.format("  wrong answer %s: %d\n", key, n))
   end
   io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
                          e.connect, e.read, e.write, e.timeout))
   io.write(string.format("visitors: %d (a new one each time one has voted on every statement)\n", visits))
   local secs = summary.duration / 1e6
   io.write(string.format(
      "load-result requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.1f " ..
      "socket_errors=%d http_errors=%d votes=%d signups=%d kinds_seen=%d\n",
      summary.requests, secs, summary.requests / secs, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, socket, http, total.ack.vote, total.ack.signup,
      (function()
         local n = 0
         for _, k in ipairs(kinds) do
            if total.count[k] > 0 then n = n + 1 end
         end
         return n
      end)()))
end
