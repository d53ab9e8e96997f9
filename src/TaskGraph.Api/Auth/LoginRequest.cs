namespace TaskGraph.Api.Auth;

public sealed record LoginRequest(string? Username, string? Password)
{
    /// <summary>JSON, or form fields as OAuth2's password flow sends them (the docs page's Authorize button).</summary>
    public static async Task<LoginRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return new LoginRequest(form["username"], form["password"]);
        }
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send application/json or application/x-www-form-urlencoded.", StatusCodes.Status415UnsupportedMediaType);
        }
        return await request.ReadFromJsonAsync<LoginRequest>(cancellationToken)
            ?? throw new BadHttpRequestException("A JSON body is required.");
    }
}
