namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Writes a stream's frames into WireMock's queue, applying a stream fault on the way.</summary>
internal sealed class SsePump(SseQueue queue, FakeResponse response, FakeFault? fault, CancellationToken shutdown)
{
    public async Task RunAsync()
    {
        try
        {
            if (fault is { Kind: FakeFaultKind.SlowFirstEvent })
            {
                await Task.Delay(fault.Delay, shutdown).ConfigureAwait(false);
            }

            var events = response.Events!;
            for (var i = 0; i <= events.Count; i++)
            {
                if (fault is not null && fault.AfterEvents == i && await ApplyAsync(fault).ConfigureAwait(false))
                {
                    return;
                }

                if (i < events.Count)
                {
                    queue.Write(events[i]);
                }
            }

            queue.Write(response.TerminalEvent);
            if (response.KeepOpen)
            {
                // Bounded like a stall, so a client that never leaves cannot hold the fake forever.
                await Task.Delay(TimeSpan.FromMinutes(10), shutdown).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The server is shutting down: end the stream.
        }
        finally
        {
            queue.Close();
        }
    }

    /// <summary>Applies the fault at this position; returns <see langword="true"/> when the stream must end here.</summary>
    private async Task<bool> ApplyAsync(FakeFault streamFault)
    {
        switch (streamFault.Kind)
        {
            case FakeFaultKind.StreamCut:
                return true;
            case FakeFaultKind.StreamError:
                queue.Write(response.ErrorEvent?.Invoke(streamFault));
                return true;
            case FakeFaultKind.StreamStall:
                // Silence with the connection open until the server stops (bounded so nothing waits forever).
                await Task.Delay(TimeSpan.FromMinutes(10), shutdown).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }
}
