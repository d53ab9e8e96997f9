using GraphQL.Types;
using TaskGraph.Core.Jobs;

namespace TaskGraph.Schema.Types;

public sealed class JobRowErrorType : ObjectGraphType<JobError>
{
    public JobRowErrorType()
    {
        Name = "JobRowError";
        Description = "Why one row of an import was skipped.";
        Field<NonNullGraphType<IntGraphType>>("row").Description("The row's number, from 1.").Resolve(c => c.Source.Row);
        Field<NonNullGraphType<StringGraphType>>("field").Description("The field at fault, as in the REST API (`title`, `due_date`…).").Resolve(c => c.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("message").Description("What is wrong with it.").Resolve(c => c.Source.Message);
    }
}
