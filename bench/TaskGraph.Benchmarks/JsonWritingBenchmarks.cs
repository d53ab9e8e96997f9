using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using TaskGraph.Api.Http;
using TaskGraph.Api.Tasks;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Benchmarks;

/// <summary>A REST page of 20 tasks to UTF-8 JSON: the API's options (generated metadata first) against the same options on reflection alone.</summary>
[MemoryDiagnoser]
public class JsonWritingBenchmarks
{
    private readonly JsonSerializerOptions _generated = Options(generated: true);
    private readonly JsonSerializerOptions _reflection = Options(generated: false);
    private readonly List<TaskResponse> _page = [.. Enumerable.Range(1, 20).Select(i => new TaskResponse(
        i, $"task {i}", i % 2 == 0 ? "with a description" : null, i % 3 == 0, Priority.High, null,
        new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), 1, 1))];

    [Benchmark(Baseline = true)]
    public byte[] Reflection() => JsonSerializer.SerializeToUtf8Bytes(_page, _reflection);

    [Benchmark]
    public byte[] SourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_page, _generated);

    /// <summary>As ASP.NET Core's JSON options start (web defaults, reflection), configured as the API does.</summary>
    private static JsonSerializerOptions Options(bool generated)
    {
        var options = RestJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });
        if (!generated)
        {
            options.TypeInfoResolverChain.RemoveAt(0);
        }
        return options;
    }
}
