namespace TaskGraph.Core.Reminders;

/// <summary>
/// Hands a reminder's e-mail to the host's job engine once the reminder is committed; a seam because the
/// core does not know the engine, and the tests drop an enqueue through it to stand for a crash.
/// </summary>
public interface IReminderEmailJobs
{
    void Enqueue(long reminderId);
}
