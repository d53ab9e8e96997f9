using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>Stands for a process that dies between a reminder's commit and its e-mail's enqueue: while <see cref="Dropping"/>, enqueues are lost.</summary>
public sealed class DroppingReminderEmails
{
    private int _requested;

    public bool Dropping { get; set; } = true;

    /// <summary>Enqueues asked for, dropped or not.</summary>
    public int Requested => Volatile.Read(ref _requested);

    public IReminderEmailJobs Over(IReminderEmailJobs engine) => new Jobs(this, engine);

    private sealed class Jobs(DroppingReminderEmails owner, IReminderEmailJobs engine) : IReminderEmailJobs
    {
        public void Enqueue(long reminderId)
        {
            Interlocked.Increment(ref owner._requested);
            if (!owner.Dropping)
            {
                engine.Enqueue(reminderId);
            }
        }
    }
}
