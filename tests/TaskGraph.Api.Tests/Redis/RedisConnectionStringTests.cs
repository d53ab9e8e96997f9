using TaskGraph.Api.Redis;

namespace TaskGraph.Api.Tests.Redis;

public sealed class RedisConnectionStringTests
{
    [Theory]
    [InlineData("redis://localhost", "localhost:6379", null, null, null, false)]
    [InlineData("redis://cache.internal:6380/2", "cache.internal:6380", null, null, 2, false)]
    [InlineData("redis://:s3cr%40t@10.0.0.5:6379/0", "10.0.0.5:6379", null, "s3cr@t", 0, false)]
    [InlineData("redis://app:pw@10.0.0.5:7000", "10.0.0.5:7000", "app", "pw", null, false)]
    [InlineData("rediss://secure.example.com:6390", "secure.example.com:6390", null, null, null, true)]
    [InlineData("localhost:6381,password=pw,defaultDatabase=3", "localhost:6381", null, "pw", 3, false)]
    public void Parses_redis_urls_and_stackexchange_configuration_strings(string url, string endpoint, string? user, string? password, int? database, bool ssl)
    {
        var options = RedisConnectionString.Parse(url);

        Assert.Equal(endpoint, Format(options.EndPoints.Single()));
        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
        Assert.Equal(database, options.DefaultDatabase);
        Assert.Equal(ssl, options.Ssl);
    }

    [Theory]
    [InlineData("redis://localhost:6379/not-a-number")]
    [InlineData("redis://")]
    public void Rejects_malformed_urls(string url) =>
        Assert.Throws<FormatException>(() => RedisConnectionString.Parse(url));

    private static string Format(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        System.Net.IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        _ => endPoint.ToString()!,
    };
}
