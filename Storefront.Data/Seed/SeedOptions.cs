namespace Storefront.Data.Seed;

/// <summary>
/// Bound from "Seed". Accounts are created only when configured: appsettings.Development.json holds the documented
/// development admin and demo shoppers; production configuration holds none, so nothing is hard-coded there.
/// </summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>Seed the demo catalog and rules from the embedded seed.json.</summary>
    public bool Catalog { get; set; } = true;

    public List<SeedUser> Users { get; set; } = new();
}

public sealed class SeedUser
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public string Role { get; set; } = Identity.Roles.Customer;

    /// <summary>Minor units; lets demo shoppers start in a loyalty tier.</summary>
    public long LifetimeSpend { get; set; }

    /// <summary>
    /// Base32 authenticator key: when set, the account has two-factor sign-in enabled with this key, so a developer
    /// (or a test) can compute its time-based codes. Development configuration only.
    /// </summary>
    public string? AuthenticatorKey { get; set; }
}
