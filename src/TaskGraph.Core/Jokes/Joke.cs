namespace TaskGraph.Core.Jokes;

/// <summary>A joke, in the shape the original service returned.</summary>
public sealed record Joke(int Id, string Type, string Setup, string Punchline);
