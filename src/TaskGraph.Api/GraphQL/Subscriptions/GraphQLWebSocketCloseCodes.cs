using System.Net.WebSockets;

namespace TaskGraph.Api.GraphQL.Subscriptions;

/// <summary>
/// The close codes this server sends: graphql-transport-ws's own (44xx) and the WebSocket ones it
/// leaves to RFC 6455. The graphql-ws client reconnects after 1001 and 1013 and gives up on the rest.
/// </summary>
public static class GraphQLWebSocketCloseCodes
{
    /// <summary>The client ended the connection, or a subscription-only client's last operation completed.</summary>
    public const WebSocketCloseStatus Normal = WebSocketCloseStatus.NormalClosure;

    /// <summary>The server is shutting down; every open subscription was completed first.</summary>
    public const WebSocketCloseStatus GoingAway = WebSocketCloseStatus.EndpointUnavailable;

    /// <summary>A message larger than Subscriptions:MaxMessageBytes.</summary>
    public const WebSocketCloseStatus MessageTooBig = WebSocketCloseStatus.MessageTooBig;

    /// <summary>"Try again later": the client read too slowly and its backlog hit the limit; reconnect with <c>after:</c>.</summary>
    public const WebSocketCloseStatus SlowConsumer = (WebSocketCloseStatus)1013;

    public const WebSocketCloseStatus BadRequest = (WebSocketCloseStatus)4400;
    public const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4401;
    public const WebSocketCloseStatus SubprotocolNotAcceptable = (WebSocketCloseStatus)4406;
    public const WebSocketCloseStatus ConnectionInitialisationTimeout = (WebSocketCloseStatus)4408;
    public const WebSocketCloseStatus SubscriberAlreadyExists = (WebSocketCloseStatus)4409;
    public const WebSocketCloseStatus TooManyInitialisationRequests = (WebSocketCloseStatus)4429;
    public const WebSocketCloseStatus InternalServerError = (WebSocketCloseStatus)4500;
}
