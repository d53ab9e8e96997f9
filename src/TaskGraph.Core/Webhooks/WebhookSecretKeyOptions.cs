namespace TaskGraph.Core.Webhooks;

/// <summary>Bound from section <c>Webhooks</c>: earlier values of <c>SECRET_KEY</c>, to read secrets stored before a rotation.</summary>
public sealed class WebhookSecretKeyOptions
{
    public string[] PreviousSecretKeys { get; set; } = [];
}
