using BenchmarkDotNet.Attributes;
using TaskGraph.Core.Common;

namespace TaskGraph.Benchmarks;

/// <summary>A keyset cursor of two sort keys and the id, as every GraphQL edge carries one.</summary>
[MemoryDiagnoser]
public class CursorCodecBenchmarks
{
    private const string Order = "Priority:desc,Title:asc,Id:asc";
    private readonly Cursor _cursor = new(Order, [Cursor.Value(2), Cursor.Value("write the quarterly report"), Cursor.Value(4711)]);
    private string _encoded = string.Empty;

    [GlobalSetup]
    public void Setup() => _encoded = _cursor.Encode();

    [Benchmark]
    public string Encode() => _cursor.Encode();

    [Benchmark]
    public IReadOnlyList<System.Text.Json.JsonElement> Decode() => Cursor.Decode(_encoded, Order, 3, "after");
}
