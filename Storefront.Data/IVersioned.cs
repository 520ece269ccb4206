namespace Storefront.Data;

/// <summary>
/// Rows edited concurrently (by two admins, or two checkout tabs) carry a version number that is the optimistic
/// concurrency token. The context bumps it on every update, so it works the same on SQLite and PostgreSQL.
/// </summary>
public interface IVersioned
{
    int Version { get; }

    void BumpVersion();
}
