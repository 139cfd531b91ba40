using System.Collections.Concurrent;
using WireMock.Models;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The queue WireMock drains into a streaming response; each item is written and flushed as it comes.</summary>
internal sealed class SseQueue : IBlockingQueue<string?>
{
    private readonly BlockingCollection<string?> _items = [];

    public void Write(string? item)
    {
        if (item is not null && !_items.IsAddingCompleted)
        {
            _items.Add(item);
        }
    }

    public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? item) => _items.TryTake(out item, Timeout.Infinite);

    public void Close() => _items.CompleteAdding();
}
