using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of a test's own, in a temp directory on a free port, which the test may stop
/// and start (the suite's shared server must stay up for the other tests). Needs the server tools,
/// which scripts/test.sh installs for its PostgreSQL run; initdb refuses root, so as root the
/// cluster belongs to the postgres user, as in the script.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _port;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";

    private string Data => Path.Combine(_directory, "data");

    public static async Task<PostgresServer> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("taskgraph-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", directory);
        }
        var server = new PostgresServer(directory, FreePort());
        await RunAsync(Tool("initdb"), "-D", server.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await server.StartAsync();
        return server;
    }

    public Task StartAsync() => RunAsync(Tool("pg_ctl"), "-D", Data, "-l", Path.Combine(_directory, "postgres.log"), "-w", "-t", "60",
        "-o", $"-c listen_addresses=127.0.0.1 -c port={_port.ToString(CultureInfo.InvariantCulture)} -c unix_socket_directories='{_directory}' -c fsync=off", "start");

    /// <summary>A fast shutdown: sessions are ended and the port closes, as when an operator stops the server.</summary>
    public Task StopAsync() => RunAsync(Tool("pg_ctl"), "-D", Data, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Tool("pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>On PATH, else the newest /usr/lib/postgresql/&lt;version&gt;/bin (Debian keeps the server tools off PATH).</summary>
    private static string Tool(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin", name)).Where(File.Exists).Order().LastOrDefault()
            : null;
        return onPath ?? versioned ?? throw new InvalidOperationException($"{name} is not installed: run scripts/test.sh, which installs PostgreSQL.");
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = IsRoot && program != "chown"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
