using System.Text.Json;

namespace TaskGraph.Api.Http;

/// <summary>A JSON value error whose message is written for clients (the serializer's own name CLR types).</summary>
public sealed class JsonFieldException(string message) : JsonException(message);
