using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Storefront.Data.Providers;

/// <summary>
/// Microsoft.Data.Sqlite 10 is compiled against SQLitePCLRaw 2.1, but the package registry this project builds
/// from only serves 2.0.6. Every member Microsoft.Data.Sqlite uses exists in 2.0.6 except
/// <c>sqlite3_load_extension</c>, which Storefront never calls. This shim answers the runtime's request for the
/// 2.1 assemblies with the 2.0.6 ones shipped next to the app. Delete it once SQLitePCLRaw 2.1 restores.
/// </summary>
public static class SqliteBindingShim
{
    private static int installed;

    /// <summary>
    /// Installs the resolver. Runs automatically when Storefront.Data loads; call it explicitly before opening a
    /// SqliteConnection in code that touches no Storefront.Data type first.
    /// </summary>
    public static void EnsureInstalled()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += ResolveSqlitePclRaw;
    }

#pragma warning disable CA2255 // A module initializer is the one place that runs before any SQLite type is bound.
    [ModuleInitializer]
    internal static void InstallOnLoad() => EnsureInstalled();
#pragma warning restore CA2255

    private static Assembly? ResolveSqlitePclRaw(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || !name.Name.StartsWith("SQLitePCLRaw.", StringComparison.Ordinal))
        {
            return null;
        }

        var directory = Path.GetDirectoryName(typeof(SQLitePCL.raw).Assembly.Location) ?? AppContext.BaseDirectory;
        var candidate = Path.Combine(directory, name.Name + ".dll");
        return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
    }
}
