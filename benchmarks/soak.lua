-- A learner taking a quiz: each request reads one of the prepared attempts in progress or saves its
-- answers (the autosave a taking page sends), alternating, spread over every prepared attempt.
local lines = {}
local index, step = 0, 1
local counter = 0
local save = false

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
  index = index + step
  if index > #lines then index = (index % step) + 1 end
  local token, path, body = lines[index]:match("^(%S+) (%S+) (.*)$")
  local attempt = path:gsub("/submit$", "")
  save = not save
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  if save then return wrk.format("PUT", attempt .. "/answers", headers, body) end
  return wrk.format("GET", attempt, headers)
end
