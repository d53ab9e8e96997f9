using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>A real SMTP server (the SmtpServer package) on a loopback port, keeping every message it accepts and every login it was given; it may refuse the first messages.</summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly Channel<MimeMessage> _messages = Channel.CreateUnbounded<MimeMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private readonly Refusals _refusals;

    /// <param name="port">The port to listen on; a free one when null (a test may reserve one first to show an outage).</param>
    /// <param name="refuseFirst">How many messages to refuse (554 at the end of DATA) before accepting.</param>
    public LocalSmtpServer(int? port = null, int refuseFirst = 0)
    {
        _refusals = new Refusals(refuseFirst);
        Port = port ?? LoopbackPort.Free();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port)).AllowUnsecureAuthentication())
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(_messages.Writer, _refusals));
        services.Add(new Authenticator(Logins));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>How many messages were refused so far.</summary>
    public int Refused => _refusals.Count;

    /// <summary>The user names and passwords clients authenticated with.</summary>
    public ConcurrentQueue<(string User, string Password)> Logins { get; } = new();

    public async Task<MimeMessage> NextMessageAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await _messages.Reader.ReadAsync(cancel.Token);
    }

    public bool TryTakeMessage(out MimeMessage? message) => _messages.Reader.TryRead(out message);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }

    private sealed class Refusals(int refuseFirst)
    {
        private int _messages;

        public int Count => Math.Min(Volatile.Read(ref _messages), refuseFirst);

        public bool RefuseNext() => Interlocked.Increment(ref _messages) <= refuseFirst;
    }

    private sealed class Store(ChannelWriter<MimeMessage> messages, Refusals refusals) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (refusals.RefuseNext())
            {
                return SmtpResponse.TransactionFailed;
            }
            using var stream = new MemoryStream(buffer.ToArray());
            await messages.WriteAsync(await MimeMessage.LoadAsync(stream, cancellationToken), cancellationToken);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(ConcurrentQueue<(string, string)> logins) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            logins.Enqueue((user, password));
            return Task.FromResult(true);
        }
    }
}
