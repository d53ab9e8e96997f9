using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>The built API as a process of its own, as a container runs it, with its output captured line by line.</summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ApiProcess(IReadOnlyDictionary<string, string> environment, bool holdOutput)
    {
        Port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TaskGraph.Api.dll"), "--urls", BaseAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Enqueue(_output, line.Data);
        _process.ErrorDataReceived += (_, line) => Enqueue(_errors, line.Data);
        if (!holdOutput)
        {
            _process.BeginOutputReadLine();
        }
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int Id => _process.Id;

    public IReadOnlyList<string> StandardOutput => [.. _output];

    public IReadOnlyList<string> StandardError => [.. _errors];

    /// <summary>
    /// Starts TaskGraph.Api.dll from the test output folder with exactly these settings added to the
    /// environment. With <paramref name="holdOutput"/>, stdout is not read until <see cref="ReadOutput"/>: a full pipe stalls the app's log writer.
    /// </summary>
    public static ApiProcess Start(IReadOnlyDictionary<string, string> environment, bool holdOutput = false) => new(environment, holdOutput);

    /// <summary>Starts reading stdout of a process started with its output held.</summary>
    public void ReadOutput() => _process.BeginOutputReadLine();

    /// <summary>Waits until /health/ready answers 200, or fails (with the app's output) when it exits or the time is up.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode} before it was ready: {string.Join('\n', StandardError)}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/health/ready"), deadline.Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"The API was not ready within {timeout.TotalSeconds} s: {string.Join('\n', StandardOutput.TakeLast(20))}");
    }

    /// <summary>Waits for the process to end (its output read to the end) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as `docker stop` sends it.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static void Enqueue(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
