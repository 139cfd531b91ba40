using System.Runtime.CompilerServices;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>
/// Where the unknown members of one object lie in the event's bytes (start and end of each), held inline on the stack
/// of the reader reading that object. An object with more unknown members than fit is left to the general path.
/// </summary>
internal struct UnknownSpans
{
    private const int Capacity = 8;

    private Bounds _bounds;

    public int Count { get; private set; }

    public readonly int Start(int i) => _bounds[2 * i];

    public readonly int Length(int i) => _bounds[(2 * i) + 1] - _bounds[2 * i];

    public bool TryAdd(int start, int end)
    {
        if (Count == Capacity)
        {
            return false;
        }

        _bounds[2 * Count] = start;
        _bounds[(2 * Count) + 1] = end;
        Count++;
        return true;
    }

    [InlineArray(2 * Capacity)]
    private struct Bounds
    {
        private int _element;
    }
}
