using TaskGraph.Api.RateLimiting;

namespace TaskGraph.Api.Tests.RateLimiting;

public sealed class InProcessRateLimitStoreTests
{
    private static readonly RateLimitPolicy FivePerMinute = new("default", 5, TimeSpan.FromSeconds(60), KeyByUser: true);

    [Fact]
    public async Task Never_more_than_the_limit_in_any_window_of_the_period()
    {
        var time = new ManualTime();
        var store = new InProcessRateLimitStore(time);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await store.AcquireAsync("a", FivePerMinute, 1, default)).Allowed);
            time.Advance(TimeSpan.FromSeconds(10)); // requests at 0, 10, 20, 30, 40 s
        }

        // At 50 s the window (−10 s, 50 s] still holds all five.
        var denied = (await store.AcquireAsync("a", FivePerMinute, 1, default));
        Assert.False(denied.Allowed);
        Assert.Equal(0, denied.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(10), denied.ResetAfter);

        // At exactly 60 s the first request has left the window: one slot, and only one.
        time.Advance(TimeSpan.FromSeconds(10));
        var allowed = (await store.AcquireAsync("a", FivePerMinute, 1, default));
        Assert.True(allowed.Allowed);
        Assert.Equal(0, allowed.Remaining);
        Assert.False((await store.AcquireAsync("a", FivePerMinute, 1, default)).Allowed);
    }

    [Fact]
    public async Task Keys_and_policies_count_separately()
    {
        var store = new InProcessRateLimitStore(new ManualTime());
        var auth = FivePerMinute with { Name = "auth", Limit = 1 };

        Assert.True((await store.AcquireAsync("a", auth, 1, default)).Allowed);
        Assert.False((await store.AcquireAsync("a", auth, 1, default)).Allowed);
        Assert.True((await store.AcquireAsync("b", auth, 1, default)).Allowed);
        Assert.Equal(4, (await store.AcquireAsync("a", FivePerMinute, 1, default)).Remaining);
    }

    [Fact]
    public async Task Idle_logs_are_swept_without_losing_live_counts()
    {
        var time = new ManualTime();
        var store = new InProcessRateLimitStore(time);
        var oneShort = FivePerMinute with { Limit = 1, Period = TimeSpan.FromSeconds(1) };
        var oneLong = FivePerMinute with { Name = "long", Limit = 1 };
        Assert.True((await store.AcquireAsync("live", oneLong, 1, default)).Allowed);
        for (var i = 0; i < 2100; i++)
        {
            await store.AcquireAsync($"idle-{i}", oneShort, 1, default);
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        // Sweeps ran (every 1024 decisions) with the short logs expired; the long window's entry survived.
        Assert.False((await store.AcquireAsync("live", oneLong, 1, default)).Allowed);
        Assert.True((await store.AcquireAsync("idle-0", oneShort, 1, default)).Allowed);
    }

    [Fact]
    public async Task Several_permits_are_taken_together_or_not_at_all_and_reset_says_when_they_fit()
    {
        var time = new ManualTime();
        var store = new InProcessRateLimitStore(time);
        Assert.True((await store.AcquireAsync("a", FivePerMinute, 2, default)).Allowed); // at 0 s
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await store.AcquireAsync("a", FivePerMinute, 1, default)).Allowed); // at 10 s

        var four = await store.AcquireAsync("a", FivePerMinute, 4, default);
        var two = await store.AcquireAsync("a", FivePerMinute, 2, default);

        // Four need two of the three counted to leave: both at 0 s go at 60 s, 50 s from now.
        Assert.False(four.Allowed);
        Assert.Equal(2, four.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(50), four.ResetAfter);
        Assert.True(two.Allowed);
        Assert.Equal(0, two.Remaining);
    }

    [Fact]
    public async Task Released_permits_can_be_taken_again_and_the_older_ones_still_expire_first()
    {
        var time = new ManualTime();
        var store = new InProcessRateLimitStore(time);
        Assert.True((await store.AcquireAsync("a", FivePerMinute, 2, default)).Allowed); // at 0 s
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await store.AcquireAsync("a", FivePerMinute, 3, default)).Allowed); // at 30 s
        Assert.False((await store.AcquireAsync("a", FivePerMinute, 1, default)).Allowed);

        store.Release("a", FivePerMinute, 3); // the three at 30 s, as when Redis refuses them

        var retaken = await store.AcquireAsync("a", FivePerMinute, 3, default);
        Assert.True(retaken.Allowed);
        Assert.Equal(0, retaken.Remaining);
        // The two at 0 s are still the oldest: they leave the window at 60 s, 30 s from now.
        var full = await store.AcquireAsync("a", FivePerMinute, 1, default);
        Assert.False(full.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(30), full.ResetAfter);
    }

    [Fact]
    public async Task A_cost_budget_takes_all_or_nothing_and_restores_at_its_rate_up_to_the_limit()
    {
        var time = new ManualTime();
        var store = new InProcessCostBudgetStore(time);
        var policy = new CostBudgetPolicy(100, TimeSpan.FromSeconds(10)); // 10 points a second

        Assert.True((await store.ApplyAsync("a", policy, 70, default)).Allowed);
        var refused = await store.ApplyAsync("a", policy, 40, default);
        time.Advance(TimeSpan.FromSeconds(1));
        var restored = await store.ApplyAsync("a", policy, 0, default);
        var givenBack = await store.ApplyAsync("a", policy, -500, default);

        Assert.False(refused.Allowed);
        Assert.Equal(30, refused.Available, 3);
        Assert.Equal(40, restored.Available, 3);
        Assert.Equal(100, givenBack.Available, 3);
        Assert.Equal(2, policy.SecondsUntil(40, 25)); // 15 points at 10 a second
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
