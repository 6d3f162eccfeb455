-- Every request submits the exercise's reference as the next learner (tokens round-robin per thread).
local tokens = {}
local index, counter, body = 0, 0, nil

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

function init(args)
  for line in io.lines(os.getenv("CAMPUS_BENCH_PRACTICE_TOKENS")) do table.insert(tokens, line) end
  body = io.open(os.getenv("CAMPUS_BENCH_PRACTICE_BODY")):read("*a")
  index = tonumber(offset) or 1
end

function request()
  index = index % #tokens + 1
  return wrk.format("POST", "/api/v1/practices/practice:bench-sql/submit",
                    {["Authorization"] = "Bearer " .. tokens[index], ["Content-Type"] = "application/json"}, body)
end
