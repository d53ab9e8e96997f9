using GraphQL.Types;
using TaskGraph.Core.Jobs;

namespace TaskGraph.Schema.Types;

public sealed class JobType : ObjectGraphType<JobReport>
{
    public JobType()
    {
        Name = "Job";
        Description = "A background job you started (an import): its status, progress and the rows it skipped.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The job's id (the same as in the REST API's /v1/jobs/{id}).").Resolve(c => c.Source.Job.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("type").Description("What the job does: `task_import`.").Resolve(c => c.Source.Job.Type);
        Field<NonNullGraphType<JobStatusType>>("status").Description("Where the job is.").Resolve(c => c.Source.Job.Status);
        Field<NonNullGraphType<IntGraphType>>("done").Description("Rows finished: imported or reported in `errors`.").Resolve(c => c.Source.Job.Done);
        Field<NonNullGraphType<IntGraphType>>("total").Description("Rows in the upload.").Resolve(c => c.Source.Job.Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JobRowErrorType>>>>("errors").Description("Each skipped row's problems, in row order.").Resolve(c => c.Source.Errors);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the job was started (UTC).").Resolve(c => c.Source.Job.CreatedAt);
        Field<DateTimeGraphType>("finishedAt").Description("When the job finished (UTC); null until then.").Resolve(c => c.Source.Job.FinishedAt);
    }
}
