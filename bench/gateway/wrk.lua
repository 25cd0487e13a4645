-- The requests of bench/gateway/run.sh, one script for every scenario:
--   wrk -t THREADS -s wrk.lua URL -- MODE KEY OFFSET PATH RUN THREADS
-- MODE: get      the same GET of PATH on every request (cached offers, hotels, a reservation)
--       uncached GET /v1/hotels/BER/offers with a stay no other request of the run asks for
--                (arrival 1..1500 days ahead, 1..14 nights, 1 or 2 adults), so the gateway's
--                30 s offer cache never answers
--       book     POST /v1/hotels/{BER,ZRH}/reservations, one night each, unique
--                Idempotency-Key and night per request (a night holds 10 double rooms)
-- PATH: the GET's path (mode get); RUN: a tag in the idempotency keys; THREADS: wrk's -t.
-- OFFSET: where this run's sequence starts, so that runs against the same gateway never
--         repeat a stay or a key (run.sh adds each run's request count to it).
-- done() prints one machine-readable line: "RESULT requests secs rps p50_ms p99_ms errors".

local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local mode, key, offset, path, run, nthreads, n, t0
local base_headers

function init(args)
  mode = args[1] or "get"
  key = args[2] or ""
  offset = tonumber(args[3] or "0")
  path = args[4] or "/v1/hotels"
  run = args[5] or "run"
  nthreads = tonumber(args[6] or "1")
  n = 0
  t0 = os.time()
  base_headers = { ["Authorization"] = "Bearer " .. key }
end

local function day(d)
  return os.date("!%Y-%m-%d", t0 + d * 86400)
end

-- The i-th request of this thread in the run's sequence (threads interleave).
local function next_index()
  local i = offset + id + n * nthreads
  n = n + 1
  return i
end

local static_request

function request()
  if mode == "get" then
    if not static_request then
      static_request = wrk.format("GET", path, base_headers)
    end
    return static_request
  elseif mode == "uncached" then
    local i = next_index()
    local arrival = 1 + i % 1500
    local nights = 1 + math.floor(i / 1500) % 14
    local adults = 1 + math.floor(i / 21000) % 2
    local p = string.format("/v1/hotels/BER/offers?arrival=%s&departure=%s&adults=%d",
      day(arrival), day(arrival + nights), adults)
    return wrk.format("GET", p, base_headers)
  else
    local i = next_index()
    local hotel = (i % 2 == 0) and "BER" or "ZRH"
    local arrival = 1 + math.floor(i / 2) % 700
    local body = string.format(
      '{"arrival":"%s","departure":"%s","adults":2,"room_type":"%s-DBL",' ..
      '"rate_plan":"%s-FLEX-DBL","guest":{"first_name":"Bench","last_name":"Guest",' ..
      '"email":"bench@example.com"}}',
      day(arrival), day(arrival + 1), hotel, hotel)
    local headers = {
      ["Authorization"] = "Bearer " .. key,
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = string.format("bench-%s-%d", run, i),
    }
    return wrk.format("POST", "/v1/hotels/" .. hotel .. "/reservations", headers, body)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %d %.3f %.1f %.3f %.3f %d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
