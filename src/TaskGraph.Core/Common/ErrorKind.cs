namespace TaskGraph.Core.Common;

/// <summary>What went wrong, in terms both faces translate: REST to a status code, GraphQL to an error code.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    StaleVersion,
    InvalidCredentials,
    Forbidden,
    UpstreamUnavailable,
}
