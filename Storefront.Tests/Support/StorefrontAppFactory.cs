using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Storefront.Tests.Support;

/// <summary>The whole app on its own temporary SQLite file and key ring, in the Development environment (seeded demo users).</summary>
public class StorefrontAppFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "storefront-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(directory, "storefront.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseEnvironment("Development");
        // UseSetting lands in configuration before Program registers services (unlike ConfigureAppConfiguration).
        builder.UseSetting("ConnectionStrings:Storefront", $"Data Source={DatabasePath}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(directory, "keys"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
