using MiladyCloud.Sdk.Internal.Json;

namespace MiladyCloud.Sdk.Tests.Streaming;

/// <summary>The one-item list behind hand-read <c>choices</c> and <c>tool_calls</c> behaves as a plain mutable list.</summary>
public class CompactListTests
{
    [Test]
    public void It_behaves_as_a_list_with_one_item_and_after_growing()
    {
        var list = new CompactList<string> { "a" };
        Assert.That(list, Is.EqualTo(new[] { "a" }));
        Assert.That((list.Count, list[0], list.IndexOf("a"), list.Contains("b")), Is.EqualTo((1, "a", 0, false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[1]);

        list.Add("b");
        list.Insert(0, "z");
        list[1] = "A";
        Assert.That(list, Is.EqualTo(new[] { "z", "A", "b" }));
        Assert.That(list.Remove("z"), Is.True);
        list.RemoveAt(1);
        Assert.That(list, Is.EqualTo(new[] { "A" }));

        var copy = new string[2];
        list.CopyTo(copy, 1);
        Assert.That(copy, Is.EqualTo(new[] { null, "A" }));
        list.Clear();
        Assert.That(list, Is.Empty);
    }

    [Test]
    public void An_empty_list_takes_an_insert_and_a_removal_of_its_only_item()
    {
        var list = new CompactList<int>();
        list.Insert(0, 7);
        Assert.That(list, Is.EqualTo(new[] { 7 }));
        Assert.That(list.Remove(7), Is.True);
        Assert.That(list, Is.Empty);
        Assert.That(list.Remove(7), Is.False);
    }
}
