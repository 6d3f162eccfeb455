-- Each request delivers the next prepared, signed Stripe event ("<Stripe-Signature>\t<body>" per line);
-- threads take interleaved lines so no event repeats. Once a thread's lines are used up it stops.
local lines = {}
local index, step = 0, 1
local counter = 0
local exhausted = false

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

function init(args)
  for line in io.lines(os.getenv("CAMPUS_BENCH_EVENTS")) do table.insert(lines, line) end
  index = tonumber(offset) or 1
  step = tonumber(os.getenv("CAMPUS_BENCH_THREADS") or "2")
end

function request()
  local line = lines[index]
  index = index + step
  if line == nil then
    exhausted = true
    return wrk.format("GET", "/health/live")
  end
  local signature, body = line:match("^([^\t]+)\t(.*)$")
  return wrk.format("POST", "/api/v1/billing/webhooks/stripe", {["Stripe-Signature"] = signature, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if exhausted then wrk.thread:stop() end
end
