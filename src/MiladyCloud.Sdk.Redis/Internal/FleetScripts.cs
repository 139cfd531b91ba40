namespace MiladyCloud.Sdk.Redis.Internal;

/// <summary>
/// The Lua scripts that run <c>SharedCounterModel</c>'s algorithm (the server's, see docs/rate-limits.md) on the
/// fleet's state in Redis, each one atomic. Times are Unix milliseconds of the callers' clocks; durations are
/// milliseconds. KEYS: 1 sliding log, 2 fleet calls, 3 fixed window, 4 state, 5 route hold, 6 preset hold.
/// Every key expires on its own: nothing outlives the horizon of the longest window without being used.
/// </summary>
internal static class FleetScripts
{
    /// <summary>
    /// Asks for a call. ARGV: now, window, limit, margin, member, mode (0 acquire: count when allowed; 1 count whatever
    /// the state says; 2 only look), horizon, tail (how long the server keeps its log after the last call), preset name.
    /// The margin grows by the spread of the preset's calls' travel times the answers revealed within the last window.
    /// Returns {wait, reason (0 none, 1 counter, 2 hold), limit, remaining, reset, policy, at}.
    /// </summary>
    public const string Acquire = """
        local now, window, limit, margin = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local mode, horizon, tail, name = ARGV[6], tonumber(ARGV[7]), tonumber(ARGV[8]), ARGV[9]
        local state = redis.call('HMGET', KEYS[4], 'policy', 'logexp', 'limit', 'remaining', 'reset', 'rpolicy', 'at')
        local spread = redis.call('HMGET', KEYS[4], 'lmax:' .. name, 'lmin:' .. name, 'lexp:' .. name)
        local policy = state[1] or 'redis'
        -- How much the calls' travel times to the server (and the replicas' clocks) differed lately: a call must not
        -- reach the server before the one it replaces has aged out there, however quickly it travels.
        if tonumber(spread[3] or '0') > now then margin = margin + tonumber(spread[1]) - tonumber(spread[2]) end
        -- The server forgets its sliding log when it expires (a window and 10 s after its last call): so does the fleet.
        if tonumber(state[2] or '0') <= now then redis.call('DEL', KEYS[1]) end

        local wait, reason = 0, 0
        for i = 5, 6 do
          local holdUntil = tonumber(redis.call('GET', KEYS[i]) or '0')
          if holdUntil - now > wait then wait, reason = holdUntil - now, 2 end
        end

        local counter = 0
        if policy == 'in-memory' then
          local w = redis.call('HMGET', KEYS[3], 'count', 'reset')
          local count, reset = tonumber(w[1] or '0'), tonumber(w[2] or '0')
          if now <= reset and count >= limit then counter = reset - now + margin + 1 end
        else
          local from = '(' .. (now - window - margin)
          local n = redis.call('ZCOUNT', KEYS[1], from, '+inf')
          if n >= limit then
            -- Enough calls must age out that fewer than the limit remain.
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', n - limit, 1)
            counter = tonumber(due[2]) + window + margin - now + 1
          end
        end
        if counter > wait then wait, reason = counter, 1 end

        if mode == '2' or (mode == '0' and wait > 0) then
          return {wait, reason, state[3], state[4], state[5], state[6], state[7]}
        end

        local w = redis.call('HMGET', KEYS[3], 'count', 'reset')
        local count, reset = tonumber(w[1] or '0'), tonumber(w[2] or '0')
        if now > reset then count, reset = 0, now + window end
        redis.call('HSET', KEYS[3], 'count', count + 1, 'reset', reset)
        redis.call('PEXPIRE', KEYS[3], horizon)

        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window - margin)
        redis.call('ZADD', KEYS[1], now, ARGV[5])
        redis.call('PEXPIRE', KEYS[1], horizon)
        redis.call('HSET', KEYS[4], 'logexp', now + window + margin + tail)
        redis.call('PEXPIRE', KEYS[4], horizon)

        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - horizon)
        redis.call('ZADD', KEYS[2], now, ARGV[5])
        redis.call('PEXPIRE', KEYS[2], horizon)
        return {0, 0, state[3], state[4], state[5], state[6], state[7]}
        """;

