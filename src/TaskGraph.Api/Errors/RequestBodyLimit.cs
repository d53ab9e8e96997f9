namespace TaskGraph.Api.Errors;

/// <summary>The largest request body accepted (Kestrel enforces it on chunked bodies too).</summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 1024 * 1024;
}
