namespace TaskGraph.Core.Common;

/// <summary>Collects field errors so a request reports every problem at once, not the first.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>Each field with its messages, in the order they were first added.</summary>
    public IEnumerable<(string Field, string Message)> Entries => _errors.SelectMany(e => e.Value.Select(message => (e.Key, message)));

    public void ThrowIfAny()
    {
        if (IsEmpty)
        {
            return;
        }
        var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        var summary = string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
        throw new DomainException(ErrorKind.Validation, $"The request is invalid. {summary}", errors);
    }
}
