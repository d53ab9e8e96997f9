namespace TaskGraph.Schema;

/// <summary>The TaskGraph GraphQL schema: the same core as REST, in the shape of the contract.</summary>
public sealed class TaskGraphSchema : global::GraphQL.Types.Schema
{
    public TaskGraphSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Description = "TaskGraph: tasks, their owners and a joke, over one core shared with the REST API.";
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}
