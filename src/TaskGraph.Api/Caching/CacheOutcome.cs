namespace TaskGraph.Api.Caching;

public enum CacheOutcome
{
    /// <summary>Caching is off (no Redis): nothing was looked up or stored.</summary>
    Bypass,
    Hit,
    Miss,
}
