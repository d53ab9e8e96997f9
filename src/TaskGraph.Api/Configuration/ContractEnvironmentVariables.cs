namespace TaskGraph.Api.Configuration;

/// <summary>
/// The contract's flat environment variables (SECRET_KEY, DATABASE_URL, …) mapped onto the options
/// sections, added last so they win over appsettings*.json and Section__Key variables.
/// </summary>
public static class ContractEnvironmentVariables
{
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SECRET_KEY"] = "Auth:SecretKey",
        ["ACCESS_TOKEN_MINUTES"] = "Auth:AccessTokenMinutes",
        ["DATABASE_URL"] = "Database:Url",
        ["REDIS_URL"] = "Redis:Url",
        ["RATE_LIMIT"] = "RateLimiting:Limit",
        ["RATE_PERIOD"] = "RateLimiting:PeriodSeconds",
        ["JOKE_API_URL"] = "Jokes:BaseUrl",
        ["ADMIN_USERNAME"] = "Admin:Username",
        ["ADMIN_PASSWORD"] = "Admin:Password",
        ["GRAPHQL_MAX_COST"] = "GraphQL:MaxCost",
        ["GRAPHQL_COST_LIMIT"] = "GraphQL:CostLimit",
        ["REMINDER_LEAD_MINUTES"] = "Reminders:LeadMinutes",
        ["SMTP_URL"] = "Smtp:Url",
        ["SMTP_FROM"] = "Smtp:From",
        ["WEBHOOK_ALLOW_PRIVATE"] = "Webhooks:AllowPrivate",
    };

    public static IConfigurationBuilder AddContractEnvironmentVariables(this IConfigurationBuilder configuration)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Aliases)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }
        return configuration.AddInMemoryCollection(values);
    }
}
