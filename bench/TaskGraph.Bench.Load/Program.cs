using System.Globalization;
using TaskGraph.Bench.Load;

// bench/load.sh runs this against a started API: --url http://127.0.0.1:PORT [--clients 50] [--seconds 60] [--users 5]
var options = args.Chunk(2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.Ordinal);
var url = new Uri(options["url"]);
var clients = int.Parse(options.GetValueOrDefault("clients", "50"), CultureInfo.InvariantCulture);
var seconds = int.Parse(options.GetValueOrDefault("seconds", "60"), CultureInfo.InvariantCulture);
var users = int.Parse(options.GetValueOrDefault("users", "5"), CultureInfo.InvariantCulture);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
var run = new LoadRun(http);
var tokens = await run.SignUpAsync(users);
var report = await run.DriveAsync(tokens, clients, TimeSpan.FromSeconds(seconds));
var lost = await run.ReadBackAsync(report.Writes);
report.Print(lost, Console.Out);
return report.Errors == 0 && lost.Count == 0 ? 0 : 1;
