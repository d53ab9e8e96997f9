namespace TaskGraph.Core.Tasks.Import;

/// <summary>Hands an import job to the host's job engine; a seam because the core and the schema do not know the engine.</summary>
public interface ITaskImportJobs
{
    void Enqueue(Guid jobId);
}
