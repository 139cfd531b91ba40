using System.Collections.Concurrent;
using WireMock.Models;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The queue WireMock drains into a streaming response; each item is written and flushed as it comes.</summary>
internal sealed class SseQueue : IBlockingQueue<string?>
{
    private readonly BlockingCollection<string?> _items = [];
    private volatile bool _failed;

    public void Write(string? item)
    {
        if (item is not null && !_items.IsAddingCompleted)
        {
            _items.Add(item);
        }
    }

    public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? item)
    {
        if (_items.TryTake(out item, Timeout.Infinite) && item is not null)
        {
            return true;
        }

        // Throwing while WireMock writes the body is the only way to make it abort a response that has started.
        return _failed ? throw new IOException("The fake server dropped the connection (scripted fault).") : false;
    }

    public void Close() => _items.CompleteAdding();

    /// <summary>Ends the queue so that its reader fails instead of finishing the body.</summary>
    public void Fail()
    {
        _failed = true;
        _items.CompleteAdding();
    }
}
