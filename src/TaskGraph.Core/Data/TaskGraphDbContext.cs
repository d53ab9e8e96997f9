using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TaskGraph.Core.Common;
using TaskGraph.Core.Events;
using TaskGraph.Core.Jobs;
using TaskGraph.Core.Reminders;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Import;
using TaskGraph.Core.Users;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Core.Data;

public sealed class TaskGraphDbContext(DbContextOptions<TaskGraphDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<TaskEvent> TaskEvents => Set<TaskEvent>();

    public DbSet<TaskReminder> TaskReminders => Set<TaskReminder>();

    public DbSet<EventCursor> EventCursors => Set<EventCursor>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<JobError> JobErrors => Set<JobError>();

    public DbSet<ImportRow> ImportRows => Set<ImportRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Applies to DateTime? as well: every instant leaves the database as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Username).HasMaxLength(50);
            user.Property(u => u.NormalizedUsername).HasMaxLength(50);
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.NormalizedEmail).HasMaxLength(254);
            user.Property(u => u.PasswordHash).HasMaxLength(100);
            user.Property(u => u.Role)
                .HasConversion(r => r == Role.Admin ? "admin" : "user", s => s == "admin" ? Role.Admin : Role.User)
                .HasMaxLength(16);
            user.HasIndex(u => u.NormalizedUsername).IsUnique();
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
        });

        modelBuilder.Entity<TaskItem>(task =>
        {
            task.ToTable("tasks");
            task.Property(t => t.Title).HasMaxLength(200);
            task.Property(t => t.Description).HasMaxLength(2000);
            task.Property(t => t.Version).IsConcurrencyToken();
            task.HasOne<User>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
            // The list queries: a user's tasks newest first, and a user's open/done tasks.
            task.HasIndex(t => new { t.OwnerId, t.CreatedAt });
            task.HasIndex(t => new { t.OwnerId, t.Completed });
            // The reminder scan: open tasks by due date.
            task.HasIndex(t => new { t.Completed, t.DueDate });
        });

        modelBuilder.Entity<TaskEvent>(change =>
        {
            change.ToTable("task_events");
            change.Property(e => e.Type)
                .HasConversion(t => t.ToName(), s => TaskEventTypeNames.Parse(s))
                .HasMaxLength(32);
            // No foreign key to the task: a deletion's event outlives the task.
            change.HasOne<User>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
            change.Ignore(e => e.Task);
            // The sync feed and replays of one user: their events in id order.
            change.HasIndex(e => new { e.OwnerId, e.Id });
        });

        modelBuilder.Entity<TaskReminder>(reminder =>
        {
            reminder.ToTable("task_reminders");
            // Once per task and due date, whichever instance gets there first; deleting the task drops its reminders.
            reminder.HasIndex(r => new { r.TaskId, r.DueDate }).IsUnique();
            reminder.HasOne<TaskItem>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
            // Pending e-mails, for the scan that enqueues again those whose job was lost.
            reminder.HasIndex(r => r.EmailDueAt);
        });

        modelBuilder.Entity<EventCursor>(cursor =>
        {
            cursor.ToTable("event_cursors");
            cursor.HasKey(c => c.Name);
            cursor.Property(c => c.Name).HasMaxLength(64);
            cursor.Property(c => c.LeasedBy).HasMaxLength(128);
            cursor.HasData(new EventCursor { Name = EventCursor.Webhooks, Position = 0 });
        });

        modelBuilder.Entity<Webhook>(webhook =>
        {
            webhook.ToTable("webhooks");
            webhook.Property(w => w.Url).HasMaxLength(WebhookUrls.MaxLength);
            webhook.Property(w => w.Events).HasMaxLength(200);
            webhook.Property(w => w.Description).HasMaxLength(WebhookSubscriptions.MaxDescriptionLength);
            webhook.Property(w => w.ProtectedSecret).HasMaxLength(200);
            webhook.Property(w => w.DisabledReason).HasMaxLength(200);
            webhook.Ignore(w => w.Active);
            webhook.Ignore(w => w.EventTypes);
            webhook.HasOne<User>().WithMany().HasForeignKey(w => w.OwnerId).OnDelete(DeleteBehavior.Cascade);
            // The dispatcher's lookup: the active webhooks of the owners of a batch of events.
            webhook.HasIndex(w => w.OwnerId);
        });

        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.Property(d => d.Status)
                .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<WebhookDeliveryStatus>(s, true))
                .HasMaxLength(16);
            delivery.Property(d => d.Error).HasMaxLength(500);
            delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
            // The log newest first, and "was this event delivered to this webhook already?".
            delivery.HasIndex(d => new { d.WebhookId, d.EventId });
        });

        modelBuilder.Entity<Job>(job =>
        {
            job.ToTable("jobs");
            job.Property(j => j.Type).HasMaxLength(32);
            job.Property(j => j.Status)
                .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<JobStatus>(s, true))
                .HasMaxLength(16);
            job.HasOne<User>().WithMany().HasForeignKey(j => j.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<JobError>(error =>
        {
            error.ToTable("job_errors");
            error.Property(e => e.Field).HasMaxLength(32);
            error.Property(e => e.Message).HasMaxLength(500);
            error.HasOne<Job>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
            error.HasIndex(e => new { e.JobId, e.Row });
        });

        modelBuilder.Entity<ImportRow>(row =>
        {
            row.ToTable("import_rows");
            row.HasKey(r => new { r.JobId, r.Row });
            row.HasOne<Job>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
            row.OwnsMany(r => r.Errors, errors => errors.ToJson("errors"));
        });

        // snake_case columns, so the schema reads naturally in psql/sqlite3 without quoting.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CutTimestampsToStoredPrecision();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CutTimestampsToStoredPrecision();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL keeps microseconds, .NET has 100 ns ticks: cutting the entities' own values before
    /// saving makes the response to a write equal every later read (and SQLite behave the same).
    /// </summary>
    private void CutTimestampsToStoredPrecision()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            foreach (var property in entry.Properties)
            {
                // Only values being written: rows stored earlier (SQLite keeps 100 ns) are left as they are.
                var written = entry.State == EntityState.Added || (entry.State == EntityState.Modified && property.IsModified);
                if (written && property.CurrentValue is DateTime value && UtcDateTime.ToStoredPrecision(value) is var cut && cut != value)
                {
                    property.CurrentValue = cut;
                }
            }
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(v => UtcDateTime.AsUtc(v), v => UtcDateTime.AsUtc(v));
}
