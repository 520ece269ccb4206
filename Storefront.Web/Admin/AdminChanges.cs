using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Audit;

namespace Storefront.Web.Admin;

public enum AdminSaveOutcome
{
    Saved,

    /// <summary>The row changed since the form was loaded; nothing was written.</summary>
    Conflict,

    /// <summary>The database refused the change (a unique value taken meanwhile); nothing was written.</summary>
    Rejected,
}

public sealed record AdminSaveResult(AdminSaveOutcome Outcome, string? Message = null)
{
    public bool Saved => Outcome == AdminSaveOutcome.Saved;
}

/// <summary>How one kind of row is named in audit entries and messages, and how it is snapshotted.</summary>
public sealed record AdminEntity<T>(string EntityType, string Thing, Func<T, string> Id, Func<T, object> Snapshot)
    where T : class
{
    public string? SnapshotJson(T? entity) => entity is null ? null : AuditSnapshot.Of(Snapshot(entity));
}

/// <summary>
/// The one way admin pages save: optimistic concurrency against the version the form carried, an audit entry
/// committed together with the change, and a notification for caches once it is stored.
/// </summary>
public sealed class AdminChanges(StorefrontDbContext db, TimeProvider clock, IAdminChangeNotifier notifier, IHttpContextAccessor http)
{
    public static string ConflictMessage(string thing) =>
        $"Someone else changed this {thing} while you were editing. Reload to see their changes.";

    public DateTimeOffset Now => clock.GetUtcNow();

    private string Actor => http.HttpContext?.User.Identity?.Name ?? "admin";

    /// <summary>Saves a change to <paramref name="entity"/>, guarded by its own version.</summary>
    public Task<AdminSaveResult> SaveAsync<T>(AdminEntity<T> kind, T entity, string action, string? before, int? expectedVersion, CancellationToken cancellationToken)
        where T : class =>
        SaveAsync(kind, entity, action, before, entity as IVersioned, expectedVersion, cancellationToken);

    /// <summary>
    /// Saves a change to <paramref name="entity"/> (added, modified or deleted by the caller). When
    /// <paramref name="guard"/> and <paramref name="expectedVersion"/> are given, the save only succeeds if the
    /// guard row still has that version; the guard is then written too, so its version moves on.
    /// </summary>
    public async Task<AdminSaveResult> SaveAsync<T>(
        AdminEntity<T> kind, T entity, string action, string? before, IVersioned? guard, int? expectedVersion, CancellationToken cancellationToken)
        where T : class
    {
        if (guard is not null && expectedVersion is { } expected)
        {
            if (guard.Version != expected)
            {
                return new AdminSaveResult(AdminSaveOutcome.Conflict, ConflictMessage(kind.Thing));
            }

            var guardEntry = db.Entry(guard);
            // The UPDATE/DELETE compares this value, so a writer that committed after we loaded the row still wins the race.
            guardEntry.Property(nameof(IVersioned.Version)).OriginalValue = expected;
            if (guardEntry.State == EntityState.Unchanged)
            {
                guardEntry.State = EntityState.Modified;
            }
        }

        var entry = db.Entry(entity);
        var isNew = entry.State == EntityState.Added;
        var isDeleted = entry.State == EntityState.Deleted;
        AuditEntry? audit = null;
        await using var transaction = isNew ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (isNew)
            {
                // The audit entry names the row by id, which the database assigns; both commit or neither does.
                await db.SaveChangesAsync(cancellationToken);
            }

            audit = new AuditEntry(Now, Actor, action, kind.EntityType, kind.Id(entity))
                .WithChange(before, isDeleted ? null : kind.SnapshotJson(entity));
            db.AuditEntries.Add(audit);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            Forget(audit);
            return new AdminSaveResult(AdminSaveOutcome.Conflict, ConflictMessage(kind.Thing));
        }
        catch (DbUpdateException)
        {
            Forget(audit);
            return new AdminSaveResult(AdminSaveOutcome.Rejected, $"The {kind.Thing} could not be saved: a value that must be unique is already taken. Check the form and try again.");
        }

        await notifier.ChangedAsync(kind.EntityType, cancellationToken);
        return new AdminSaveResult(AdminSaveOutcome.Saved);
    }

    private void Forget(AuditEntry? audit)
    {
        if (audit is not null)
        {
            db.Entry(audit).State = EntityState.Detached;
        }
    }
}
