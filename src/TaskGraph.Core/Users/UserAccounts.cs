using System.Data;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Core.Users;

/// <summary>Registration, login, roles and the admin user list: the user rules both faces share.</summary>
public sealed partial class UserAccounts(TaskGraphDbContext db, PasswordHasher passwords, CallerCache callers, TimeProvider time)
{
    public async Task<User> RegisterAsync(string? username, string? email, string? password, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        username = username?.Trim();
        email = email?.Trim();
        if (!IsValidUsername(username))
        {
            errors.Add("username", "Username must be 3-50 characters: letters, digits, '_', '.' or '-'.");
        }
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !EmailPattern().IsMatch(email) || !TextRules.IsSingleLine(email))
        {
            errors.Add("email", "Email must be a valid address.");
        }
        PasswordHasher.Validate(password, errors);
        errors.ThrowIfAny();

        var user = new User
        {
            Username = username!,
            NormalizedUsername = username!.ToLowerInvariant(),
            Email = email!,
            NormalizedEmail = email!.ToLowerInvariant(),
            PasswordHash = await passwords.HashAsync(password!, cancellationToken),
            Role = Role.User, // registration never grants admin, whatever the request says
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await EnsureUniqueAsync(user, cancellationToken);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration won the unique index between our check and the insert.
            db.Entry(user).State = EntityState.Detached;
            await EnsureUniqueAsync(user, cancellationToken);
            throw;
        }
        // An id can be reused after a delete (SQLite): an instance may remember it as nobody.
        await callers.EvictAsync(user.Id, cancellationToken);
        return user;
    }

    /// <summary>
    /// The same failure, and the same bcrypt cost, whether the username exists or not. Missing fields
    /// and control characters are a validation error: no stored name or password can have them.
    /// </summary>
    public async Task<User> AuthenticateAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        RequireText(username?.Trim(), "username", "Username", errors);
        RequireText(password, "password", "Password", errors);
        errors.ThrowIfAny();
        var normalized = username!.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        if (!await passwords.VerifyAsync(password!, user?.PasswordHash, cancellationToken) || user is null)
        {
            throw new DomainException(ErrorKind.InvalidCredentials, "Incorrect username or password.");
        }
        return user;
    }

    private static void RequireText(string? value, string field, string label, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, $"{label} is required.");
        }
        else if (!TextRules.IsSingleLine(value))
        {
            errors.Add(field, TextRules.Message);
        }
    }

    public async Task<User> GetAsync(int id, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
        ?? throw DomainException.NotFound("User", id);

    public async Task<Page<User>> ListAsync(int skip, int limit, CancellationToken cancellationToken)
    {
        var total = await db.Users.CountAsync(cancellationToken);
        var items = await db.Users.AsNoTracking().OrderBy(u => u.Id).Skip(skip).Take(limit).ToListAsync(cancellationToken);
        return new Page<User>(items, total, skip, limit);
    }

    /// <summary>A keyset page of all users in id order (the GraphQL <c>users</c> connection).</summary>
    public async Task<Connection<User>> PageAsync(PageRequest page, CancellationToken cancellationToken)
    {
        page.Validate();
        var users = db.Users.AsNoTracking();
        var window = users;
        int? after = page.After is { } a ? CursorId(a, "after") : null;
        int? before = page.Before is { } b ? CursorId(b, "before") : null;
        if (after is { } afterId)
        {
            window = window.Where(u => u.Id > afterId);
        }
        if (before is { } beforeId)
        {
            window = window.Where(u => u.Id < beforeId);
        }
        var total = await users.CountAsync(cancellationToken);
        var ordered = page.Backward ? window.OrderByDescending(u => u.Id) : window.OrderBy(u => u.Id);
        var rows = await ordered.Take(page.Size + 1).ToListAsync(cancellationToken);
        var beyondCursor = (page.Backward ? before : after) is { } from
            && await (page.Backward ? users.Where(u => u.Id >= from) : users.Where(u => u.Id <= from)).AnyAsync(cancellationToken);
        return Connection.FromRows(rows, page, beyondCursor, total, u => new Cursor(UserOrder, [Cursor.Value(u.Id)]).Encode());
    }

    private const string UserOrder = "Id:asc";

    private static int CursorId(string cursor, string argument)
    {
        try
        {
            return Cursor.ReadInt32(Cursor.Decode(cursor, UserOrder, 1, argument)[0], 1, int.MaxValue);
        }
        catch (FormatException)
        {
            throw Cursor.Invalid(argument);
        }
    }

    /// <summary>
    /// Changes a role; refuses to demote the last admin, which would lock everyone out of admin routes.
    /// Check and change run in one serializable transaction, so two admins demoting each other at
    /// once cannot both pass the check: SQLite serializes the writers, PostgreSQL fails one of them
    /// with a serialization error and that one is retried (then sees the other's change).
    /// </summary>
    public async Task<User> SetRoleAsync(int userId, Role role, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SetRoleOnceAsync(userId, role, cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxSerializationAttempts && IsSerializationFailure(exception))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private const int MaxSerializationAttempts = 5;

    private async Task<User> SetRoleOnceAsync(int userId, Role role, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw DomainException.NotFound("User", userId);
        if (user.Role == Role.Admin && role != Role.Admin
            && await db.Users.CountAsync(u => u.Role == Role.Admin, cancellationToken) <= 1)
        {
            throw new DomainException(ErrorKind.Conflict, "The last admin cannot be demoted.");
        }
        user.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await callers.EvictAsync(userId, cancellationToken);
        return user;
    }

    private static bool IsSerializationFailure(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Start-up bootstrap: the configured admin exists, is an admin and has the configured password.
    /// Several instances may run it at once on a fresh database: the one whose insert loses the
    /// unique index finds the winner's row on its second pass and only updates it.
    /// </summary>
    public async Task EnsureAdminAsync(string username, string password, CancellationToken cancellationToken)
    {
        var normalized = username.Trim().ToLowerInvariant();
        for (var attempt = 1; ; attempt++)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
            if (user is null)
            {
                try
                {
                    user = await RegisterAsync(username, $"{normalized}@admin.taskgraph.invalid", password, cancellationToken);
                }
                catch (DomainException exception) when (exception.Kind == ErrorKind.Conflict && attempt == 1)
                {
                    continue;
                }
            }
            else if (!await passwords.VerifyAsync(password, user.PasswordHash, cancellationToken))
            {
                user.PasswordHash = await passwords.HashAsync(password, cancellationToken);
            }
            user.Role = Role.Admin;
            await db.SaveChangesAsync(cancellationToken);
            await callers.EvictAsync(user.Id, cancellationToken);
            return;
        }
    }

    /// <summary>
    /// The user as a caller, with the role they hold now, or null when the user no longer exists: the
    /// lookup every authenticated request makes, answered from <see cref="CallerCache"/> when it can be.
    /// </summary>
    public ValueTask<Actor?> FindActorAsync(int userId, CancellationToken cancellationToken) =>
        callers.GetOrLoadAsync(userId, async token =>
        {
            var role = await FindRole.For(db)(db, userId, token);
            return role is { } current ? new Actor(userId, current) : null;
        }, cancellationToken);

    /// <summary>A user's role by id (null: no such user), compiled once: the query runs on every cache miss.</summary>
    private static readonly PerModel<Func<TaskGraphDbContext, int, CancellationToken, Task<Role?>>> FindRole = new(() =>
        EF.CompileAsyncQuery((TaskGraphDbContext context, int id, CancellationToken _) =>
            context.Users.Where(u => u.Id == id).Select(u => (Role?)u.Role).FirstOrDefault()));

    /// <summary><see cref="FindActorAsync"/>'s lookup for many users at once (the event dispatcher's, per batch): every id asked for is a key, null for users that no longer exist.</summary>
    public async Task<Dictionary<int, Role?>> FindRolesAsync(IReadOnlyCollection<int> userIds, CancellationToken cancellationToken)
    {
        var roles = userIds.ToDictionary(id => id, _ => (Role?)null);
        foreach (var chunk in userIds.Chunk(500))
        {
            foreach (var user in await db.Users.Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.Role }).ToListAsync(cancellationToken))
            {
                roles[user.Id] = user.Role;
            }
        }
        return roles;
    }

    private async Task EnsureUniqueAsync(User user, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedUsername == user.NormalizedUsername, cancellationToken))
        {
            throw new DomainException(ErrorKind.Conflict, "That username is already taken.");
        }
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail, cancellationToken))
        {
            throw new DomainException(ErrorKind.Conflict, "That email is already registered.");
        }
    }

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,50}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
