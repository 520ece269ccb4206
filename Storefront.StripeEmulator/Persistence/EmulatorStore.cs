using Microsoft.Data.Sqlite;

namespace Storefront.StripeEmulator.Persistence;

/// <summary>
/// The emulator's state file: <c>emulator.db</c> (SQLite, WAL) in its data folder, plus <c>emulator.lock</c>, held open
/// exclusively for the store's lifetime so that a second process (or host) cannot write the same folder. The OS drops
/// the lock when the process dies, even on <c>kill -9</c>. WAL with <c>synchronous=NORMAL</c>: a committed transaction
/// survives the process being killed at any moment (only a power cut may lose the last ones).
/// Tables: <c>objects(kind, id, json)</c> for every entity, <c>meta(key, value)</c>, <c>deliveries(n, json)</c> (the attempt log).
/// </summary>
internal sealed class EmulatorStore : IDisposable
{
    public const string FileName = "emulator.db";
    public const string LockFileName = "emulator.lock";

    private readonly FileStream _lock;
    private readonly SqliteConnection _db;

    private EmulatorStore(FileStream lockFile, SqliteConnection db)
    {
        _lock = lockFile;
        _db = db;
    }

    public static EmulatorStore Open(string directory)
    {
        Directory.CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The Stripe emulator's data folder '{directory}' is in use by another emulator. Stop it, or give this one its own folder.", ex);
        }
        try
        {
            var db = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory, FileName),
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            db.Open();
            Execute(db, """
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=NORMAL;
                CREATE TABLE IF NOT EXISTS objects(kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS meta(key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS deliveries(n INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL);
                """);
            return new EmulatorStore(lockFile, db);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    public List<(string Kind, string Id, string Json)> ReadObjects()
    {
        var rows = new List<(string, string, string)>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT kind, id, json FROM objects";
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    public Dictionary<string, string> ReadMeta()
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT key, value FROM meta";
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) meta[reader.GetString(0)] = reader.GetString(1);
        return meta;
    }

    /// <summary>The newest <paramref name="count"/> delivery attempts, oldest first.</summary>
    public List<string> ReadDeliveries(int count)
    {
        var rows = new List<string>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT json FROM (SELECT n, json FROM deliveries ORDER BY n DESC LIMIT $count) ORDER BY n";
        cmd.Parameters.AddWithValue("$count", count);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Writes one batch in one transaction: it is all there after a crash, or none of it is.</summary>
    public void Write(IReadOnlyList<StoreChange> changes, IReadOnlyDictionary<string, string> meta, IReadOnlyList<string> newDeliveries, bool clearDeliveries)
    {
        using var tx = _db.BeginTransaction();
        if (clearDeliveries) Execute(_db, "DELETE FROM deliveries", tx);
        if (changes.Count > 0)
        {
            using var upsert = Command("INSERT INTO objects(kind, id, json) VALUES ($k, $i, $j) ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json", tx, "$k", "$i", "$j");
            using var delete = Command("DELETE FROM objects WHERE kind = $k AND id = $i", tx, "$k", "$i");
            foreach (var c in changes)
            {
                var cmd = c.Json is null ? delete : upsert;
                cmd.Parameters["$k"].Value = c.Kind;
                cmd.Parameters["$i"].Value = c.Id;
                if (c.Json is not null) cmd.Parameters["$j"].Value = c.Json;
                cmd.ExecuteNonQuery();
            }
        }
        if (meta.Count > 0)
        {
            using var put = Command("INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", tx, "$k", "$v");
            foreach (var (k, v) in meta)
            {
                put.Parameters["$k"].Value = k;
                put.Parameters["$v"].Value = v;
                put.ExecuteNonQuery();
            }
        }
        if (newDeliveries.Count > 0)
        {
            using var add = Command("INSERT INTO deliveries(json) VALUES ($j)", tx, "$j");
            foreach (var d in newDeliveries)
            {
                add.Parameters["$j"].Value = d;
                add.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    private SqliteCommand Command(string sql, SqliteTransaction tx, params string[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var p in parameters) cmd.Parameters.Add(new SqliteParameter(p, null));
        return cmd;
    }

    private static void Execute(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _db.Dispose();
        _lock.Dispose();
    }
}
