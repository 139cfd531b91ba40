namespace MiladyCloud.Sdk.Internal.RateLimiting;

/// <summary>
/// Call times in ascending order (UTC ticks), dropped from the front as they age out and capped to the newest
/// <see cref="Capacity"/> entries. Calls arrive almost always in order, so adding is an append, and every question the
/// rate-limit model asks (how many since, the n-th newest) is a binary search: no scan, no allocation per call.
/// Not thread-safe.
/// </summary>
internal sealed class CallLog(int capacity)
{
    private readonly List<long> _ticks = [];

    /// <summary>Where the live entries start in <see cref="_ticks"/>: dropping from the front only moves it.</summary>
    private int _head;

    /// <summary>How many entries are kept at most; the oldest go first.</summary>
    public int Capacity { get; set; } = capacity;

    /// <summary>The number of entries.</summary>
    public int Count => _ticks.Count - _head;

    /// <summary>The entry at <paramref name="index"/>, the oldest being 0.</summary>
    public DateTimeOffset this[int index] => new(_ticks[_head + index], TimeSpan.Zero);

    /// <summary>Adds a call at <paramref name="time"/>, in order.</summary>
    public void Add(DateTimeOffset time, int copies = 1)
    {
        var ticks = time.UtcTicks;
        var at = _ticks.Count;
        while (at > _head && _ticks[at - 1] > ticks)
        {
            at--;
        }

        for (var i = 0; i < copies; i++)
        {
            _ticks.Insert(at, ticks);
        }

        if (Count > Capacity)
        {
            _head += Count - Capacity;
        }

        Compact();
    }

    /// <summary>Drops every entry at or before <paramref name="time"/>.</summary>
    public void DropUntil(DateTimeOffset time)
    {
        _head = IndexAfter(time.UtcTicks);
        Compact();
    }

    /// <summary>How many entries are later than <paramref name="time"/>.</summary>
    public int CountAfter(DateTimeOffset time) => _ticks.Count - IndexAfter(time.UtcTicks);

    /// <summary>How many entries are in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    public int CountBetween(DateTimeOffset from, DateTimeOffset to)
        => Math.Max(0, IndexAfter(to.UtcTicks) - IndexAfter(from.UtcTicks));

    /// <summary>Removes the <paramref name="count"/> oldest entries later than <paramref name="from"/>.</summary>
    public void RemoveOldestAfter(DateTimeOffset from, int count)
    {
        var start = IndexAfter(from.UtcTicks);
        _ticks.RemoveRange(start, Math.Min(count, _ticks.Count - start));
    }

    /// <summary>The index in <see cref="_ticks"/> of the first live entry later than <paramref name="ticks"/>.</summary>
    private int IndexAfter(long ticks)
    {
        int low = _head, high = _ticks.Count;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (_ticks[middle] <= ticks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Gives back the dropped front once it is the larger part, so the list never grows with dead entries.</summary>
    private void Compact()
    {
        if (_head > 64 && _head * 2 > _ticks.Count)
        {
            _ticks.RemoveRange(0, _head);
            _head = 0;
        }
    }
}
