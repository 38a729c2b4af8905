using Frikommune.Edge.Mqtt;

namespace Frikommune.Edge.Tests.Mqtt;

public sealed class OutboxTests
{
    static OutboundMessage M(string topic) => OutboundMessage.Text(topic, "{}");

    [Fact]
    public async Task When_full_the_oldest_is_dropped_and_the_rest_keep_their_order()
    {
        var outbox = new Outbox(2);
        var first = outbox.Enqueue(M("a"), out _);
        outbox.Enqueue(M("b"), out _);
        outbox.Enqueue(M("c"), out var dropped);
        Assert.Same(first, dropped);
        Assert.Equal(PublishOutcome.Dropped, await first.Done.Task);
        var next = await outbox.PeekAsync(CancellationToken.None);
        Assert.Equal("b", next.Message.Topic);
        outbox.Complete(next, PublishOutcome.Delivered);
        Assert.Equal("c", (await outbox.PeekAsync(CancellationToken.None)).Message.Topic);
        Assert.Equal(PublishOutcome.Delivered, await next.Done.Task);
    }

    [Fact]
    public async Task Peek_waits_for_a_message_and_leaves_it_in_place_until_completed()
    {
        var outbox = new Outbox(10);
        var peek = outbox.PeekAsync(CancellationToken.None);
        Assert.False(peek.IsCompleted);
        outbox.Enqueue(M("a"), out _);
        var item = await peek.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Same(item, await outbox.PeekAsync(CancellationToken.None));
        Assert.Equal(1, outbox.Count);
        Assert.Equal(1, outbox.DropAll());
        Assert.Equal(PublishOutcome.Dropped, await item.Done.Task);
    }
}
