using Microsoft.AspNetCore.Http.Metadata;

namespace TaskGraph.Api.Errors;

/// <summary>An endpoint's own body limit in place of <see cref="RequestBodyLimit"/>, with the 413 detail that names it (and any other limit of that endpoint).</summary>
public sealed record EndpointBodyLimit(long MaxBytes, string TooLargeDetail) : IRequestSizeLimitMetadata
{
    long? IRequestSizeLimitMetadata.MaxRequestBodySize => MaxBytes;
}
