-- Each request submits the next prepared attempt; threads take interleaved lines so none repeats.
local lines = {}
local index, step = 0, 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

function init(args)
  for line in io.lines(os.getenv("CAMPUS_BENCH_ATTEMPTS")) do table.insert(lines, line) end
  index = tonumber(offset) or 1
  step = tonumber(os.getenv("CAMPUS_BENCH_THREADS") or "2")
end

function request()
  local line = lines[index]
  index = index + step
  -- Every prepared attempt is submitted: what follows is a 404, which run.sh does not count as a submit.
  if line == nil then return wrk.format("GET", "/api/v1/benchmark-attempts-exhausted") end
  local token, path, body = line:match("^(%S+) (%S+) (.*)$")
  return wrk.format("POST", path, {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
