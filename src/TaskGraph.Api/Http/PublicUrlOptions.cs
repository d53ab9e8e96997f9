using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Api.Http;

/// <summary>
/// Bound from section <c>PublicUrl</c>: where clients reach the API. URLs the API emits (<c>Link</c>)
/// are this base plus a path when it is set, else relative, never built from the request's
/// <c>Host</c> header (which any client can set).
/// </summary>
public sealed class PublicUrlOptions : IValidatableObject
{
    public const string SectionName = "PublicUrl";

    /// <summary>e.g. <c>https://api.example.com</c> (a path prefix is allowed); unset → relative URLs.</summary>
    public string? BaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(BaseUrl)
            && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            yield return new ValidationResult("PublicUrl:BaseUrl must be an absolute http(s) URL without query or fragment, e.g. https://api.example.com.", [nameof(BaseUrl)]);
        }
    }
}
