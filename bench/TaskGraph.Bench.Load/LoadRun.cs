using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TaskGraph.Bench.Load;

/// <summary>
/// Clients that each act for one of several users: REST and GraphQL reads, creates, updates and deletes
/// of their own tasks. Each task is changed by the one client that created it, so the last change the API
/// acknowledged is what a read must return afterwards.
/// </summary>
public sealed class LoadRun(HttpClient http)
{
    private const string Password = "load-test-password";
    private const string GraphQLPage = "{ tasks(first: 20) { totalCount nodes { id title completed priority version } } }";

    public async Task<List<string>> SignUpAsync(int users)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var tokens = new List<string>();
        for (var i = 0; i < users; i++)
        {
            var username = $"load_{run}_{i}";
            (await http.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password = Password })).EnsureSuccessStatusCode();
            var login = await http.PostAsJsonAsync("/v1/auth/login", new { username, password = Password });
            login.EnsureSuccessStatusCode();
            tokens.Add((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!);
        }
        return tokens;
    }

    public async Task<LoadReport> DriveAsync(IReadOnlyList<string> tokens, int clients, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(i => new Client(http, tokens[i % tokens.Count], new Random(i))).ToList();
        await Task.WhenAll(workers.Select(worker => Task.Run(() => worker.RunUntilAsync(deadline))));
        var errors = workers.Sum(w => w.Errors);
        return new LoadReport(duration, [.. workers.SelectMany(w => w.Latencies)], errors,
            [.. workers.SelectMany(w => w.ErrorSamples).Take(10)], [.. workers.SelectMany(w => w.Tasks)], workers.Sum(w => w.AcknowledgedWrites));
    }

    /// <summary>Every acknowledged task as its owner reads it now; each line is a task that is not what was acknowledged.</summary>
    public async Task<List<string>> ReadBackAsync(IReadOnlyList<AcknowledgedTask> tasks)
    {
        var wrong = new List<string>();
        foreach (var task in tasks)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/tasks/{task.Id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", task.Token);
            using var response = await http.SendAsync(request);
            if (task.Deleted)
            {
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    wrong.Add($"task {task.Id}: deleted, but read back {(int)response.StatusCode}");
                }
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                wrong.Add($"task {task.Id}: read back {(int)response.StatusCode}");
                continue;
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var (title, version) = (body.GetProperty("title").GetString(), body.GetProperty("version").GetInt32());
            if (title != task.Title || version != task.Version)
            {
                wrong.Add($"task {task.Id}: acknowledged '{task.Title}' v{task.Version}, read back '{title}' v{version}");
            }
        }
        return wrong;
    }

    private sealed class Client(HttpClient http, string token, Random random)
    {
        private int _writes;

        public List<long> Latencies { get; } = [];

        public List<AcknowledgedTask> Tasks { get; } = [];

        public List<string> ErrorSamples { get; } = [];

        public long Errors { get; private set; }

        public int AcknowledgedWrites => _writes;

        public async Task RunUntilAsync(long deadline)
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var live = Tasks.Where(t => !t.Deleted).ToList();
                var own = live.Count == 0 ? null : live[random.Next(live.Count)];
                var roll = random.Next(100);
                try
                {
                    await (roll switch
                    {
                        < 30 => SendAsync(HttpMethod.Get, "/v1/tasks?limit=20", null),
                        < 45 => GraphQLAsync(GraphQLPage),
                        < 55 when own is not null => SendAsync(HttpMethod.Get, $"/v1/tasks/{own.Id}", null),
                        < 70 => CreateRestAsync(),
                        < 80 => CreateGraphQLAsync(),
                        < 90 when own is not null => UpdateRestAsync(own),
                        < 96 when own is not null => UpdateGraphQLAsync(own),
                        < 100 when own is not null => DeleteAsync(own),
                        _ => CreateRestAsync(),
                    });
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException)
                {
                    Fail(exception.Message);
                }
            }
        }

        private async Task CreateRestAsync()
        {
            var title = NewTitle();
            var body = await SendAsync(HttpMethod.Post, "/v1/tasks", new { title, priority = "medium" });
            if (body is { } task)
            {
                Acknowledge(new AcknowledgedTask(task.GetProperty("id").GetInt32(), token, title, task.GetProperty("version").GetInt32()));
            }
        }

        private async Task CreateGraphQLAsync()
        {
            var title = NewTitle();
            var data = await GraphQLAsync("mutation($title: String!) { createTask(input: {title: $title, priority: HIGH}) { id version } }", new { title });
            if (data is { } result)
            {
                var task = result.GetProperty("createTask");
                Acknowledge(new AcknowledgedTask(int.Parse(task.GetProperty("id").GetString()!, CultureInfo.InvariantCulture), token, title, task.GetProperty("version").GetInt32()));
            }
        }

        private async Task UpdateRestAsync(AcknowledgedTask task)
        {
            var title = NewTitle();
            if (await SendAsync(HttpMethod.Patch, $"/v1/tasks/{task.Id}", new { title }) is { } body)
            {
                Acknowledge(task, title, body.GetProperty("version").GetInt32());
            }
        }

        private async Task UpdateGraphQLAsync(AcknowledgedTask task)
        {
            var title = NewTitle();
            var data = await GraphQLAsync("mutation($id: ID!, $title: String!, $version: Int) { updateTask(id: $id, input: {title: $title, expectedVersion: $version}) { version } }",
                new { id = task.Id.ToString(CultureInfo.InvariantCulture), title, version = task.Version });
            if (data is { } result)
            {
                Acknowledge(task, title, result.GetProperty("updateTask").GetProperty("version").GetInt32());
            }
        }

        private async Task DeleteAsync(AcknowledgedTask task)
        {
            using var request = Request(HttpMethod.Delete, $"/v1/tasks/{task.Id}", null);
            using var response = await TimedAsync(request);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                task.Deleted = true;
                _writes++;
            }
            else
            {
                Fail($"DELETE /v1/tasks/{task.Id}: {(int)response.StatusCode}");
            }
        }

        private void Acknowledge(AcknowledgedTask task)
        {
            Tasks.Add(task);
            _writes++;
        }

        private void Acknowledge(AcknowledgedTask task, string title, int version)
        {
            (task.Title, task.Version) = (title, version);
            _writes++;
        }

        private async Task<JsonElement?> SendAsync(HttpMethod method, string path, object? body)
        {
            using var request = Request(method, path, body);
            using var response = await TimedAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Fail($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return null;
            }
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        /// <summary>The data of a GraphQL response, or null (counted as an error) when it failed or carries errors.</summary>
        private async Task<JsonElement?> GraphQLAsync(string query, object? variables = null)
        {
            var body = await SendAsync(HttpMethod.Post, "/graphql", new { query, variables });
            if (body is not { } result)
            {
                return null;
            }
            if (result.TryGetProperty("errors", out var errors))
            {
                Fail($"GraphQL: {errors}");
                return null;
            }
            return result.GetProperty("data");
        }

        private HttpRequestMessage Request(HttpMethod method, string path, object? body)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }

        private async Task<HttpResponseMessage> TimedAsync(HttpRequestMessage request)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            Latencies.Add(Stopwatch.GetTimestamp() - start);
            return response;
        }

        private void Fail(string message)
        {
            Errors++;
            if (ErrorSamples.Count < 3)
            {
                ErrorSamples.Add(message.Length > 300 ? message[..300] : message);
            }
        }

        private string NewTitle() => $"load {random.Next():x8}";
    }
}