    /// <summary>
    /// Learns from an answer. ARGV: 1 sentAt, 2 receivedAt, 3 window, 4 limit, 5 correct the counter (1/0),
    /// 6 remaining, 7 reset ('' when unknown), 8 policy (''), 9 rejected (1/0), 10 route hold until (0: none),
    /// 11 preset hold until (0), 12 member prefix, 13 grace, 14 margin, 15 tail, 16 horizon, 17 headers present (1/0),
    /// 18 reported limit (''), 19 reported remaining (''), 20 travel time to the server plus the window ('' when unknown),
    /// 21 preset name (the spread is kept per preset: the window in ARGV[20] is the same only within one).
    /// Returns {limit, remaining, reset, policy, at} of the newest report.
    /// </summary>
    public const string Record = """
        local sentAt, receivedAt = tonumber(ARGV[1]), tonumber(ARGV[2])
        local grace, margin, tail, horizon = tonumber(ARGV[13]), tonumber(ARGV[14]), tonumber(ARGV[15]), tonumber(ARGV[16])
        local serverReset = tonumber(ARGV[7])

        if ARGV[17] == '1' then
          if receivedAt >= tonumber(redis.call('HGET', KEYS[4], 'at') or '-1') then
            redis.call('HSET', KEYS[4], 'at', receivedAt, 'limit', ARGV[18], 'remaining', ARGV[19], 'reset', ARGV[7], 'rpolicy', ARGV[8])
          end
          if ARGV[8] ~= '' then redis.call('HSET', KEYS[4], 'policy', string.lower(ARGV[8])) end
          redis.call('PEXPIRE', KEYS[4], horizon)
        end

        for i = 5, 6 do
          local holdUntil = tonumber(ARGV[i + 5])
          if holdUntil > 0 and holdUntil > tonumber(redis.call('GET', KEYS[i]) or '0') then
            redis.call('SET', KEYS[i], holdUntil, 'PX', math.max(1, holdUntil - receivedAt) + tail)
          end
        end

        if ARGV[20] ~= '' then
          -- This call's travel time to the server plus the window (and the clocks' difference): only the spread matters.
          local travel, name = tonumber(ARGV[20]), ARGV[21]
          local l = redis.call('HMGET', KEYS[4], 'lmax:' .. name, 'lmin:' .. name, 'lexp:' .. name)
          if tonumber(l[3] or '0') <= receivedAt then
            redis.call('HSET', KEYS[4], 'lmax:' .. name, travel, 'lmin:' .. name, travel)
          else
            redis.call('HSET', KEYS[4], 'lmax:' .. name, math.max(travel, tonumber(l[1])), 'lmin:' .. name, math.min(travel, tonumber(l[2])))
          end
          redis.call('HSET', KEYS[4], 'lexp:' .. name, receivedAt + tonumber(ARGV[3]))
          redis.call('PEXPIRE', KEYS[4], horizon)
        end

        if ARGV[5] == '1' then
          local window, limit, remaining = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[6])
          local rejectedByCounter = ARGV[9] == '1' and remaining <= 0
          -- Including the call just answered; with nothing remaining at least the limit (more when refused).
          local counted = limit
          if remaining > 0 then counted = limit - remaining elseif rejectedByCounter then counted = limit + 1 end
          local exact = remaining > 0 or not rejectedByCounter
          local policy = redis.call('HGET', KEYS[4], 'policy') or 'redis'
          if policy == 'in-memory' then
            -- Calls the fleet made after this one are not in the server's count yet. The count is only ever raised
            -- within a window: a call sent before this one may still be on its way to the server.
            local counting = counted + redis.call('ZCOUNT', KEYS[2], '(' .. sentAt, '+inf')
            local w = redis.call('HMGET', KEYS[3], 'count', 'reset')
            local count, reset = tonumber(w[1] or '0'), tonumber(w[2] or '0')
            if serverReset and serverReset > receivedAt and serverReset ~= reset then
              -- The server's current window: it replaces the one the fleet opened.
              redis.call('HSET', KEYS[3], 'count', counting, 'reset', serverReset)
            elseif (not serverReset or serverReset == reset) and counting > count then
              redis.call('HSET', KEYS[3], 'count', counting)
            end
            redis.call('PEXPIRE', KEYS[3], horizon)
          else
            local seen = redis.call('ZCOUNT', KEYS[1], '(' .. (sentAt - window - margin), sentAt)
            if seen < counted then
              -- Calls from elsewhere: their times are unknown, so they are placed as late as possible (they expire last).
              for i = 1, counted - seen do redis.call('ZADD', KEYS[1], sentAt, ARGV[12] .. i) end
            elseif exact then
              -- Calls counted here that the server never saw. Only those well inside the window and older than any
              -- call still on its way are judged, so no call in flight is ever dropped.
              local from, to = '(' .. (sentAt - window + margin), sentAt - grace
              local settled = redis.call('ZCOUNT', KEYS[1], from, to)
              if settled > counted then
                redis.call('ZREM', KEYS[1], unpack(redis.call('ZRANGEBYSCORE', KEYS[1], from, to, 'LIMIT', 0, settled - counted)))
              end
            end
            local logexp = sentAt + window + margin + tail
            if logexp > tonumber(redis.call('HGET', KEYS[4], 'logexp') or '0') then redis.call('HSET', KEYS[4], 'logexp', logexp) end
            redis.call('PEXPIRE', KEYS[1], horizon)
            redis.call('PEXPIRE', KEYS[4], horizon)
          end
        end

        return redis.call('HMGET', KEYS[4], 'limit', 'remaining', 'reset', 'rpolicy', 'at')
        """;
}
