using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TaskGraph.Core.Auth;

/// <summary>
/// Fills the development key and refuses to start elsewhere without a real one: the JWT library
/// would only fail at the first login, long after a deploy looked healthy.
/// </summary>
internal sealed class AuthOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<AuthOptions>, IValidateOptions<AuthOptions>
{
    public void PostConfigure(string? name, AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.SecretKey) && environment.IsDevelopment())
        {
            options.SecretKey = AuthOptions.DevelopmentKey;
        }
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.SecretKey))
        {
            return ValidateOptionsResult.Fail(
                $"SECRET_KEY is not set. Outside Development (environment: {environment.EnvironmentName}) it must be a random string of at least {AuthOptions.MinimumKeyBytes} bytes.");
        }
        if (options.SigningKeyBytes.Length < AuthOptions.MinimumKeyBytes)
        {
            return ValidateOptionsResult.Fail(
                $"SECRET_KEY is {options.SigningKeyBytes.Length} bytes; HS256 needs at least {AuthOptions.MinimumKeyBytes}.");
        }
        if (options.SecretKey == AuthOptions.DevelopmentKey && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail("SECRET_KEY is the built-in development key, which is not allowed outside Development.");
        }
        return ValidateOptionsResult.Success;
    }
}
