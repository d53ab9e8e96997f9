using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Core.Jokes;

/// <summary>Bound from section <c>Jokes</c>; <c>JOKE_API_URL</c> maps to <c>Jokes:BaseUrl</c>.</summary>
public sealed class JokeOptions
{
    public const string SectionName = "Jokes";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://official-joke-api.appspot.com";

    /// <summary>The whole call, retries included, gives up after this long (the contract says 3 s).</summary>
    [Range(0.1, 60)]
    public double TimeoutSeconds { get; set; } = 3;
}
