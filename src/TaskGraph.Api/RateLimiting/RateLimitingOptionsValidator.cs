using Microsoft.Extensions.Options;

namespace TaskGraph.Api.RateLimiting;

[OptionsValidator]
public sealed partial class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>;
