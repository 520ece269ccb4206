using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Data.Providers;

/// <summary>
/// Everything that differs between database engines lives here, so adding PostgreSQL for multi-instance
/// deployments means adding a case to this file and a migrations assembly, not hunting through the code base.
/// </summary>
public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";

    /// <param name="baseDirectory">Relative file paths in the connection string are resolved against this (the content root).</param>
    public static DbContextOptionsBuilder UseStorefrontDatabase(this DbContextOptionsBuilder options, string provider, string connectionString, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        switch (provider)
        {
            case Sqlite:
                return options.UseSqlite(ResolveSqliteFile(connectionString, baseDirectory));
            default:
                throw new NotSupportedException($"Database provider '{provider}' is not supported; use '{Sqlite}'.");
        }
    }

    /// <summary>Makes a relative SQLite file path absolute and creates its folder, so the app runs from any working directory.</summary>
    public static string ResolveSqliteFile(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, baseDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }

    /// <summary>Type mappings the engine needs that the model itself should not know about.</summary>
    internal static void ApplyConventions(ModelConfigurationBuilder builder, string? providerName)
    {
        if (providerName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite has no date type and EF cannot compare or order DateTimeOffset stored as text; a 64-bit
            // integer keeps UTC order, so expiry sweeps and date filters run in SQL.
            builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
