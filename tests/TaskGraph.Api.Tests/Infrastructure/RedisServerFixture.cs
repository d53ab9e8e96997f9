using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// A real redis-server of the tests' own on a free loopback port, without persistence; tests can kill
/// it and start it again on the same port to play an outage. scripts/test.sh installs redis-server.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private Process? _server;

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>REDIS_URL as the contract spells it; the app's parser is exercised on every test run.</summary>
    public string Url => $"redis://127.0.0.1:{Port}/0";

    public bool IsRunning => _server is { HasExited: false };

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _server = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server is not installed: run scripts/test.sh, which installs it (apt-get install redis-server).", exception);
        }
        // Drain its output so a full pipe can never block it.
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilAsync(PingsAsync, "redis-server did not answer PING");
    }

    /// <summary>Kills the server at once (SIGKILL): clients see their connections drop, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_server is null)
        {
            return;
        }
        _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _server = null;
    }

    public async Task DisposeAsync() => await KillAsync();

    /// <summary>
    /// Freezes the server (SIGSTOP): connections stay open and nothing is answered, as on a stalled
    /// host. Unlike CLIENT PAUSE ALL it needs no Redis command to end, so <see cref="ThawAsync"/> always works.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        var pid = _server?.Id ?? throw new InvalidOperationException("redis-server is not running.");
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure);
            }
            await Task.Delay(50);
        }
    }

}

/// <summary>Tests against real Redis share one server and run one at a time (some of them kill it).</summary>
[CollectionDefinition(Name)]
public sealed class RedisTests : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
