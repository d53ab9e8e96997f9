namespace TaskGraph.Schema;

/// <summary>The <c>extensions.code</c> values of GraphQL errors (the contract's list, plus the protocol-level ones).</summary>
public static class ErrorCodes
{
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    public const string NotFound = "NOT_FOUND";
    public const string Validation = "VALIDATION_ERROR";
    public const string Conflict = "CONFLICT";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string UpstreamUnavailable = "UPSTREAM_UNAVAILABLE";
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The database is unreachable; the operation may be retried after <c>Retry-After</c>.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string Internal = "INTERNAL_ERROR";

    /// <summary>The document is not valid GraphQL syntax.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document does not validate against the schema (unknown field, wrong argument type…).</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>The HTTP request itself is not a GraphQL request (bad JSON, missing query, mutation over GET…).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>The codes we set; any other code on an error came from the library and is mapped.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        NotAuthenticated, NotAuthorized, NotFound, Validation, Conflict, InvalidCredentials,
        UpstreamUnavailable, QueryTooComplex, RateLimited, ServiceUnavailable, Internal, ParseFailed, ValidationFailed, BadRequest,
    };
}
