namespace MiladyCloud.Sdk.Testing;

/// <summary>The fault script of a <see cref="MiladyCloudFakeServer"/>: queued faults and an exhaustible rate-limit window.</summary>
public sealed class FakeFaults
{
    private readonly object _gate = new();
    private readonly List<(FakeFault Fault, string? PathContains, int Remaining)> _queue = [];
    private int? _windowBudget;
    private TimeSpan _windowLength = TimeSpan.FromSeconds(60);
    private int _windowUsed;

    internal FakeFaults()
    {
    }

    /// <summary>
    /// Applies <paramref name="fault"/> to the next <paramref name="times"/> matching requests (in order of queueing).
    /// Stream faults only match streaming requests.
    /// </summary>
    /// <param name="fault">The fault.</param>
    /// <param name="pathContains">Only requests whose path contains this text, for example <c>/messages</c>; any when <see langword="null"/>.</param>
    /// <param name="times">How many requests it applies to.</param>
    /// <returns>This script, for chaining.</returns>
    public FakeFaults Enqueue(FakeFault fault, string? pathContains = null, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            _queue.Add((fault, pathContains, times));
        }

        return this;
    }

    /// <summary>
    /// Lets <paramref name="requests"/> rate-limited requests through, then answers 429 with <c>X-RateLimit-Remaining: 0</c>
    /// until the window (by the server's clock) ends.
    /// </summary>
    /// <param name="requests">Requests allowed in the window.</param>
    /// <param name="window">The window length; 60 seconds when omitted.</param>
    /// <returns>This script, for chaining.</returns>
    public FakeFaults ExhaustWindowAfter(int requests, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        lock (_gate)
        {
            _windowBudget = requests;
            _windowLength = window ?? TimeSpan.FromSeconds(60);
            _windowUsed = 0;
        }

        return this;
    }

    /// <summary>Removes every queued fault and the window limit.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _windowBudget = null;
            _windowUsed = 0;
        }
    }

    internal FakeFault? Take(string path, bool isStream)
    {
        lock (_gate)
        {
            for (var i = 0; i < _queue.Count; i++)
            {
                var (fault, pathContains, remaining) = _queue[i];
                var pathMatches = pathContains is null || path.Contains(pathContains, StringComparison.Ordinal);
                var kindMatches = isStream || !fault.IsStreamFault;
                if (!pathMatches || !kindMatches)
                {
                    continue;
                }

                if (remaining == 1)
                {
                    _queue.RemoveAt(i);
                }
                else
                {
                    _queue[i] = (fault, pathContains, remaining - 1);
                }

                return fault;
            }

            return null;
        }
    }

    /// <summary>Counts one rate-limited request; returns the window's limit and what is left (negative: over).</summary>
    /// <summary>Whether <see cref="ExhaustWindowAfter"/> scripted a window (it replaces the server's limiter while set).</summary>
    internal bool HasScriptedWindow
    {
        get
        {
            lock (_gate)
            {
                return _windowBudget is not null;
            }
        }
    }

    internal (int Limit, int Remaining, TimeSpan Length) CountInWindow(int defaultLimit)
    {
        lock (_gate)
        {
            _windowUsed++;
            var limit = _windowBudget ?? defaultLimit;
            return (limit, limit - _windowUsed, _windowLength);
        }
    }

    internal void ResetWindow()
    {
        lock (_gate)
        {
            _windowUsed = 0;
        }
    }
}
