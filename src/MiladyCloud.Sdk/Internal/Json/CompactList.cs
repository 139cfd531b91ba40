using System.Collections;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>
/// The list behind a hand-read <c>choices</c> or <c>tool_calls</c>: almost always one item, so the item is held
/// inline (one object of 40 bytes instead of a <see cref="List{T}"/> and its array, 64 bytes, on every stream chunk).
/// A second item moves everything into a <see cref="List{T}"/>. A plain mutable list otherwise.
/// </summary>
internal sealed class CompactList<T> : IList<T>, IReadOnlyList<T>
{
    private T _single = default!;
    private bool _hasSingle;
    private List<T>? _list;

    public int Count => _list?.Count ?? (_hasSingle ? 1 : 0);

    public bool IsReadOnly => false;

    public T this[int index]
    {
        get
        {
            if (_list is not null)
            {
                return _list[index];
            }

            return _hasSingle && index == 0 ? _single : throw new ArgumentOutOfRangeException(nameof(index));
        }

        set
        {
            if (_list is not null)
            {
                _list[index] = value;
            }
            else if (_hasSingle && index == 0)
            {
                _single = value;
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
        }
    }

    public void Add(T item)
    {
        if (_list is null && !_hasSingle)
        {
            _single = item;
            _hasSingle = true;
            return;
        }

        Spill().Add(item);
    }

    public void Clear()
    {
        _list?.Clear();
        _single = default!;
        _hasSingle = false;
    }

    public bool Contains(T item) => IndexOf(item) >= 0;

    public void CopyTo(T[] array, int arrayIndex)
    {
        if (_list is not null)
        {
            _list.CopyTo(array, arrayIndex);
        }
        else if (_hasSingle)
        {
            ArgumentNullException.ThrowIfNull(array);
            array[arrayIndex] = _single;
        }
    }

    public int IndexOf(T item)
        => _list?.IndexOf(item) ?? (_hasSingle && EqualityComparer<T>.Default.Equals(_single, item) ? 0 : -1);

    public void Insert(int index, T item)
    {
        if (_list is null && !_hasSingle && index == 0)
        {
            Add(item);
            return;
        }

        Spill().Insert(index, item);
    }

    public bool Remove(T item)
    {
        var index = IndexOf(item);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    public void RemoveAt(int index) => Spill().RemoveAt(index);

    public IEnumerator<T> GetEnumerator()
    {
        if (_list is not null)
        {
            return _list.GetEnumerator();
        }

        return Single();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<T> Single()
    {
        if (_hasSingle)
        {
            yield return _single;
        }
    }

    private List<T> Spill()
    {
        if (_list is null)
        {
            _list = new List<T>(4);
            if (_hasSingle)
            {
                _list.Add(_single);
                _single = default!;
                _hasSingle = false;
            }
        }

        return _list;
    }
}
