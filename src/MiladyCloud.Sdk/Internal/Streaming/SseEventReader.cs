using System.Buffers;
using System.Text;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Reads server-sent events (the WHATWG event-stream format) from a body and decodes each into a frame, holding at
/// most one event's data in memory: lines are processed as their bytes arrive, so a line never has to fit in a buffer,
/// and an event whose data grows past the limit fails at the limit with <see cref="MiladyCloudResponseTooLargeException"/>.
/// A body that cannot be decompressed is a format error. Events already buffered are taken and decoded synchronously;
/// only a read that has to wait goes async. Every line received (a comment such as <c>: keep-alive</c> included) is
/// reported through <c>onLine</c>, so the caller's silence deadlines measure silence and not the gap between events.
/// </summary>
internal sealed class SseEventReader<T> : IAsyncDisposable
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';
    private const string DefaultEventType = "message";

    /// <summary>Reads never ask for more; lines longer than this are processed in parts.</summary>
    private const int ReadSize = 16 * 1024;

    /// <summary>An event name longer than this is no name any decoder knows: the rest is dropped, never buffered.</summary>
    private const int MaxEventName = 128;

    /// <summary>Data buffers up to this size come from the pool; larger ones are allocated at their exact size.</summary>
    private const int MaxPooledData = 1024 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private readonly IStreamDecoder<T> _decoder;
    private readonly long _maxEventBytes;
    private readonly Action? _onLine;
    private readonly byte[] _fieldName = new byte[5];
    private readonly byte[] _eventName = new byte[MaxEventName];
    private readonly byte[] _lastEventName = new byte[MaxEventName];

    // The read buffer and what of it is still to be processed.
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
    private int _position;
    private int _end;
    private bool _eof;
    private bool _bomChecked;

    // Where the current line stands; a line may end in one read and continue in the next.
    private LineState _state;
    private int _fieldNameLength;
    private bool _fieldNameTooLong;
    private bool _skipSpace;
    private bool _afterCR;

    // The event being built.
    private byte[]? _data;
    private int _dataLength;
    private bool _dataAppended;
    private int _eventNameLength;
    private int _lastEventNameLength;
    private string? _lastEventType;

    public SseEventReader(Stream stream, IStreamDecoder<T> decoder, long maxEventBytes, Action? onLine)
    {
        _stream = stream;
        _decoder = decoder;
        _maxEventBytes = maxEventBytes;
        _onLine = onLine;
    }

    private enum LineState
    {
        LineStart,
        FieldName,
        Data,
        EventName,
        Ignored,
    }

    /// <summary>The frame of the event most recently read.</summary>
    public StreamFrame<T> Current { get; private set; }

    /// <summary>Reads to the next event; <see langword="false"/> at the end of the body (an event cut off by it is dropped, as the format says).</summary>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeEvent())
            {
                return new ValueTask<bool>(true);
            }

            if (_eof)
            {
                return new ValueTask<bool>(false);
            }

            var read = StartRead(cancellationToken);
            if (!read.IsCompletedSuccessfully)
            {
                return WaitForReadAsync(read, cancellationToken);
            }

            Received(read.Result);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        ReturnData();
        return default;
    }

    private async ValueTask<bool> WaitForReadAsync(ValueTask<int> read, CancellationToken cancellationToken)
    {
        while (true)
        {
            Received(await Completed(read).ConfigureAwait(false));
            if (TryTakeEvent())
            {
                return true;
            }

            if (_eof)
            {
                return false;
            }

            read = StartRead(cancellationToken);
        }
    }

    private ValueTask<int> StartRead(CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(SseEventReader<T>));
        if (_position == _end)
        {
            _position = _end = 0;
        }

        try
        {
            return _stream.ReadAsync(buffer.AsMemory(_end), cancellationToken);
        }
        catch (Exception ex) when (BodyDecoding.IsCorruptBody(ex))
        {
            throw BodyDecoding.CorruptBody($"The {_decoder.StreamName} stream", ex);
        }
    }

    private async ValueTask<int> Completed(ValueTask<int> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception ex) when (BodyDecoding.IsCorruptBody(ex))
        {
            throw BodyDecoding.CorruptBody($"The {_decoder.StreamName} stream", ex);
        }
    }

    private void Received(int count)
    {
        _end += count;
        _eof = count == 0;
    }

    /// <summary>Processes the buffered bytes until an event is complete (then <see cref="Current"/> is set) or they run out.</summary>
    private bool TryTakeEvent()
    {
        if (!_bomChecked && !SkipBom())
        {
            return false;
        }

        while (_position < _end)
        {
            if (_afterCR)
            {
                // CR LF is one line end; a CR alone is one too.
                _afterCR = false;
                if (_buffer![_position] == LF)
                {
                    _position++;
                    continue;
                }
            }

            if (Step())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One step of the line state machine over the buffered bytes; true when it completed an event.</summary>
    private bool Step()
    {
        var available = _buffer.AsSpan(_position, _end - _position);
        switch (_state)
        {
            case LineState.LineStart:
                return TakeWholeLine(available) ?? StartLine(available[0]);
            case LineState.FieldName:
                ReadFieldName(available);
                return false;
            default:
                ReadValue(available);
                return false;
        }
    }

    /// <summary>
    /// The usual case, a whole <c>data:</c> line already buffered, in one pass (<see langword="null"/>: take the general
    /// path, byte run by byte run). The result says whether the line completed an event, which a data line never does.
    /// </summary>
    private bool? TakeWholeLine(ReadOnlySpan<byte> available)
    {
        if (!available.StartsWith("data:"u8))
        {
            return null;
        }

        var end = available.IndexOfAny(CR, LF);
        if (end < 0)
        {
            return null;
        }

        var value = available[5..end];
        value = !value.IsEmpty && value[0] == (byte)' ' ? value[1..] : value;
        AppendData(value, lineEnd: true);
        _dataAppended = true;
        _position += end + 1;
        _afterCR = available[end] == CR;
        _onLine?.Invoke();
        return false;
    }

    private bool StartLine(byte first)
    {
        if (first is CR or LF)
        {
            _position++;
            _afterCR = first == CR;
            _onLine?.Invoke();
            return Dispatch();
        }

        _position += first == (byte)':' ? 1 : 0;
        _state = first == (byte)':' ? LineState.Ignored : LineState.FieldName;
        _fieldNameLength = 0;
        _fieldNameTooLong = false;
        return false;
    }

    private void ReadFieldName(ReadOnlySpan<byte> available)
    {
        var stop = available.IndexOfAny((byte)':', CR, LF);
        var name = stop < 0 ? available : available[..stop];
        if (!_fieldNameTooLong && _fieldNameLength + name.Length <= _fieldName.Length)
        {
            name.CopyTo(_fieldName.AsSpan(_fieldNameLength));
            _fieldNameLength += name.Length;
        }
        else
        {
            _fieldNameTooLong = true;
        }

        _position += name.Length;
        if (stop < 0)
        {
            return;
        }

        _position++;
        var field = Field();
        if (available[stop] == (byte)':')
        {
            _state = field;
            _skipSpace = true;
            _eventNameLength = field == LineState.EventName ? 0 : _eventNameLength;
            return;
        }

        // A line without a colon is a field with an empty value.
        _afterCR = available[stop] == CR;
        _eventNameLength = field == LineState.EventName ? 0 : _eventNameLength;
        EndLine(field);
    }

    private LineState Field()
    {
        var name = _fieldName.AsSpan(0, _fieldNameTooLong ? 0 : _fieldNameLength);
        return name.SequenceEqual("data"u8) ? LineState.Data : name.SequenceEqual("event"u8) ? LineState.EventName : LineState.Ignored;
    }

    private void ReadValue(ReadOnlySpan<byte> available)
    {
        if (_skipSpace)
        {
            // One space after the colon belongs to the syntax, not the value.
            _skipSpace = false;
            if (available[0] == (byte)' ')
            {
                _position++;
                return;
            }
        }

        var stop = available.IndexOfAny(CR, LF);
        var value = stop < 0 ? available : available[..stop];
        if (_state == LineState.Data)
        {
            AppendData(value);
        }
        else if (_state == LineState.EventName)
        {
            AppendEventName(value);
        }

        _position += value.Length;
        if (stop >= 0)
        {
            _position++;
            _afterCR = available[stop] == CR;
            EndLine(_state);
        }
    }

    private void EndLine(LineState field)
    {
        if (field == LineState.Data)
        {
            AppendData([], lineEnd: true);
            _dataAppended = true;
        }

        _state = LineState.LineStart;
        _onLine?.Invoke();
    }

    /// <summary>A blank line: the event is complete. Without data it is nothing, but its name still ends with it.</summary>
    private bool Dispatch()
    {
        if (!_dataAppended)
        {
            _eventNameLength = 0;
            return false;
        }

        // The data's last line feed separates lines; it is not part of the data.
        var data = _data.AsSpan(0, _dataLength - 1);
        var type = EventType();
        _dataLength = 0;
        _dataAppended = false;
        _eventNameLength = 0;
        Current = _decoder.Decode(type, data);
        return true;
    }

    /// <summary>The event's name; the previous string is reused when the name repeats (one allocation per new name).</summary>
    private string EventType()
    {
        if (_eventNameLength == 0)
        {
            return DefaultEventType;
        }

        var name = _eventName.AsSpan(0, _eventNameLength);
        if (_lastEventType is { } last && name.SequenceEqual(_lastEventName.AsSpan(0, _lastEventNameLength)))
        {
            return last;
        }

        name.CopyTo(_lastEventName);
        _lastEventNameLength = name.Length;
        return _lastEventType = Encoding.UTF8.GetString(name);
    }

    private void AppendEventName(ReadOnlySpan<byte> value)
    {
        var room = MaxEventName - _eventNameLength;
        value[..Math.Min(room, value.Length)].CopyTo(_eventName.AsSpan(_eventNameLength));
        _eventNameLength += Math.Min(room, value.Length);
    }

    /// <summary>Appends part of a data line, and the line feed that ends it when <paramref name="lineEnd"/>.</summary>
    private void AppendData(ReadOnlySpan<byte> value, bool lineEnd = false)
    {
        var needed = (long)_dataLength + value.Length + (lineEnd ? 1 : 0);
        if (needed > _maxEventBytes + 1)
        {
            // The +1 is the line feed that ends the last data line; it is dropped at dispatch.
            throw BodyDecoding.TooLarge($"An event of the {_decoder.StreamName} stream", _maxEventBytes);
        }

        if (_data is null || needed > _data.Length)
        {
            Grow((int)needed);
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        if (lineEnd)
        {
            _data![_dataLength++] = LF;
        }
    }

    /// <summary>Doubles the data buffer, never beyond the limit: one event costs at most twice the limit while it grows.</summary>
    private void Grow(int needed)
    {
        var size = (int)Math.Min(Math.Max(needed, Math.Max(4096L, (_data?.Length ?? 0) * 2L)), _maxEventBytes + 1);
        var larger = size <= MaxPooledData ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
        _data.AsSpan(0, _dataLength).CopyTo(larger);
        ReturnData();
        _data = larger;
    }

    private void ReturnData()
    {
        if (Interlocked.Exchange(ref _data, null) is { Length: <= MaxPooledData } pooled)
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    /// <summary>Skips a UTF-8 byte order mark at the very start (the format allows one); false while too few bytes have arrived to tell.</summary>
    private bool SkipBom()
    {
        var available = _buffer.AsSpan(_position, _end - _position);
        if (available.Length < Utf8Bom.Length && !_eof && Utf8Bom.AsSpan().StartsWith(available))
        {
            return false;
        }

        _bomChecked = true;
        _position += available.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        return true;
    }
}
